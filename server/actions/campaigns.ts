"use server";
// Server actions of the campaign screens: editing, starting and deleting a draft, a test of its message, and pause,
// resume and cancel. The audience upload is the one write that does not come through here: the form posts the file
// to POST /api/v1/campaigns?draft=true, whose handler streams it (an action would hold the whole body in memory).
import { getCountryCallingCode, type CountryCode } from "libphonenumber-js";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { cancelCampaign, deleteCampaignDraft, pauseCampaign, resumeCampaign, startCampaign, updateCampaignDraft } from "@/lib/campaigns/control";
import { previewCampaignMessage } from "@/lib/campaigns/preview";
import { findCampaignRow } from "@/lib/campaigns/read-campaigns";
import { testSend } from "@/lib/connectors/test-send";
import { ConflictError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";

const LIST = "/campaigns";
const page = (id: string) => `${LIST}/${encodeURIComponent(id)}`;

function revalidate(id: string) {
  revalidatePath(LIST);
  revalidatePath(page(id));
}

/** A draft's name, message, DLT template id or sender. */
export async function updateCampaignDraftAction(id: string, input: unknown) {
  return runAction("configure", "updateCampaignDraft", async (actor) => {
    const campaign = await updateCampaignDraft(actor, String(id), input);
    revalidate(campaign.id);
    return campaign;
  });
}

/**
 * Saves the draft as the form shows it, then starts it: now, or at `when.scheduledAt` read in `when.timeZone`. What
 * the confirmation dialog described is what goes out.
 */
export async function startCampaignAction(id: string, draft: unknown, when: unknown) {
  return runAction("configure", "startCampaign", async (actor) => {
    await updateCampaignDraft(actor, String(id), draft);
    const campaign = await startCampaign(actor, String(id), when);
    revalidate(campaign.id);
    return campaign;
  });
}

export async function pauseCampaignAction(id: string) {
  return runAction("configure", "pauseCampaign", async (actor) => {
    const campaign = await pauseCampaign(actor, String(id));
    revalidate(campaign.id);
    return campaign;
  });
}

export async function resumeCampaignAction(id: string) {
  return runAction("configure", "resumeCampaign", async (actor) => {
    const campaign = await resumeCampaign(actor, String(id));
    revalidate(campaign.id);
    return campaign;
  });
}

/** Every recipient not yet handed to the provider is cancelled; nothing already sent is sent again. */
export async function cancelCampaignAction(id: string) {
  return runAction("configure", "cancelCampaign", async (actor) => {
    const campaign = await cancelCampaign(actor, String(id));
    revalidate(campaign.id);
    return campaign;
  });
}

export async function deleteCampaignDraftAction(id: string) {
  return runAction("configure", "deleteCampaignDraft", async (actor) => {
    await deleteCampaignDraft(actor, String(id));
    revalidatePath(LIST);
    return { id: String(id) };
  });
}

const campaignTestSchema = z.object({
  to: z.string().trim().min(1, "Enter a mobile number").max(32),
  /** The form's message, saved or not. */
  message: z.string().min(1, "Write the message first").max(1600),
  /** Whose attributes fill the message: one of the audience's recipients (its message id). */
  recipientId: z.string().max(100).optional(),
  sender: z.string().trim().max(50).optional(),
});

/**
 * Sends the message as `recipientId` would get it — personalised with their attributes — to the number `to`, through the
 * campaign's connector: the connector's Send Test SMS, recorded as a test message so its delivery report is matched.
 */
export async function sendCampaignTestAction(id: string, input: unknown) {
  return runAction("configure", "sendCampaignTest", async (actor) => {
    const test = parseInput(campaignTestSchema, input);
    const campaign = await findCampaignRow(actor, String(id));
    if (!campaign.connectorId) throw new ConflictError("The campaign's connector was deleted: nothing can be sent through it", "connectorId");
    const preview = await previewCampaignMessage(actor, campaign.id, { message: test.message, recipientId: test.recipientId });
    if (preview.text === null) throw new ValidationError([{ field: "message", message: preview.error ?? "The message cannot be personalised for this recipient" }]);
    // A national number is read as the audience's are: in the campaign's default country.
    const countryCode = campaign.defaultCountry ? `+${getCountryCallingCode(campaign.defaultCountry as CountryCode)}` : undefined;
    const result = await testSend(actor, campaign.connectorId, { to: test.to, countryCode, message: preview.text, sender: test.sender || campaign.senderName });
    return { text: preview.text, messageId: result.messageId, sentId: result.sentId, error: result.error, note: result.note, responseStatus: result.response?.status ?? null };
  });
}
