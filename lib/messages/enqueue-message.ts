// Accepting a message: validate, record it as queued (or failed, for an invalid number), enqueue it.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueSends } from "@/lib/queue/send-queue";
import { parseInput } from "@/lib/validation";
import { tryNormalizePhone } from "./phone";
import { sendMessageSchema, type MessageStatus } from "./schema";
import { countSegments } from "./segments";

export interface AcceptedMessage {
  id: string;
  status: MessageStatus;
  reason?: string | null;
}

export async function enqueueMessage(actor: Actor, raw: unknown): Promise<AcceptedMessage> {
  requirePermission(actor, "configure");
  const input = parseInput(sendMessageSchema, raw);
  const connector = await db().connector.findFirst({
    where: { id: input.connectorId, workspaceId: actor.workspaceId },
    select: { id: true, senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
  });
  if (!connector) throw new NotFoundError("Connector");
  const sender = pickSender(connector, input.sender);
  if (!sender) throw new ValidationError([{ field: "sender", message: `This connector has no sender named "${input.sender}"` }]);

  const to = tryNormalizePhone(input.to);
  const { segments, encoding } = countSegments(input.message);
  const data: Prisma.MessageUncheckedCreateInput = {
    workspaceId: actor.workspaceId,
    connectorId: connector.id,
    senderName: sender.name,
    senderType: sender.type,
    to: to ?? input.to,
    body: input.message,
    attributes: input.attributes ?? undefined,
    campaignId: input.campaignId,
    dltTemplateId: input.dltTemplateId,
    segments,
    encoding,
  };
  if (!to) {
    // Recorded, so it shows in the log and the failure breakdown, but never queued.
    const failed = await db().message.create({
      data: { ...data, status: "failed", reason: "Invalid mobile number", finalAt: new Date(), events: { create: [{ status: "failed", detail: "Invalid mobile number" }] } },
      select: { id: true, status: true, reason: true },
    });
    return failed;
  }
  const message = await db().message.create({
    data: { ...data, events: { create: [{ status: "queued" }] } },
    select: { id: true, status: true },
  });
  await enqueueSends([message.id]);
  return message;
}
