// Applying stored delivery callbacks to messages. Runs in the workers: takes a batch of callbacks no one
// else holds, resolves each report through the connector's mapping, and changes the message in one
// statement that also keeps the number's failure count (suppression). A report whose message is not
// known yet — the DLR beat the send response — waits in PendingDeliveryReport and is applied when the
// message's provider id is recorded.
import { readStoredConfig } from "@/lib/connectors/stored-config";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { jsonbParam } from "@/lib/database/jsonb";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { presetFor } from "@/lib/providers/registry";
import { parseCallback, type DeliveryReport } from "./parse-callback";
import { applyDeliveryOutcomes, deliveryKey } from "@/lib/messages/lifecycle";
import { resolveStatus, type DeliveryOutcome, type ResolvedDelivery } from "./resolve-status";

const BATCH = 200;
/** A callback taken this long ago by an applier that never finished is taken over. */
const CLAIM_TIMEOUT = "2 minutes";
const KEEP_WAITING_DAYS = 7;
const KEEP_CALLBACKS_PER_CONNECTOR = 1000;

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
}

/**
 * Applies the reports of a batch of callbacks with one statement: per message, the report that decides is
 * the first final one in arrival order (or the first pending one when there is none), which is what applying
 * them one by one would leave. A callback whose reads fail is left claimed and retried later.
 */
async function applyCallbacks(batch: StoredCallback[], mappings: Map<string, Mapping>): Promise<CallbackOutcome[]> {
  const entries: Entry[] = [];
  const problems: string[][] = batch.map(() => []);
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
        if (!resolved.ok) problems[index].push(resolved.message);
        else {
          const entry = { ...resolved, seq: entries.length, callback: index, connectorId: callback.connectorId, callbackId: callback.id };
          entries.push(entry);
          byCallback[index].push(entry);
        }
      }
    } catch (error) {
      readable[index] = false;
      logger.error({ err: error, callbackId: String(callback.id) }, "applying a delivery callback failed");
    }
  }

  const result = await applyDeciding(entries);

  const waiting = entries.filter((entry) => !result.found.has(keyOf(entry)));
  if (waiting.length) {
    const rows = waiting.map((entry) => ({ connectorId: entry.connectorId, providerMessageId: entry.providerMessageId, outcome: entry.outcome, status: entry.status, reason: entry.reason, callbackId: String(entry.callbackId) }));
    await db().$executeRaw`
      insert into "PendingDeliveryReport" ("connectorId", "providerMessageId", outcome, status, reason, "callbackId")
      select d."connectorId", d."providerMessageId", d.outcome, d.status, d.reason, d."callbackId"
        from jsonb_to_recordset(${jsonbParam(rows)}::jsonb) as d("connectorId" text, "providerMessageId" text, outcome text, status text, reason text, "callbackId" bigint)`;
  }

  return batch.flatMap((callback, index) => {
    if (!readable[index]) return [];
    const mine = byCallback[index];
    const applied = mine.filter((entry) => result.applied.has(entry.seq));
    const matched = mine.filter((entry) => result.found.has(keyOf(entry)));
    const outcome = applied.length ? "applied" : mine.length > matched.length ? "waiting" : matched.length ? "duplicate" : "unmapped";
    const detail =
      outcome === "waiting"
        ? "No message with this provider id yet: kept, and applied when the send is recorded"
        : outcome === "duplicate"
          ? "Matched, but changed nothing (duplicate, or a final state was already recorded)"
          : outcome === "unmapped"
            ? (problems[index][0] ?? null)
            : null;
    const first = applied[0] ?? matched[0];
    const messageId = first ? (result.found.get(keyOf(first)) ?? null) : null;
    return [{ id: String(callback.id), outcome, detail, appliedCount: applied.length, messageId }];
  });
}

function keyOf(entry: Pick<Entry, "connectorId" | "providerMessageId">): string {
  return deliveryKey({ connectorId: entry.connectorId, providerMessageId: entry.providerMessageId, messageId: null });
}

/**
 * Per message, the report that decides is the first final one in arrival order (or the first pending one when
 * there is none), which is what applying them one by one would leave; the lifecycle applies those in one statement.
 */
async function applyDeciding(entries: Array<Pick<Entry, "seq" | "connectorId" | "providerMessageId" | "outcome" | "status" | "reason">>) {
  const deciding = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const current = deciding.get(key);
    if (!current || (current.outcome === "pending" && entry.outcome !== "pending")) deciding.set(key, entry);
  }
  return applyDeliveryOutcomes(
    [...deciding.values()].map((entry) => ({
      seq: entry.seq,
      connectorId: entry.connectorId,
      providerMessageId: entry.providerMessageId,
      messageId: null,
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
     where exists (select 1 from "Message" m where m."connectorId" = p."connectorId" and m."providerMessageId" = p."providerMessageId")
     order by p.id limit 500`;
  if (waiting.length === 0) return 0;
  const result = await applyDeciding(waiting.map((pending, seq) => ({ ...pending, seq })));
  const outcomes = waiting.map((pending, seq) => ({
    id: String(pending.id),
    callbackId: String(pending.callbackId),
    messageId: result.found.get(keyOf(pending)) ?? null,
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

/** Bounded history: old waiting reports and all but the newest callbacks of each connector are removed. */
export async function pruneDeliveryHistory(): Promise<void> {
  await db().$executeRaw`delete from "PendingDeliveryReport" where "receivedAt" < now() - make_interval(days => ${KEEP_WAITING_DAYS})`;
  await db().$executeRaw`
    delete from "DeliveryCallback" d using (
      select id from (
        select id, row_number() over (partition by "connectorId" order by id desc) as position
          from "DeliveryCallback" where "processedAt" is not null) ranked
       where position > ${KEEP_CALLBACKS_PER_CONNECTOR}) old
     where d.id = old.id`;
}

/** After a mapping is saved: callbacks that could not be read with the old one are applied again. */
export async function reapplyUnmappedCallbacks(connectorId: string): Promise<number> {
  return db().deliveryCallback.updateMany({
    where: { connectorId, outcome: "unmapped", reportCount: { gt: 0 } },
    data: { outcome: "received", detail: null, processedAt: null, claimedAt: null },
  }).then((result) => result.count);
}
