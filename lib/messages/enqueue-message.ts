// Accepting messages: validate, record them as queued (or failed, for an invalid or suppressed number), enqueue.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueueSends, enqueueSendsSoon } from "@/lib/queue/send-queue";
import { SUPPRESSED_REASON } from "@/lib/suppression/suppressions";
import { parseInput } from "@/lib/validation";
import { tryNormalizePhone } from "./phone";
import { sendMessageSchema } from "./schema";
import { batched } from "./batch";
import { createMessages, type CreatedMessage, type NewMessage } from "./lifecycle";
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
  /** An API caller's own campaign id, for `{{campaign_id}}`. */
  campaignLabel?: string;
  dltTemplateId?: string;
}

export interface EnqueueOptions {
  sender?: string;
  /**
   * "wait" (default): return once the jobs are in the queue. "background": return once the messages are
   * recorded, and hand the jobs over right after (the REST API, where the answer's latency counts; see
   * enqueueSendsSoon for why nothing is lost).
   */
  handoff?: "wait" | "background";
}

/** One message from the REST API: `202 { id, status }`. */
export async function enqueueMessage(actor: Actor, raw: unknown, options: Pick<EnqueueOptions, "handoff"> = {}): Promise<AcceptedMessage> {
  requirePermission(actor, "configure");
  const { connectorId, sender, campaignId, ...item } = parseInput(sendMessageSchema, raw);
  const [accepted] = await enqueueMessages(actor, connectorId, [{ ...item, campaignLabel: campaignId }], { ...options, sender });
  return accepted.status === "failed" ? accepted : { id: accepted.id, status: accepted.status };
}

/**
 * Many messages through one connector in one go (campaigns, bulk API, benchmarks): one insert for the
 * messages, one for their first events, one queue call. Invalid and suppressed numbers are recorded as
 * failed — so they show in the log and the failure breakdown — but never queued.
 */
export async function enqueueMessages(actor: Actor, connectorId: string, items: MessageItem[], options: EnqueueOptions = {}): Promise<AcceptedMessage[]> {
  requirePermission(actor, "configure");
  const numbers = items.map((item) => tryNormalizePhone(item.to));
  const { connector, suppressed } = await connectorAndSuppressed(actor.workspaceId, connectorId, numbers.filter((n): n is string => n !== null));
  if (!connector) throw new NotFoundError("Connector");
  const sender = pickSender(connector, options.sender);
  if (!sender) throw new ValidationError([{ field: "sender", message: `This connector has no sender named "${options.sender}"` }]);

  const created = await createMessagesTogether(
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
        campaignLabel: item.campaignLabel,
        dltTemplateId: item.dltTemplateId,
        segments,
        encoding,
        status: refusal ? "failed" : "queued",
        reason: refusal,
      };
    }),
  );
  const jobs = created.filter((row) => row.status === "queued").map((row) => ({ messageId: row.id, connectorId: connector.id }));
  if (options.handoff === "background") enqueueSendsSoon(jobs);
  else await enqueueSends(jobs);
  return created;
}

/**
 * Sends that arrive in the same turn of the event loop (concurrent API requests) share one insert and one
 * commit: the commit's disk flush is the largest cost of accepting a message. If the shared insert fails, each
 * request's messages are inserted on their own, so one bad request cannot fail the others.
 */
const insertTogether = batched(async (groups: NewMessage[][]): Promise<Array<CreatedMessage[] | Error>> => {
  if (groups.length === 1) return [await createMessages(groups[0])];
  try {
    const created = await createMessages(groups.flat());
    let offset = 0;
    return groups.map((group) => created.slice(offset, (offset += group.length)));
  } catch {
    return Promise.all(groups.map((group) => createMessages(group).catch((error: Error) => error)));
  }
}, 100);

async function createMessagesTogether(rows: NewMessage[]): Promise<CreatedMessage[]> {
  if (rows.length > 100) return createMessages(rows);
  const created = await insertTogether(rows);
  if (created instanceof Error) throw created;
  return created;
}

interface SenderRow {
  name: string;
  type: "promotional" | "transactional";
  isDefault: boolean;
}

/** The connector's senders and which of the numbers are suppressed, in one round trip. */
async function connectorAndSuppressed(workspaceId: string, connectorId: string, phones: string[]) {
  const [row] = await db().$queryRaw<Array<{ id: string; senders: SenderRow[]; suppressed: string[] }>>`
    select c.id,
           coalesce((select jsonb_agg(jsonb_build_object('name', s.name, 'type', s.type, 'isDefault', s."isDefault") order by s.position)
                       from "Sender" s where s."connectorId" = c.id), '[]'::jsonb) as senders,
           array(select h.phone from "RecipientHealth" h
                  where h."workspaceId" = ${workspaceId} and h.phone = any(${phones}::text[]) and h."suppressedAt" is not null) as suppressed
      from "Connector" c where c.id = ${connectorId} and c."workspaceId" = ${workspaceId}`;
  return { connector: row ? { id: row.id, senders: row.senders } : null, suppressed: new Set(row?.suppressed ?? []) };
}
