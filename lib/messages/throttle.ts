// The per-connector throughput limit, shared by every worker on every machine. Send slots, spaced
// 1/limit seconds apart, are handed out by one row per connector in PostgreSQL, by the database's clock,
// never more than a second ahead. A process reserves a small lease of consecutive slots at a time (about
// 50 ms worth at the full rate, so one slot at low rates) and gives them to its sends in order: a fast
// connector does not serialise every send on that one row, and the limit still holds across processes.
import { db } from "@/lib/db";

const RESERVE_AHEAD_MS = 1000;
const LEASE_MS = 50;
const MAX_LEASE = 50;

export type Reservation = { granted: true; slots: number[] } | { granted: false; retryInMs: number };

/** Reserves `count` consecutive slots; returns their times on this process's clock (ms), or when to ask again. */
export async function reserveSlots(connectorId: string, perSecond: number, count: number): Promise<Reservation> {
  const stepMs = 1000 / perSecond;
  const leaseMs = stepMs * count;
  const [row] = await db().$queryRaw<Array<{ next_ms: number | null; now_ms: number; retry_ms: number | null }>>`
    with slot as (
      insert into "ConnectorThrottle" as t ("connectorId", "nextAt")
      values (${connectorId}, clock_timestamp() + make_interval(secs => ${leaseMs}::float8 / 1000))
      on conflict ("connectorId") do update
        set "nextAt" = greatest(t."nextAt", clock_timestamp()) + make_interval(secs => ${leaseMs}::float8 / 1000)
        where t."nextAt" < clock_timestamp() + make_interval(secs => ${RESERVE_AHEAD_MS}::float8 / 1000)
      returning (extract(epoch from t."nextAt") * 1000)::float8 as next_ms
    )
    select (select next_ms from slot) as next_ms,
           (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms,
           (select (extract(epoch from ("nextAt" - clock_timestamp())) * 1000 - ${RESERVE_AHEAD_MS}::float8)::float8
              from "ConnectorThrottle" where "connectorId" = ${connectorId} and not exists (select 1 from slot)) as retry_ms`;
  if (row.next_ms === null) return { granted: false, retryInMs: Math.min(RESERVE_AHEAD_MS, Math.max(1, row.retry_ms ?? 1)) };
  const offset = Date.now() - row.now_ms; // database clock → this process's clock
  const first = row.next_ms - leaseMs + offset;
  return { granted: true, slots: Array.from({ length: count }, (_, i) => first + i * stepMs) };
}

interface Lease {
  slots: number[];
  /** The reservation in flight, shared by every send waiting for this connector. */
  pending: Promise<void> | null;
}

const leases = new Map<string, Lease>();

/** Resolves when this send may go out under the connector's limit. */
export async function waitForSendSlot(connectorId: string, perSecond: number): Promise<void> {
  let lease = leases.get(connectorId);
  if (!lease) {
    lease = { slots: [], pending: null };
    leases.set(connectorId, lease);
  }
  for (;;) {
    // A slot more than a lease old was reserved for a moment that passed unused: let it go.
    while (lease.slots.length && lease.slots[0] < Date.now() - LEASE_MS - 1000 / perSecond) lease.slots.shift();
    const slot = lease.slots.shift();
    if (slot !== undefined) {
      const wait = slot - Date.now();
      if (wait >= 1) await sleep(wait);
      return;
    }
    lease.pending ??= refill(lease, connectorId, perSecond).finally(() => {
      lease.pending = null;
    });
    await lease.pending;
  }
}

async function refill(lease: Lease, connectorId: string, perSecond: number): Promise<void> {
  const count = Math.max(1, Math.min(MAX_LEASE, Math.round((perSecond * LEASE_MS) / 1000)));
  for (;;) {
    const reservation = await reserveSlots(connectorId, perSecond, count);
    if (reservation.granted) {
      lease.slots.push(...reservation.slots);
      return;
    }
    await sleep(reservation.retryInMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
