// The per-connector throughput limit, shared by every worker on every machine: each send reserves the
// next free slot in PostgreSQL (one row per connector), spaced 1/limit seconds apart. A slot can be
// reserved at most one second ahead; beyond that the worker waits and asks again. The database clock
// is the only clock, so machines with skewed clocks still respect the limit together.
//
// The reservation and the message's claim are one statement: a worker never holds a slot it then
// cannot use for long, and a send costs one round trip before the HTTP request.
import { db } from "@/lib/db";

const RESERVE_AHEAD_MS = 1000;

export type ClaimDecision<Row> =
  | { kind: "claimed"; waitMs: number; row: Row }
  /** The slot was free but the message was not claimable (already taken, sent or deleted). */
  | { kind: "unclaimable" }
  | { kind: "throttled"; retryInMs: number };

export async function claimWithSlot<Row>(messageId: string, connectorId: string, perSecond: number): Promise<ClaimDecision<Row>> {
  const stepMs = 1000 / perSecond;
  const rows = await db().$queryRaw<Array<{ wait_ms: number | null; retry_ms: number | null; claimed: Row | null }>>`
    with slot as (
      insert into "ConnectorThrottle" as t ("connectorId", "nextAt")
      values (${connectorId}, clock_timestamp() + make_interval(secs => ${stepMs}::float8 / 1000))
      on conflict ("connectorId") do update
        set "nextAt" = greatest(t."nextAt", clock_timestamp()) + make_interval(secs => ${stepMs}::float8 / 1000)
        where t."nextAt" < clock_timestamp() + make_interval(secs => ${RESERVE_AHEAD_MS}::float8 / 1000)
      returning (extract(epoch from (t."nextAt" - clock_timestamp())) * 1000 - ${stepMs}::float8)::float8 as wait_ms
    ), claimed as (
      -- queued → sending; a message left in sending by a worker that died before its request went out is taken again.
      update "Message" set status = 'sending', attempts = attempts + 1, "updatedAt" = clock_timestamp(), "requestStartedAt" = clock_timestamp()
       where id = ${messageId} and exists (select 1 from slot)
         and (status = 'queued' or (status = 'sending' and "requestStartedAt" is null and "updatedAt" < clock_timestamp() - interval '30 seconds'))
       returning id, "connectorId", "to", body, "senderName", "senderType"::text as "senderType", attributes, "campaignId", "dltTemplateId", attempts
    )
    select (select wait_ms from slot) as wait_ms,
           (select (extract(epoch from ("nextAt" - clock_timestamp())) * 1000 - ${RESERVE_AHEAD_MS}::float8)::float8
              from "ConnectorThrottle" where "connectorId" = ${connectorId} and not exists (select 1 from slot)) as retry_ms,
           (select to_jsonb(claimed) from claimed) as claimed`;
  const [row] = rows;
  if (row.wait_ms === null) return { kind: "throttled", retryInMs: Math.min(RESERVE_AHEAD_MS, Math.max(1, row.retry_ms ?? 1)) };
  if (!row.claimed) return { kind: "unclaimable" };
  return { kind: "claimed", waitMs: Math.max(0, row.wait_ms), row: row.claimed };
}
