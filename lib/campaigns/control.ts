// Changing a campaign's state: start a draft (now or at a time), pause, resume, cancel, edit or delete a draft.
// Each change is one conditional update, so two people pressing buttons at once cannot both win; a change the
// current state does not allow is a 409 that says why.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { cancelQueued, reassignCampaignSender } from "@/lib/messages/lifecycle";
import { parseInput } from "@/lib/validation";
import { findCampaignRow, getCampaign } from "./read-campaigns";
import { campaignDraftSchema, scheduleInstant, startCampaignSchema, type CampaignStatus, type CampaignView } from "./schema";

/** Which states each action may start from. */
const ALLOWED_FROM: Record<"start" | "pause" | "resume" | "cancel" | "edit" | "delete", CampaignStatus[]> = {
  start: ["draft"],
  pause: ["scheduled", "running"],
  resume: ["paused"],
  cancel: ["draft", "scheduled", "running", "paused"],
  edit: ["draft"],
  delete: ["draft"],
};

function refuse(action: keyof typeof ALLOWED_FROM, status: CampaignStatus): ConflictError {
  return new ConflictError(`A ${status} campaign cannot be ${{ start: "started", pause: "paused", resume: "resumed", cancel: "cancelled", edit: "edited", delete: "deleted" }[action]}`, "status");
}

/** Moves the campaign from one of `from` to `data.status`; throws 409 (or 404) when it is in another state. */
async function transition(actor: Actor, id: string, action: keyof typeof ALLOWED_FROM, data: Prisma.CampaignUpdateManyMutationInput): Promise<void> {
  const { count } = await db().campaign.updateMany({ where: { id, workspaceId: actor.workspaceId, status: { in: ALLOWED_FROM[action] } }, data });
  if (count === 0) {
    const row = await findCampaignRow(actor, id);
    throw refuse(action, row.status);
  }
}

/** A draft goes out: at `scheduledAt` (read in `timeZone`), or at once. */
export async function startCampaign(actor: Actor, id: string, raw: unknown = {}): Promise<CampaignView> {
  requirePermission(actor, "configure");
  const input = parseInput(startCampaignSchema, raw);
  const campaign = await findCampaignRow(actor, id);
  if (!campaign.connectorId) throw new ConflictError("The campaign's connector was deleted: it cannot be started", "connectorId");
  // A draft uploaded before its message was written has none yet.
  if (!campaign.message.trim()) throw new ValidationError([{ field: "message", message: "Write the message before starting the campaign" }]);
  const scheduledAt = input.scheduledAt ? scheduleInstant(input.scheduledAt, input.timeZone ?? campaign.timeZone) : null;
  if (scheduledAt && scheduledAt.getTime() <= Date.now()) throw new ValidationError([{ field: "scheduledAt", message: "Pick a time in the future, or leave it empty to start now" }]);
  await transition(
    actor,
    id,
    "start",
    scheduledAt
      ? { status: "scheduled", scheduledAt, timeZone: input.timeZone ?? campaign.timeZone }
      : { status: "running", scheduledAt: null, startedAt: new Date(), ...(input.timeZone ? { timeZone: input.timeZone } : {}) },
  );
  return getCampaign(actor, id);
}

/** Stops handing messages to the provider; those already handed over are not touched. */
export async function pauseCampaign(actor: Actor, id: string): Promise<CampaignView> {
  requirePermission(actor, "configure");
  await transition(actor, id, "pause", { status: "paused" });
  return getCampaign(actor, id);
}

/** Goes on where it stopped: scheduled again when its time has not come yet. */
export async function resumeCampaign(actor: Actor, id: string): Promise<CampaignView> {
  requirePermission(actor, "configure");
  const campaign = await findCampaignRow(actor, id);
  const notYet = campaign.scheduledAt && campaign.scheduledAt.getTime() > Date.now() && !campaign.startedAt;
  await transition(actor, id, "resume", notYet ? { status: "scheduled" } : { status: "running", startedAt: campaign.startedAt ?? new Date() });
  return getCampaign(actor, id);
}

/** Ends the campaign: every recipient not yet handed to the provider is cancelled; nothing is resent. */
export async function cancelCampaign(actor: Actor, id: string): Promise<CampaignView> {
  requirePermission(actor, "configure");
  await transition(actor, id, "cancel", { status: "cancelled", completedAt: new Date() });
  await cancelQueued(id);
  return getCampaign(actor, id);
}

/** A draft's name, message, DLT template id or sender. */
export async function updateCampaignDraft(actor: Actor, id: string, raw: unknown): Promise<CampaignView> {
  requirePermission(actor, "configure");
  const input = parseInput(campaignDraftSchema, raw);
  const campaign = await findCampaignRow(actor, id);
  if (campaign.status !== "draft") throw refuse("edit", campaign.status);
  let sender: { name: string; type: "promotional" | "transactional" } | null = null;
  if (input.sender !== undefined && input.sender !== campaign.senderName) {
    if (!campaign.connectorId) throw new NotFoundError("Connector");
    const connector = await db().connector.findUnique({
      where: { id: campaign.connectorId },
      select: { senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
    });
    sender = connector ? pickSender(connector, input.sender) : null;
    if (!sender) throw new ValidationError([{ field: "sender", message: `This connector has no sender named "${input.sender}"` }]);
  }
  await transition(actor, id, "edit", {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.message !== undefined ? { message: input.message } : {}),
    ...(input.dltTemplateId !== undefined ? { dltTemplateId: input.dltTemplateId || null } : {}),
    ...(sender ? { senderName: sender.name, senderType: sender.type } : {}),
  });
  if (sender) await reassignCampaignSender(id, sender);
  return getCampaign(actor, id);
}

/** Deletes a draft and its audience. */
export async function deleteCampaignDraft(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "configure");
  const { count } = await db().campaign.deleteMany({ where: { id, workspaceId: actor.workspaceId, status: "draft" } });
  if (count === 0) throw refuse("delete", (await findCampaignRow(actor, id)).status);
}
