// The worker's side of a send: claim the message so no other worker can, wait for a throughput slot,
// make one attempt, and record what happened. Nothing here resends a request that may have reached
// the provider: only failures that provably did not (refused connection, 429, 503) are retried.
import { attemptSend, type AttemptResult } from "@/lib/connectors/attempt";
import { loadSendableConnector, type SendableConnector } from "@/lib/connectors/runtime";
import type { AttributeValue } from "@/lib/connectors/template";
import { deliveryReportUrl } from "@/lib/delivery/report-url";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MAX_SEND_ATTEMPTS, RetryLaterError } from "@/lib/queue/send-queue";
import { outboundGuard } from "@/lib/security/outbound";
import { batched } from "./batch";
import { claimMessages, closeInterrupted, markFailed, markRetrying, markSent, type ClaimedMessage } from "./lifecycle";
import { waitForSendSlot } from "./throttle";

/** Processes one queued message. Throws RetryLaterError to have the queue retry it later. */
export async function processSend(job: { messageId: string; connectorId?: string }, queueAttempt: number): Promise<void> {
  const connectorId = job.connectorId ?? (await db().message.findUnique({ where: { id: job.messageId }, select: { connectorId: true } }))?.connectorId;
  if (!connectorId) return; // deleted with its connector
  const cached = await loadSendableConnector(connectorId);

  await waitForSendSlot(cached.id, cached.throughputPerSecond);
  const claimed = await claim(job.messageId);
  // Nothing to claim: already handled, deleted, or in flight in another worker — or left sending by a worker
  // that died mid-request, which is closed here once it is stale (never resent).
  if (!claimed) return void (await closeInterrupted({ messageId: job.messageId }));
  // Changed since this process cached it (a rotated credential): the next send uses the new configuration.
  // Otherwise the connector loaded before the slot is used as is, so nothing adds latency after the slot.
  const connector = cached.updatedAt.getTime() >= claimed.connectorUpdatedAt.getTime() ? cached : await loadSendableConnector(connectorId, claimed.connectorUpdatedAt);

  const result = await attemptFor(connector, claimed);
  if (result.outcome === "sent") return void (await recordSent(sentRecord(claimed.id, result)));
  if (result.outcome === "retry" && queueAttempt < MAX_SEND_ATTEMPTS) {
    await markRetrying([{ id: claimed.id, ...attemptJson(result), detail: `Retrying in ${Math.ceil(result.retryDelayMs / 1000)} s: ${result.reason}` }]);
    throw new RetryLaterError(result.reason ?? "retry", result.retryDelayMs);
  }
  await markFailed([{ id: claimed.id, reason: result.reason ?? "Failed", ...attemptJson(result) }]);
}

/** One attempt for a claimed message, with its template variables. */
export function attemptFor(connector: SendableConnector, claimed: ClaimedMessage, body = claimed.body): Promise<AttemptResult> {
  return attemptSend(
    connector,
    {
      destination: claimed.to,
      message: body,
      sender: claimed.senderName ?? undefined,
      senderType: claimed.senderType ?? undefined,
      messageId: claimed.id,
      dlrUrl: deliveryReportUrl(connector.kind, connector.publicId),
      campaignId: claimed.campaignId ?? undefined,
      dltTemplateId: claimed.dltTemplateId ?? undefined,
      user: attributesOf(claimed.attributes),
    },
    { guard: outboundGuard(), attempt: claimed.attempts },
  );
}

export function attributesOf(json: Prisma.JsonValue): Record<string, AttributeValue> {
  return (json && typeof json === "object" && !Array.isArray(json) ? json : {}) as Record<string, AttributeValue>;
}

/** The attempt as stored on the message: request and response as they went (secrets already masked). */
export function attemptJson(result: AttemptResult) {
  return { request: result.request ?? null, response: result.response ?? null };
}

export function sentRecord(id: string, result: AttemptResult) {
  return { id, providerMessageId: result.sentId, note: result.note ?? (result.sentId ? `Provider id ${result.sentId}` : null), ...attemptJson(result) };
}

/** Claims and records made in the same turn of the event loop share one statement each. */
const claim = batched(claimMessages);
const recordSent = batched(async (records: Parameters<typeof markSent>[0]) => {
  await markSent(records);
  return records.map(() => undefined);
});
