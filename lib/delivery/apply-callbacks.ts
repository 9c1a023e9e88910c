// Applying stored delivery callbacks to messages. Runs in the workers: takes a batch of callbacks no one
// else holds, resolves each report through the connector's mapping, and changes the message in one
// statement that also keeps the number's failure count (suppression).
//
// A report that finds no message is kept, with the report itself and why (PendingDeliveryReport):
// - named by a provider id no message has yet (the DLR beat the send response): applied when that id is recorded;
// - named by an id no message has, or unreadable with the mapping: it waits for nothing, but a new mapping may read it.
// After SWITCHBOARD_DLR_UNMATCHED_MINUTES such reports move to the connector's unmatched inbox (unmatched-reports.ts);
// saving a mapping, or a re-match, reads every kept report of the connector again.
import { readStoredConfig } from "@/lib/connectors/stored-config";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { jsonbParam } from "@/lib/database/jsonb";
import { db } from "@/lib/db";
import { config } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { presetFor } from "@/lib/providers/registry";
import { parseCallback, type DeliveryReport } from "./parse-callback";
import { applyDeliveryOutcomes, deliveryKey } from "@/lib/messages/lifecycle";
import { resolveStatus, type DeliveryOutcome, type ResolvedDelivery } from "./resolve-status";

const BATCH = 200;
/** A callback taken this long ago by an applier that never finished is taken over. */
const CLAIM_TIMEOUT = "2 minutes";
/** Unmatched reports are kept this long for the inbox and re-matching. */
export const KEEP_UNMATCHED_DAYS = 30;
const KEEP_CALLBACKS_PER_CONNECTOR = 1000;
const REMATCH_BATCH = 500;
const MOVE_BATCH = 5000;

interface StoredCallback {
  id: bigint;
  connectorId: string;
  method: string;
  contentType: string | null;
  query: string;
  body: Uint8Array;
}

/** One pass: applies up to BATCH stored callbacks; returns how many it handled. */
export async function applyStoredCallbacks(): Promise<number> {
  const batch = await db().$queryRaw<StoredCallback[]>`
    update "DeliveryCallback" set "claimedAt" = clock_timestamp()
     where id in (
       select id from "DeliveryCallback"
        where "processedAt" is null and ("claimedAt" is null or "claimedAt" < clock_timestamp() - ${CLAIM_TIMEOUT}::interval)
        order by id limit ${BATCH} for update skip locked)
     returning id, "connectorId", method, "contentType", query, body`;
  batch.sort((a, b) => (a.id < b.id ? -1 : 1));
  const mappings = new Map<string, Mapping>();
  // Slices of bounded size, applied in order: a batch of large callbacks (hundreds of reports each) is never
  // one long stretch of work that holds up the requests this process serves.
  const outcomes: CallbackOutcome[] = [];
  for (const slice of slicesOf(batch, SLICE_BYTES)) {
    outcomes.push(...(await applyCallbacks(slice, mappings)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (outcomes.length) {
    await db().$executeRaw`
      update "DeliveryCallback" c set outcome = d.outcome, detail = d.detail, "appliedCount" = d."appliedCount", "messageId" = d."messageId",
             "processedAt" = now(), "claimedAt" = null
        from jsonb_to_recordset(${jsonbParam(outcomes)}::jsonb) as d(id bigint, outcome text, detail text, "appliedCount" int, "messageId" text)
       where c.id = d.id`;
  }
  return batch.length;
}

const SLICE_BYTES = 64 * 1024;

function slicesOf(batch: StoredCallback[], maxBytes: number): StoredCallback[][] {
  const slices: StoredCallback[][] = [];
  let current: StoredCallback[] = [];
  let bytes = 0;
  for (const callback of batch) {
    const size = callback.body.byteLength + callback.query.length;
    if (current.length && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(callback);
    bytes += size;
  }
  if (current.length) slices.push(current);
  return slices;
}

interface Mapping {
  tracking: DeliveryTracking | null;
  /** Native providers that report in more than one shape turn each into the one the mapping reads. */
  normalize: (report: DeliveryReport) => DeliveryReport;
}

async function mappingOf(connectorId: string, cache: Map<string, Mapping>): Promise<Mapping> {
  let mapping = cache.get(connectorId);
  if (!mapping) {
    const row = await db().connector.findUnique({ where: { id: connectorId }, select: { config: true, kind: true } });
    const preset = row ? presetFor(row.kind) : null;
    mapping = {
      tracking: row ? readStoredConfig(row.config).deliveryTracking : null,
      normalize: preset?.normalizeReport ? preset.normalizeReport.bind(preset) : (report) => report,
    };
    cache.set(connectorId, mapping);
  }
  return mapping;
}

interface CallbackOutcome {
  id: string;
  outcome: string;
  detail: string | null;
  appliedCount: number;
  messageId: string | null;
}

interface Entry extends ResolvedDelivery {
  seq: number;
  callback: number;
  connectorId: string;
  callbackId: bigint;
  /** The report as parsed, kept with the entry should it find no message. */
  report: DeliveryReport;
}

/** A report kept because it found no message: what a PendingDeliveryReport row holds. */
interface KeptReport {
  connectorId: string;
  callbackId: string;
  providerMessageId: string | null;
  messageId: string | null;
  outcome: DeliveryOutcome | null;
  status: string | null;
  reason: string | null;
  problem: string;
  report: DeliveryReport | null;
}

/**
 * Applies the reports of a batch of callbacks with one statement: per message, the report that decides is
 * the first final one in arrival order (or the first pending one when there is none), which is what applying
 * them one by one would leave. A callback whose reads fail is left claimed and retried later.
 */
async function applyCallbacks(batch: StoredCallback[], mappings: Map<string, Mapping>): Promise<CallbackOutcome[]> {
  const entries: Entry[] = [];
  const unreadable: KeptReport[][] = batch.map(() => []);
  const readable: boolean[] = batch.map(() => true);
  const byCallback: Entry[][] = batch.map(() => []);
  let slice = performance.now();
  for (const [index, callback] of batch.entries()) {
    // Bounded work per turn of the event loop: a batch of large callbacks never holds up requests.
    if (performance.now() - slice > 20) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
    try {
      const { tracking, normalize } = await mappingOf(callback.connectorId, mappings);
      const { reports } = parseCallback({ method: callback.method, contentType: callback.contentType, query: callback.query, body: Buffer.from(callback.body).toString("utf8") });
      for (const report of reports) {
        const resolved = resolveStatus(normalize(report), tracking);
        if (resolved.ok) {
          const entry = { ...resolved, seq: entries.length, callback: index, connectorId: callback.connectorId, callbackId: callback.id, report };
          entries.push(entry);
          byCallback[index].push(entry);
        } else unreadable[index].push(unread(callback.connectorId, String(callback.id), resolved.message, report));
      }
    } catch (error) {
      readable[index] = false;
      logger.error({ err: error, callbackId: String(callback.id) }, "applying a delivery callback failed");
    }
  }

  const result = await applyDeciding(entries);
  // Kept in arrival order, so the inbox lists them as they came.
  const kept = batch.flatMap((_callback, index) => [
    ...byCallback[index].filter((entry) => !result.found.has(keyOf(entry))).map(keptFromEntry),
    ...unreadable[index],
  ]);
  await keepReports(kept);

  return batch.flatMap((callback, index) => {
    if (!readable[index]) return [];
    const mine = byCallback[index];
    const applied = mine.filter((entry) => result.applied.has(entry.seq));
    const matched = mine.filter((entry) => result.found.has(keyOf(entry)));
    const waiting = mine.find((entry) => !result.found.has(keyOf(entry)));
    const outcome = applied.length ? "applied" : waiting ? "waiting" : matched.length ? "duplicate" : "unmapped";
    const detail =
      outcome === "waiting"
        ? waitingDetail(waiting!)
        : outcome === "duplicate"
          ? "Matched, but changed nothing (duplicate, or a final state was already recorded)"
          : outcome === "unmapped"
            ? (unreadable[index][0]?.problem ?? null)
            : null;
    const first = applied[0] ?? matched[0];
    const messageId = first ? (result.found.get(keyOf(first)) ?? null) : null;
    return [{ id: String(callback.id), outcome, detail, appliedCount: applied.length, messageId }];
  });
}

function unread(connectorId: string, callbackId: string, problem: string, report: DeliveryReport | null): KeptReport {
  return { connectorId, callbackId, providerMessageId: null, messageId: null, outcome: null, status: null, reason: null, problem, report };
}

function keptFromEntry(entry: Entry): KeptReport {
  return {
    connectorId: entry.connectorId,
    callbackId: String(entry.callbackId),
    providerMessageId: entry.providerMessageId,
    messageId: entry.messageId,
    outcome: entry.outcome,
    status: entry.status,
    reason: entry.reason,
    problem: noMessageProblem(entry),
    report: entry.report,
  };
}

/** What the unmatched inbox says of a report whose id names no message. */
export function noMessageProblem(entry: Pick<ResolvedDelivery, "providerMessageId" | "messageId">): string {
  return entry.messageId !== null ? `No message with Switchboard id ${entry.messageId} on this connector` : `No message with provider id ${entry.providerMessageId}`;
}

function waitingDetail(entry: Entry): string {
  const minutes = config().deliveryUnmatchedAfterMinutes;
  return entry.messageId !== null
    ? `${noMessageProblem(entry)}: kept, and moved to the unmatched inbox after ${minutes} minutes`
    : "No message with this provider id yet: kept, and applied when the send is recorded";
}

/** Stores reports that found no message; each keeps its callback's arrival time, which starts its wait. */
async function keepReports(rows: KeptReport[]): Promise<void> {
  if (rows.length === 0) return;
  await db().$executeRaw`
    insert into "PendingDeliveryReport" ("connectorId", "providerMessageId", "messageId", outcome, status, reason, problem, report, "callbackId", "receivedAt")
    select d."connectorId", d."providerMessageId", d."messageId", d.outcome, d.status, d.reason, d.problem, d.report, d."callbackId",
           coalesce((select c."receivedAt" from "DeliveryCallback" c where c.id = d."callbackId"), now())
      from jsonb_to_recordset(${jsonbParam(rows)}::jsonb)
        as d("connectorId" text, "providerMessageId" text, "messageId" text, outcome text, status text, reason text, problem text, report jsonb, "callbackId" bigint)`;
}

function keyOf(entry: Pick<Entry, "connectorId" | "providerMessageId" | "messageId">): string {
  return deliveryKey({ connectorId: entry.connectorId, providerMessageId: entry.providerMessageId, messageId: entry.messageId });
}

type Deciding = Pick<Entry, "seq" | "connectorId" | "providerMessageId" | "messageId" | "outcome" | "status" | "reason">;

/**
 * Per message, the report that decides is the first final one in arrival order (or the first pending one when
 * there is none), which is what applying them one by one would leave; the lifecycle applies those in one statement.
 */
async function applyDeciding(entries: Deciding[]) {
  const deciding = new Map<string, Deciding>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const current = deciding.get(key);
    if (!current || (current.outcome === "pending" && entry.outcome !== "pending")) deciding.set(key, entry);
  }
  return applyDeliveryOutcomes(
    [...deciding.values()].map((entry) => ({
      seq: entry.seq,
      connectorId: entry.connectorId,
      providerMessageId: entry.messageId === null ? entry.providerMessageId : null,
      messageId: entry.messageId,
      outcome: entry.outcome,
      reason: entry.reason,
      detail: eventDetail(entry.outcome, entry.status, entry.reason),
    })),
  );
}

function eventDetail(outcome: DeliveryOutcome, status: string, reason: string | null): string {
  if (outcome === "delivered") return `Delivered (provider status ${status})`;
  if (outcome === "undelivered") return reason ?? status;
  return `Provider status ${status}`;
}

/** Reports that arrived before their message: apply those whose message now has its provider id, in one batch. */
export async function applyWaitingReports(): Promise<number> {
  const waiting = await db().$queryRaw<Array<{ id: bigint; connectorId: string; providerMessageId: string; outcome: DeliveryOutcome; status: string; reason: string | null; callbackId: bigint }>>`
    select p.id, p."connectorId", p."providerMessageId", p.outcome, p.status, p.reason, p."callbackId"
      from "PendingDeliveryReport" p
     where p."unmatchedAt" is null and p.outcome is not null and p."providerMessageId" is not null and p."messageId" is null
       and exists (select 1 from "Message" m where m."connectorId" = p."connectorId" and m."providerMessageId" = p."providerMessageId")
     order by p.id limit 500`;
  if (waiting.length === 0) return 0;
  const result = await applyDeciding(waiting.map((pending, seq) => ({ ...pending, messageId: null, seq })));
  const outcomes = waiting.map((pending, seq) => ({
    id: String(pending.id),
    callbackId: String(pending.callbackId),
    messageId: result.found.get(keyOf({ ...pending, messageId: null })) ?? null,
    applied: result.applied.has(seq) ? 1 : 0,
  }));
  // The reports leave the waiting room; each callback says whether any of its reports changed a message.
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(outcomes)}::jsonb) as d(id bigint, "callbackId" bigint, "messageId" text, applied int)
    ), removed as (
      delete from "PendingDeliveryReport" p using data d where p.id = d.id
    ), per_callback as (
      select "callbackId", sum(applied)::int as applied, min("messageId") as "messageId" from data group by "callbackId"
    )
    update "DeliveryCallback" c set
           outcome = case when d.applied > 0 then 'applied' else 'duplicate' end,
           detail = case when d.applied > 0 then 'Applied once the send was recorded' else 'Matched once the send was recorded, but changed nothing' end,
           "messageId" = coalesce(c."messageId", d."messageId"),
           "appliedCount" = c."appliedCount" + d.applied
      from per_callback d
     where c.id = d."callbackId" and c.outcome = 'waiting'`;
  return waiting.length;
}

/**
 * Reports that found no message for longer than SWITCHBOARD_DLR_UNMATCHED_MINUTES move to their connector's
 * unmatched inbox; their callbacks say so. Returns how many moved.
 */
export async function moveUnmatchedReports(): Promise<number> {
  const minutes = config().deliveryUnmatchedAfterMinutes;
  const [row] = await db().$queryRaw<Array<{ moved: number }>>`
    with moved as (
      update "PendingDeliveryReport" p set "unmatchedAt" = now()
       where p.id in (
         select id from "PendingDeliveryReport"
          where "unmatchedAt" is null and "receivedAt" <= now() - make_interval(mins => ${minutes}) and not rematch
          order by "receivedAt" limit ${MOVE_BATCH} for update skip locked)
      returning p."callbackId", p.problem
    ), per_callback as (
      select "callbackId", min(problem) as problem from moved group by "callbackId"
    ), callbacks as (
      update "DeliveryCallback" c set outcome = 'unmatched', detail = left(m.problem, 300)
        from per_callback m
       where c.id = m."callbackId" and c.outcome in ('waiting', 'unmapped')
    )
    select count(*)::int as moved from moved`;
  if (row.moved) logger.info({ moved: row.moved }, "delivery reports moved to the unmatched inbox");
  return row.moved;
}

/** Asks for every kept report of the connector to be read again with its current mapping; returns how many. */
export async function requestRematch(connectorId: string): Promise<number> {
  const { count } = await db().pendingDeliveryReport.updateMany({ where: { connectorId, rematch: false }, data: { rematch: true } });
  return count;
}

interface RematchRow {
  id: bigint;
  connectorId: string;
  providerMessageId: string | null;
  messageId: string | null;
  outcome: DeliveryOutcome | null;
  status: string | null;
  reason: string | null;
  problem: string;
  report: Prisma.JsonValue | null;
  callbackId: bigint;
}

/**
 * One pass of re-matching: reads up to REMATCH_BATCH kept reports again with their connector's current mapping,
 * applies those that now find their message (their callbacks say so) and updates the others with the new reason.
 * Returns how many it read. A report that still finds nothing keeps its place: waiting, or in the inbox.
 */
export async function rematchReports(): Promise<number> {
  const rows = await db().$queryRaw<RematchRow[]>`
    update "PendingDeliveryReport" p set rematch = false
     where p.id in (select id from "PendingDeliveryReport" where rematch order by id limit ${REMATCH_BATCH} for update skip locked)
     returning p.id, p."connectorId", p."providerMessageId", p."messageId", p.outcome, p.status, p.reason, p.problem, p.report, p."callbackId"`;
  if (rows.length === 0) return 0;
  const mappings = new Map<string, Mapping>();
  const reread: Array<RematchRow & { resolved: Deciding | null }> = [];
  for (const [seq, row] of rows.entries()) {
    const { tracking, normalize } = await mappingOf(row.connectorId, mappings);
    if (isReport(row.report)) {
      const resolved = resolveStatus(normalize(row.report), tracking);
      reread.push(
        resolved.ok
          ? { ...row, ...resolved, problem: noMessageProblem(resolved), resolved: { ...resolved, seq, connectorId: row.connectorId } }
          : { ...row, providerMessageId: null, messageId: null, outcome: null, status: null, reason: null, problem: resolved.message, resolved: null },
      );
    } else {
      // Kept before reports were stored whole: only its match can be tried again.
      const { outcome, status } = row;
      reread.push({ ...row, resolved: outcome && status ? { ...row, outcome, status, seq } : null });
    }
  }
  const result = await applyDeciding(reread.flatMap((row) => (row.resolved ? [row.resolved] : [])));
  const data = reread.map((row, seq) => {
    const found = row.resolved ? (result.found.get(keyOf(row.resolved)) ?? null) : null;
    return {
      id: String(row.id),
      callbackId: String(row.callbackId),
      matched: found !== null,
      found,
      applied: result.applied.has(seq) ? 1 : 0,
      providerMessageId: row.providerMessageId,
      messageId: row.messageId,
      outcome: row.outcome,
      status: row.status,
      reason: row.reason,
      problem: row.problem,
    };
  });
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(data)}::jsonb)
        as d(id bigint, "callbackId" bigint, matched boolean, found text, applied int, "providerMessageId" text, "messageId" text, outcome text, status text, reason text, problem text)
    ), removed as (
      delete from "PendingDeliveryReport" p using data d where p.id = d.id and d.matched
    ), kept as (
      update "PendingDeliveryReport" p set "providerMessageId" = d."providerMessageId", "messageId" = d."messageId", outcome = d.outcome,
             status = d.status, reason = d.reason, problem = d.problem
        from data d where p.id = d.id and not d.matched
    ), per_callback as (
      select "callbackId", sum(applied)::int as applied, min(found) as found from data where matched group by "callbackId"
    )
    update "DeliveryCallback" c set
           outcome = case when d.applied > 0 then 'applied' else 'duplicate' end,
           detail = case when d.applied > 0 then 'Applied by a re-match' else 'Matched by a re-match, but changed nothing' end,
           "messageId" = coalesce(c."messageId", d.found),
           "appliedCount" = c."appliedCount" + d.applied
      from per_callback d
     where c.id = d."callbackId" and c.outcome in ('waiting', 'unmapped', 'unmatched')`;
  return rows.length;
}

function isReport(value: unknown): value is DeliveryReport {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Bounded history: old kept reports and all but the newest callbacks of each connector are removed. */
export async function pruneDeliveryHistory(): Promise<void> {
  await db().$executeRaw`delete from "PendingDeliveryReport" where "receivedAt" < now() - make_interval(days => ${KEEP_UNMATCHED_DAYS})`;
  await db().$executeRaw`
    delete from "DeliveryCallback" d using (
      select id from (
        select id, row_number() over (partition by "connectorId" order by id desc) as position
          from "DeliveryCallback" where "processedAt" is not null) ranked
       where position > ${KEEP_CALLBACKS_PER_CONNECTOR}) old
     where d.id = old.id`;
}
