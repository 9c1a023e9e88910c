// Accepting a message: validate, record it as queued (or failed, for an invalid number), enqueue it.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueSends } from "@/lib/queue/send-queue";
import { SUPPRESSED_REASON, suppressedAmong } from "@/lib/suppression/suppressions";
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
  const refusal = !to ? "Invalid mobile number" : (await suppressedAmong(actor.workspaceId, [to])).has(to) ? SUPPRESSED_REASON : null;
  if (refusal) {
    // Recorded, so it shows in the log and counts as failed to send, but never queued.
    return db().message.create({
      data: { ...data, status: "failed", reason: refusal, finalAt: new Date(), events: { create: [{ status: "failed", detail: refusal }] } },
      select: { id: true, status: true, reason: true },
    });
  }
  const message = await db().message.create({
    data: { ...data, events: { create: [{ status: "queued" }] } },
    select: { id: true, status: true },
  });
  await enqueueSends([{ messageId: message.id, connectorId: connector.id }]);
  return message;
}

/**
 * Many messages through one connector in one go (campaigns, bulk API, benchmarks): one insert for the
 * messages, one for their first events, one queue call. Invalid and suppressed numbers are recorded as failed.
 */
export async function enqueueMessages(
  actor: Actor,
  connectorId: string,
  items: Array<{ to: string; message: string; attributes?: Record<string, string | number | boolean | null>; campaignId?: string }>,
): Promise<AcceptedMessage[]> {
  requirePermission(actor, "configure");
  const connector = await db().connector.findFirst({
    where: { id: connectorId, workspaceId: actor.workspaceId },
    select: { id: true, senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
  });
  if (!connector) throw new NotFoundError("Connector");
  const sender = pickSender(connector, null)!;
  const now = new Date();
  const numbers = items.map((item) => tryNormalizePhone(item.to));
  const suppressed = await suppressedAmong(actor.workspaceId, numbers.filter((n): n is string => n !== null));
  const rows = items.map((item, index) => {
    const to = numbers[index];
    const refusal = !to ? "Invalid mobile number" : suppressed.has(to) ? SUPPRESSED_REASON : null;
    const { segments, encoding } = countSegments(item.message);
    return {
      workspaceId: actor.workspaceId,
      connectorId: connector.id,
      senderName: sender.name,
      senderType: sender.type,
      to: to ?? item.to,
      body: item.message,
      attributes: item.attributes ?? undefined,
      campaignId: item.campaignId,
      segments,
      encoding,
      status: refusal ? ("failed" as const) : ("queued" as const),
      reason: refusal,
      finalAt: refusal ? now : null,
    };
  });
  const created = await db().$transaction(async (tx) => {
    const inserted = await tx.message.createManyAndReturn({ data: rows, select: { id: true, status: true, reason: true } });
    await tx.messageEvent.createMany({ data: inserted.map((row) => ({ messageId: row.id, status: row.status, detail: row.reason })) });
    return inserted;
  });
  await enqueueSends(created.filter((row) => row.status === "queued").map((row) => ({ messageId: row.id, connectorId: connector.id })));
  return created;
}
