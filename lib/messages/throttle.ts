// The per-connector throughput limit, shared by every worker on every machine: each send reserves the
// next free slot in PostgreSQL (one row per connector), spaced 1/limit seconds apart. A slot can be
// reserved at most one second ahead; beyond that the worker waits and asks again. The database clock
// is the only clock, so machines with skewed clocks still respect the limit together.
import { db } from "@/lib/db";

const RESERVE_AHEAD_MS = 1000;

export type SlotDecision = { granted: true; waitMs: number } | { granted: false; retryInMs: number };

export async function reserveSendSlot(connectorId: string, perSecond: number): Promise<SlotDecision> {
  const stepMs = 1000 / perSecond;
  const rows = await db().$queryRaw<Array<{ wait_ms: number }>>`
    insert into "ConnectorThrottle" as t ("connectorId", "nextAt")
    values (${connectorId}, clock_timestamp() + make_interval(secs => ${stepMs}::float8 / 1000))
    on conflict ("connectorId") do update
      set "nextAt" = greatest(t."nextAt", clock_timestamp()) + make_interval(secs => ${stepMs}::float8 / 1000)
      where t."nextAt" < clock_timestamp() + make_interval(secs => ${RESERVE_AHEAD_MS}::float8 / 1000)
    returning (extract(epoch from (t."nextAt" - clock_timestamp())) * 1000 - ${stepMs}::float8)::float8 as wait_ms`;
  if (rows.length > 0) return { granted: true, waitMs: Math.max(0, rows[0].wait_ms) };
  const [row] = await db().$queryRaw<Array<{ retry_ms: number }>>`
    select (extract(epoch from ("nextAt" - clock_timestamp())) * 1000 - ${RESERVE_AHEAD_MS}::float8)::float8 as retry_ms
      from "ConnectorThrottle" where "connectorId" = ${connectorId}`;
  return { granted: false, retryInMs: Math.max(1, row?.retry_ms ?? 1) };
}

/** Waits for a slot and returns once this send may go out. */
export async function waitForSendSlot(connectorId: string, perSecond: number): Promise<void> {
  for (;;) {
    const decision = await reserveSendSlot(connectorId, perSecond);
    if (decision.granted) {
      if (decision.waitMs >= 1) await sleep(decision.waitMs);
      return;
    }
    await sleep(Math.min(decision.retryInMs, RESERVE_AHEAD_MS));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
