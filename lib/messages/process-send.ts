// The worker's side of a send: claim the message so no other worker can, wait for a throughput slot,
// make one attempt, and record what happened. Nothing here resends a request that may have reached
// the provider: only failures that provably did not (refused connection, 429, 503) are retried.
import { attemptSend, type AttemptResult } from "@/lib/connectors/attempt";
import { loadSendableConnector } from "@/lib/connectors/runtime";
import { deliveryReportUrl } from "@/lib/delivery/report-url";
import type { AttributeValue } from "@/lib/connectors/template";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { MAX_SEND_ATTEMPTS, RetryLaterError } from "@/lib/queue/send-queue";
import { outboundGuard } from "@/lib/security/outbound";
import { batched } from "./batch";
import { waitForSendSlot } from "./throttle";

export const INTERRUPTED_REASON = "Interrupted while the provider was being called; not resent, to avoid a duplicate";

interface ClaimedMessage {
  id: string;
  connectorId: string;
  to: string;
  body: string;
  senderName: string | null;
  senderType: string | null;
  attributes: Prisma.JsonValue;
  campaignId: string | null;
  dltTemplateId: string | null;
  attempts: number;
}

/** Processes one queued message. Throws RetryLaterError to have the queue retry it later. */
export async function processSend(job: { messageId: string; connectorId?: string }, queueAttempt: number): Promise<void> {
  const connectorId = job.connectorId ?? (await db().message.findUnique({ where: { id: job.messageId }, select: { connectorId: true } }))?.connectorId;
  if (!connectorId) return; // deleted with its connector
  const connector = await loadSendableConnector(connectorId);

  const claimed = await claimWhenSlotFree(job.messageId, connector.id, connector.throughputPerSecond);
  if (!claimed) return explainUnclaimed(job.messageId, connector.timeoutMs);

  const attributes = (claimed.attributes && typeof claimed.attributes === "object" && !Array.isArray(claimed.attributes) ? claimed.attributes : {}) as Record<
    string,
    AttributeValue
  >;
  const result = await attemptSend(
    connector,
    {
      destination: claimed.to,
      message: claimed.body,
      sender: claimed.senderName ?? undefined,
      senderType: claimed.senderType ?? undefined,
      messageId: claimed.id,
      dlrUrl: deliveryReportUrl(connector.kind, connector.publicId),
      campaignId: claimed.campaignId ?? undefined,
      dltTemplateId: claimed.dltTemplateId ?? undefined,
      user: attributes,
    },
    { guard: outboundGuard(), attempt: claimed.attempts },
  );

  if (result.outcome === "sent") return recordSent(claimed.id, result);
  if (result.outcome === "retry" && queueAttempt < MAX_SEND_ATTEMPTS) {
    await requeue(claimed.id, result);
    throw new RetryLaterError(result.reason ?? "retry", result.retryDelayMs);
  }
  await finishFailed(claimed.id, result.reason ?? "Failed", result);
}

/** Waits for a throughput slot, then claims the message: of two workers holding the same job, one gets it. */
async function claimWhenSlotFree(messageId: string, connectorId: string, perSecond: number): Promise<ClaimedMessage | null> {
  await waitForSendSlot(connectorId, perSecond);
  return claim(messageId);
}

/**
 * queued → sending, and the stamp that says the request may go out from now on. A message left in
 * sending by a worker that died before it stamped (it never does today, but an older one might) is taken again.
 * Claims made in the same turn share one statement.
 */
const claimBatch = batched(async (ids: string[]): Promise<Array<ClaimedMessage | null>> => {
  const rows = await db().$queryRaw<ClaimedMessage[]>`
    update "Message" set status = 'sending', attempts = attempts + 1, "updatedAt" = clock_timestamp(), "requestStartedAt" = clock_timestamp()
     where id = any(${ids}::text[])
       and (status = 'queued' or (status = 'sending' and "requestStartedAt" is null and "updatedAt" < clock_timestamp() - interval '30 seconds'))
     returning id, "connectorId", "to", body, "senderName", "senderType"::text as "senderType", attributes, "campaignId", "dltTemplateId", attempts`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  // The same id twice in one batch (two workers holding one job): only the first caller gets it.
  return ids.map((id) => {
    const row = byId.get(id) ?? null;
    byId.delete(id);
    return row;
  });
});

function claim(messageId: string): Promise<ClaimedMessage | null> {
  return claimBatch(messageId);
}

/**
 * Nothing to claim: already handled, deleted, or in flight in another worker — or interrupted mid-request
 * by a worker that died, which we close. It counts as interrupted only once the request has been out longer
 * than the connector's timeout allows: a live worker would have recorded an answer by then.
 */
async function explainUnclaimed(messageId: string, timeoutMs: number): Promise<void> {
  const [stale] = await db().$queryRaw<Array<{ id: string }>>`
    select id from "Message"
     where id = ${messageId} and status = 'sending'
       and "requestStartedAt" < clock_timestamp() - make_interval(secs => ${timeoutMs + 1000}::float8 / 1000)`;
  // A worker died after the request may have gone out: we cannot know, so we do not resend.
  if (stale) await finishFailed(messageId, INTERRUPTED_REASON, null);
}

function attemptJson(result: AttemptResult) {
  return {
    request: result.request ? { ...result.request } : Prisma.JsonNull,
    response: result.response ? { ...result.response } : Prisma.JsonNull,
  };
}

interface SentRecord {
  id: string;
  providerMessageId: string | null;
  note: string | null;
  request: AttemptResult["request"];
  response: AttemptResult["response"];
}

/** Sends recorded in the same turn share one statement; a batch that trips over a reused provider id is retried one by one. */
const recordBatch = batched(async (records: SentRecord[]): Promise<void[]> => {
  try {
    await writeSent(records);
  } catch (error) {
    if (!isUniqueViolation(error) || records.length === 1) throw error;
    for (const record of records) await recordOne(record);
  }
  return records.map(() => undefined);
});

async function writeSent(records: SentRecord[]): Promise<void> {
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as d(id text, "providerMessageId" text, note text, request jsonb, response jsonb)
    ), updated as (
      update "Message" m set status = 'sent', "providerMessageId" = d."providerMessageId", reason = null, "sentAt" = clock_timestamp(),
             "updatedAt" = clock_timestamp(), "lastRequest" = d.request, "lastResponse" = d.response
        from data d where m.id = d.id returning m.id)
    insert into "MessageEvent" ("messageId", status, detail) select d.id, 'sent', d.note from data d join updated u on u.id = d.id`;
}

async function recordOne(record: SentRecord): Promise<void> {
  try {
    await writeSent([record]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The provider reused an id it gave another message: keep the send, but it cannot be matched to reports.
    logger.warn({ messageId: record.id, providerMessageId: record.providerMessageId }, "provider returned a message id already in use");
    await writeSent([{ ...record, providerMessageId: null, note: `Provider id ${record.providerMessageId} already belongs to another message; delivery reports cannot be matched` }]);
  }
}

async function recordSent(messageId: string, result: AttemptResult): Promise<void> {
  await recordBatch({
    id: messageId,
    providerMessageId: result.sentId,
    note: result.note ?? (result.sentId ? `Provider id ${result.sentId}` : null),
    request: result.request,
    response: result.response,
  });
}

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002" || (error.code === "P2010" && /23505|unique/i.test(error.message));
  return /23505|unique constraint/i.test(String((error as Error)?.message));
}

async function requeue(messageId: string, result: AttemptResult): Promise<void> {
  const { request, response } = attemptJson(result);
  await db().message.update({
    where: { id: messageId },
    data: {
      status: "queued",
      requestStartedAt: null,
      lastRequest: request,
      lastResponse: response,
      events: { create: [{ status: "queued", detail: `Retrying in ${Math.ceil(result.retryDelayMs / 1000)} s: ${result.reason}` }] },
    },
    select: { id: true },
  });
}

async function finishFailed(messageId: string, reason: string, result: AttemptResult | null): Promise<void> {
  const attempt = result ? attemptJson(result) : null;
  await db().message.update({
    where: { id: messageId },
    data: {
      status: "failed",
      reason,
      finalAt: new Date(),
      ...(attempt ? { lastRequest: attempt.request, lastResponse: attempt.response } : {}),
      events: { create: [{ status: "failed", detail: reason }] },
    },
    select: { id: true },
  });
}
