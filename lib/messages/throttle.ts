// The per-connector throughput limit, shared by every worker on every machine. Send slots, spaced 1/limit
// seconds apart, are handed out by one row per connector in PostgreSQL, by the database's clock, never more than
// a second ahead. A process reserves a small lease of consecutive slots at a time (about 50 ms worth at the full
// rate, so one slot at low rates) and hands them to its waiting sends.
//
// Fairly: waiting sends queue in lanes — single API sends in one, each campaign in its own — and slots go round
// the lanes one at a time, so a campaign of a million never makes an API send wait behind it.
import { db } from "@/lib/db";

const RESERVE_AHEAD_MS = 1000;
const LEASE_MS = 50;
const MAX_LEASE = 200;

export const API_LANE = "api";

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

interface Waiter {
  want: number;
  slots: number[];
  resolve: (slots: number[]) => void;
  reject: (error: unknown) => void;
}

interface ConnectorSlots {
  perSecond: number;
  /** Reserved slot times not handed out yet, oldest first. */
  free: number[];
  /** Waiting reservations per lane; lanes are served in turn. */
  lanes: Map<string, Waiter[]>;
  pumping: boolean;
}

const connectors = new Map<string, ConnectorSlots>();

/** Resolves with `count` slot times (this process's clock) for sends through this connector, fairly across lanes. */
export function reserveSendSlots(connectorId: string, perSecond: number, count: number, lane = API_LANE): Promise<number[]> {
  let state = connectors.get(connectorId);
  if (!state) {
    state = { perSecond, free: [], lanes: new Map(), pumping: false };
    connectors.set(connectorId, state);
  }
  // A changed limit applies from the next lease on.
  state.perSecond = perSecond;
  const current = state;
  return new Promise((resolve, reject) => {
    const queue = current.lanes.get(lane) ?? [];
    queue.push({ want: Math.max(1, count), slots: [], resolve, reject });
    current.lanes.set(lane, queue);
    if (!current.pumping) void pump(connectorId, current);
  });
}

/** Resolves when one send may go out under the connector's limit. */
export async function waitForSendSlot(connectorId: string, perSecond: number, lane = API_LANE): Promise<void> {
  const [slot] = await reserveSendSlots(connectorId, perSecond, 1, lane);
  await sleepUntil(slot);
}

export function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  return wait >= 1 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

/** Hands slots to waiting lanes one at a time, round the lanes, reserving more from PostgreSQL as needed. */
async function pump(connectorId: string, state: ConnectorSlots): Promise<void> {
  state.pumping = true;
  try {
    while (state.lanes.size > 0) {
      // A slot more than a lease old was reserved for a moment that passed unused: let it go.
      const stale = Date.now() - LEASE_MS - 1000 / state.perSecond;
      while (state.free.length && state.free[0] < stale) state.free.shift();
      if (state.free.length === 0) {
        try {
          await refill(connectorId, state);
        } catch (error) {
          for (const queue of state.lanes.values()) for (const waiter of queue) waiter.reject(error);
          state.lanes.clear();
          return;
        }
        continue;
      }
      for (const [lane, queue] of [...state.lanes]) {
        const waiter = queue[0];
        const slot = state.free.shift();
        if (slot === undefined) break;
        waiter.slots.push(slot);
        if (waiter.slots.length >= waiter.want) {
          queue.shift();
          waiter.resolve(waiter.slots);
        }
        // Served lanes go to the back: the next slot goes to the next lane.
        state.lanes.delete(lane);
        if (queue.length) state.lanes.set(lane, queue);
      }
    }
  } finally {
    state.pumping = false;
  }
}

async function refill(connectorId: string, state: ConnectorSlots): Promise<void> {
  const count = Math.max(1, Math.min(MAX_LEASE, Math.round((state.perSecond * LEASE_MS) / 1000)));
  for (;;) {
    const reservation = await reserveSlots(connectorId, state.perSecond, count);
    if (reservation.granted) {
      state.free.push(...reservation.slots);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, reservation.retryInMs));
  }
}
