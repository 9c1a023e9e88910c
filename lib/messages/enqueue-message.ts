// Accepting messages: validate, record them as queued (or failed, for an invalid or suppressed number), enqueue.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueueSends } from "@/lib/queue/send-queue";
import { SUPPRESSED_REASON, suppressedAmong } from "@/lib/suppression/suppressions";
import { parseInput } from "@/lib/validation";
import { tryNormalizePhone } from "./phone";
import { sendMessageSchema } from "./schema";
import { createMessages } from "./lifecycle";
import type { MessageStatus } from "./statuses";
import { countSegments } from "./segments";

export interface AcceptedMessage {
  id: string;
  status: MessageStatus;
  reason?: string | null;
}

export interface MessageItem {
  to: string;
  message: string;
  attributes?: Record<string, string | number | boolean | null>;
  campaignId?: string;
  dltTemplateId?: string;
}

/** One message from the REST API: `202 { id, status }`. */
export async function enqueueMessage(actor: Actor, raw: unknown): Promise<AcceptedMessage> {
  requirePermission(actor, "configure");
  const { connectorId, sender, ...item } = parseInput(sendMessageSchema, raw);
  const [accepted] = await enqueueMessages(actor, connectorId, [item], { sender });
  return accepted.status === "failed" ? accepted : { id: accepted.id, status: accepted.status };
}

/**
 * Many messages through one connector in one go (campaigns, bulk API, benchmarks): one insert for the
 * messages, one for their first events, one queue call. Invalid and suppressed numbers are recorded as
 * failed — so they show in the log and the failure breakdown — but never queued.
 */
export async function enqueueMessages(actor: Actor, connectorId: string, items: MessageItem[], options: { sender?: string } = {}): Promise<AcceptedMessage[]> {
  requirePermission(actor, "configure");
  const connector = await db().connector.findFirst({
    where: { id: connectorId, workspaceId: actor.workspaceId },
    select: { id: true, senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
  });
  if (!connector) throw new NotFoundError("Connector");
  const sender = pickSender(connector, options.sender);
  if (!sender) throw new ValidationError([{ field: "sender", message: `This connector has no sender named "${options.sender}"` }]);

  const numbers = items.map((item) => tryNormalizePhone(item.to));
  const suppressed = await suppressedAmong(actor.workspaceId, numbers.filter((n): n is string => n !== null));
  const created = await createMessages(
    items.map((item, index) => {
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
        dltTemplateId: item.dltTemplateId,
        segments,
        encoding,
        status: refusal ? "failed" : "queued",
        reason: refusal,
      };
    }),
  );
  await enqueueSends(created.filter((row) => row.status === "queued").map((row) => ({ messageId: row.id, connectorId: connector.id })));
  return created;
}
