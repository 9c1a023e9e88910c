// Applying stored delivery callbacks to messages. Runs in the workers: takes a batch of callbacks no one
// else holds, resolves each report through the connector's mapping, and changes the message in one
// statement that also keeps the number's failure count (suppression). A report whose message is not
// known yet — the DLR beat the send response — waits in PendingDeliveryReport and is applied when the
// message's provider id is recorded.
import { readStoredConfig } from "@/lib/connectors/stored-config";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { presetFor } from "@/lib/providers/registry";
import { parseCallback, type DeliveryReport } from "./parse-callback";
import { resolveStatus, type DeliveryOutcome, type ResolvedDelivery } from "./resolve-status";

const BATCH = 200;
/** A callback taken this long ago by an applier that never finished is taken over. */
const CLAIM_TIMEOUT = "2 minutes";
const KEEP_WAITING_DAYS = 7;
const KEEP_CALLBACKS_PER_CONNECTOR = 1000;

export type ApplyResult = "applied" | "duplicate" | "no_message";

interface StoredCallback {
  id: bigint;
  connectorId: string;
  method: string;
  contentType: string | null;
  query: string;
  body: string;
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
  const outcomes = await applyCallbacks(batch, mappings);
  if (outcomes.length) {
    await db().$executeRaw`
      update "DeliveryCallback" c set outcome = d.outcome, detail = d.detail, "appliedCount" = d."appliedCount", "messageId" = d."messageId",
             "processedAt" = now(), "claimedAt" = null
        from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as d(id bigint, outcome text, detail text, "appliedCount" int, "messageId" text)
       where c.id = d.id`;
  }
  return batch.length;
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
  for (const [index, callback] of batch.entries()) {
    try {
      const { tracking, normalize } = await mappingOf(callback.connectorId, mappings);
      const { reports } = parseCallback({ method: callback.method, contentType: callback.contentType, query: callback.query, body: callback.body });
      for (const report of reports) {
        const resolved = resolveStatus(normalize(report), tracking);
        if (!resolved.ok) problems[index].push(resolved.message);
        else entries.push({ ...resolved, seq: entries.length, callback: index, connectorId: callback.connectorId, callbackId: callback.id });
      }
    } catch (error) {
      readable[index] = false;
      logger.error({ err: error, callbackId: String(callback.id) }, "applying a delivery callback failed");
    }
  }

  const deciding = new Map<string, Entry>();
  for (const entry of entries) {
    const key = `${entry.connectorId}|${entry.providerMessageId}`;
    const current = deciding.get(key);
    if (!current || (current.outcome === "pending" && entry.outcome !== "pending")) deciding.set(key, entry);
  }
  const result = await applyDeciding([...deciding.values()]);

  const waiting = entries.filter((entry) => !result.found.has(`${entry.connectorId}|${entry.providerMessageId}`));
  if (waiting.length) {
    await db().pendingDeliveryReport.createMany({
      data: waiting.map((entry) => ({ connectorId: entry.connectorId, providerMessageId: entry.providerMessageId, outcome: entry.outcome, status: entry.status, reason: entry.reason, callbackId: entry.callbackId })),
    });
  }

  return batch.flatMap((callback, index) => {
    if (!readable[index]) return [];
    const mine = entries.filter((entry) => entry.callback === index);
    const applied = mine.filter((entry) => result.applied.has(entry.seq));
    const matched = mine.filter((entry) => result.found.has(`${entry.connectorId}|${entry.providerMessageId}`));
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
    const messageId = first ? (result.found.get(`${first.connectorId}|${first.providerMessageId}`) ?? null) : null;
    return [{ id: String(callback.id), outcome, detail, appliedCount: applied.length, messageId }];
  });
}

/** One statement for the deciding reports: messages, their events, and the numbers' failure counts. */
async function applyDeciding(entries: Entry[]): Promise<{ found: Map<string, string>; applied: Set<number> }> {
  if (entries.length === 0) return { found: new Map(), applied: new Set() };
  const data = entries.map((entry) => ({
    seq: entry.seq,
    connectorId: entry.connectorId,
    providerMessageId: entry.providerMessageId,
    outcome: entry.outcome,
    reason: entry.reason,
    detail: eventDetail(entry.outcome, entry.status, entry.reason),
  }));
  const [row] = await db().$queryRaw<Array<{ found: Array<{ key: string; id: string }>; applied: number[] }>>`
    with data as (
      select * from jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
        as d(seq int, "connectorId" text, "providerMessageId" text, outcome text, reason text, detail text)
    ), target as (
      select m.id, m.status, m."workspaceId", m."to", d.*
        from data d join "Message" m on m."connectorId" = d."connectorId" and m."providerMessageId" = d."providerMessageId"
       order by m.id
         for update of m
    ), updated as (
      update "Message" m set
             status = (case when t.outcome = 'pending' then 'sent' else t.outcome end)::"MessageStatus",
             reason = case when t.outcome = 'undelivered' then t.reason else null end,
             "finalAt" = case when t.outcome <> 'pending' then clock_timestamp() else m."finalAt" end,
             "sentAt" = coalesce(m."sentAt", clock_timestamp()),
             "updatedAt" = clock_timestamp()
        from target t
       where m.id = t.id and (t.status in ('queued', 'sending') or (t.outcome <> 'pending' and t.status = 'sent'))
      returning m.id, t.seq, t.outcome, t.reason, t.detail, t."workspaceId", t."to"
    ), events as (
      insert into "MessageEvent" ("messageId", status, detail)
      select id, (case when outcome = 'pending' then 'sent' else outcome end)::"MessageStatus", detail from updated
    ), finals as (
      select "workspaceId", "to", seq, outcome, reason from updated where outcome <> 'pending'
    ), per_phone as (
      select f."workspaceId", f."to", max(f.seq) filter (where f.outcome = 'delivered') as last_success from finals f group by 1, 2
    ), stats as (
      select p."workspaceId", p."to", p.last_success,
             (select count(*) from finals f where f."workspaceId" = p."workspaceId" and f."to" = p."to" and f.outcome = 'undelivered'
                 and f.seq > coalesce(p.last_success, -1))::int as fails,
             (select f.reason from finals f where f."workspaceId" = p."workspaceId" and f."to" = p."to" and f.outcome = 'undelivered'
               order by f.seq desc limit 1) as last_reason
        from per_phone p
    ), health as (
      insert into "RecipientHealth" as h ("workspaceId", phone, "consecutiveFailures", "lastReason", "lastFailureAt", "suppressedAt", "updatedAt")
      select s."workspaceId", s."to", s.fails, s.last_reason,
             case when s.fails > 0 then clock_timestamp() end,
             case when s.fails > 0 and s.fails >= w."suppressionThreshold" then clock_timestamp() end,
             clock_timestamp()
        from stats s join "Workspace" w on w.id = s."workspaceId"
      on conflict ("workspaceId", phone) do update set
             "consecutiveFailures" = case when (select s.last_success from stats s where s."workspaceId" = h."workspaceId" and s."to" = h.phone) is not null
                                          then excluded."consecutiveFailures" else h."consecutiveFailures" + excluded."consecutiveFailures" end,
             "lastReason" = coalesce(excluded."lastReason", h."lastReason"),
             "lastFailureAt" = coalesce(excluded."lastFailureAt", h."lastFailureAt"),
             "suppressedAt" = case
               when h."suppressedAt" is null and excluded."consecutiveFailures" > 0
                    and (case when (select s.last_success from stats s where s."workspaceId" = h."workspaceId" and s."to" = h.phone) is not null
                              then excluded."consecutiveFailures" else h."consecutiveFailures" + excluded."consecutiveFailures" end)
                        >= (select "suppressionThreshold" from "Workspace" where id = h."workspaceId")
               then clock_timestamp() else h."suppressedAt" end,
             "updatedAt" = clock_timestamp()
    )
    select (select coalesce(jsonb_agg(jsonb_build_object('key', t."connectorId" || '|' || t."providerMessageId", 'id', t.id)), '[]'::jsonb) from target t) as found,
           (select coalesce(jsonb_agg(u.seq), '[]'::jsonb) from updated u) as applied`;
  return { found: new Map(row.found.map((f) => [f.key, f.id])), applied: new Set(row.applied) };
}

export interface ApplyReportResult {
  outcome: ApplyResult;
  messageId: string | null;
}

/**
 * Changes the message with this provider id, if the report may change it: a pending report moves a queued
 * or sending message to sent; a final report ends a message that is not final yet. A final state is never
 * changed again. Final outcomes also update the number's consecutive-failure count and suppress it at the
 * workspace's threshold — all in one statement, so concurrent appliers cannot lose a count.
 */
export async function applyReport(connectorId: string, report: Pick<ResolvedDelivery, "providerMessageId" | "outcome" | "status" | "reason">): Promise<ApplyReportResult> {
  const next = report.outcome === "pending" ? "sent" : report.outcome;
  const final = report.outcome !== "pending";
  const failed = report.outcome === "undelivered";
  const detail = eventDetail(report.outcome, report.status, report.reason);
  const [row] = await db().$queryRaw<Array<{ found: number; message_id: string | null; applied_id: string | null }>>`
    with target as (
      select id, status, "workspaceId", "to" from "Message"
       where "connectorId" = ${connectorId} and "providerMessageId" = ${report.providerMessageId}
       for update
    ), updated as (
      update "Message" m set
             status = ${next}::"MessageStatus",
             reason = case when ${failed} then ${report.reason} else null end,
             "finalAt" = case when ${final} then clock_timestamp() else m."finalAt" end,
             "sentAt" = coalesce(m."sentAt", clock_timestamp()),
             "updatedAt" = clock_timestamp()
        from target t
       where m.id = t.id
         and (t.status in ('queued', 'sending') or (${final} and t.status = 'sent'))
      returning m.id, t."workspaceId", t."to"
    ), event as (
      insert into "MessageEvent" ("messageId", status, detail) select id, ${next}::"MessageStatus", ${detail} from updated
    ), health as (
      insert into "RecipientHealth" as h ("workspaceId", phone, "consecutiveFailures", "lastReason", "lastFailureAt", "suppressedAt", "updatedAt")
      select u."workspaceId", u."to", case when ${failed} then 1 else 0 end,
             case when ${failed} then ${report.reason} else null end,
             case when ${failed} then clock_timestamp() else null end,
             case when ${failed} and w."suppressionThreshold" <= 1 then clock_timestamp() else null end,
             clock_timestamp()
        from updated u join "Workspace" w on w.id = u."workspaceId"
       where ${final}
      on conflict ("workspaceId", phone) do update set
             "consecutiveFailures" = case when ${failed} then h."consecutiveFailures" + 1 else 0 end,
             "lastReason" = case when ${failed} then excluded."lastReason" else h."lastReason" end,
             "lastFailureAt" = case when ${failed} then excluded."lastFailureAt" else h."lastFailureAt" end,
             "suppressedAt" = case
               when h."suppressedAt" is null and ${failed}
                    and h."consecutiveFailures" + 1 >= (select "suppressionThreshold" from "Workspace" where id = h."workspaceId")
               then clock_timestamp() else h."suppressedAt" end,
             "updatedAt" = clock_timestamp()
    )
    select (select count(*) from target)::int as found, (select id from target limit 1) as message_id, (select id from updated limit 1) as applied_id`;
  if (row.found === 0) return { outcome: "no_message", messageId: null };
  return { outcome: row.applied_id ? "applied" : "duplicate", messageId: row.message_id };
}

function eventDetail(outcome: DeliveryOutcome, status: string, reason: string | null): string {
  if (outcome === "delivered") return `Delivered (provider status ${status})`;
  if (outcome === "undelivered") return reason ?? status;
  return `Provider status ${status}`;
}

/** Reports that arrived before their message: apply those whose message now has its provider id. */
export async function applyWaitingReports(): Promise<number> {
  const matches = await db().$queryRaw<Array<{ id: bigint; connectorId: string; providerMessageId: string; outcome: DeliveryOutcome; status: string; reason: string | null; callbackId: bigint }>>`
    select p.id, p."connectorId", p."providerMessageId", p.outcome, p.status, p.reason, p."callbackId"
      from "PendingDeliveryReport" p
     where exists (select 1 from "Message" m where m."connectorId" = p."connectorId" and m."providerMessageId" = p."providerMessageId")
     order by p.id limit 500`;
  for (const pending of matches) {
    const result = await applyReport(pending.connectorId, pending);
    await db().$transaction([
      db().pendingDeliveryReport.deleteMany({ where: { id: pending.id } }),
      db().deliveryCallback.updateMany({
        where: { id: pending.callbackId, outcome: "waiting" },
        data: {
          outcome: result.outcome === "applied" ? "applied" : "duplicate",
          detail: result.outcome === "applied" ? "Applied once the send was recorded" : "Matched once the send was recorded, but changed nothing",
          messageId: result.messageId,
          appliedCount: { increment: result.outcome === "applied" ? 1 : 0 },
        },
      }),
    ]);
  }
  return matches.length;
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
