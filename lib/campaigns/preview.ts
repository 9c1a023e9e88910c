// What a campaign's message becomes: for one recipient (the live preview), and across the audience (the total
// number of segments it will take: exact for up to a thousand recipients, estimated from a sample beyond).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { countSegments, type SmsEncoding } from "@/lib/messages/segments";
import { personalise } from "./personalise";
import { findCampaignRow } from "./read-campaigns";

const SAMPLE = 1000;

export interface MessagePreview {
  /** The message as this recipient gets it, or null when personalisation fails for them. */
  text: string | null;
  /** Why personalisation fails for this recipient (a missing attribute without a default). */
  error: string | null;
  characters: number;
  segments: number;
  encoding: SmsEncoding;
  recipient: { messageId: string; to: string; attributes: Record<string, string> } | null;
  audience: {
    recipients: number;
    totalSegments: number;
    /** True when the total comes from a sample of the audience. */
    estimated: boolean;
    /** Recipients of the sample for whom personalisation fails. */
    failing: number;
  };
}

/** `message` (the form's current text, or the saved one) for the recipient `recipientId` (or the first one). */
export async function previewCampaignMessage(actor: Actor, campaignId: string, options: { message?: string; recipientId?: string }): Promise<MessagePreview> {
  requirePermission(actor, "read");
  const campaign = await findCampaignRow(actor, campaignId);
  const message = options.message ?? campaign.message;
  const sample = await db().message.findMany({ where: { campaignId: campaign.id }, select: { id: true, to: true, attributes: true }, orderBy: { id: "asc" }, take: SAMPLE });
  const chosen = (options.recipientId ? sample.find((row) => row.id === options.recipientId) : undefined) ??
    (options.recipientId ? await db().message.findFirst({ where: { id: options.recipientId, campaignId: campaign.id }, select: { id: true, to: true, attributes: true } }) : null) ??
    sample[0] ??
    null;

  const rendered = personalise(message, chosen ?? { to: "", attributes: {} }, campaign.id);
  const text = "text" in rendered ? rendered.text : null;
  const shape = countSegments(text ?? message);

  let segments = 0;
  let failing = 0;
  for (const row of sample) {
    const one = personalise(message, row, campaign.id);
    if ("text" in one) segments += countSegments(one.text).segments;
    else failing += 1;
  }
  const recipients = campaign.audienceValid;
  const estimated = recipients > sample.length;
  const personalised = sample.length - failing;
  const totalSegments = estimated && personalised > 0 ? Math.round((segments / personalised) * recipients) : segments;
  return {
    text,
    error: "error" in rendered ? rendered.error : null,
    characters: [...(text ?? message)].length,
    segments: shape.segments,
    encoding: shape.encoding,
    recipient: chosen ? { messageId: chosen.id, to: chosen.to, attributes: (chosen.attributes ?? {}) as Record<string, string> } : null,
    audience: { recipients, totalSegments, estimated, failing },
  };
}
