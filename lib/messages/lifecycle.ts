// The message lifecycle, in one place: the only code that writes Message.status and MessageEvent.
//
//   queued → sending → sent → delivered | undelivered
//   queued | sending → failed        (refused, failed to send, interrupted)
//   queued → cancelled               (a campaign cancelled before the message was handed over)
//   sending → queued                 (a retry that cannot duplicate: refused connection, 429, 503)
//   queued | sending → sent | delivered | undelivered   (a delivery report that beat the send's record)
//
// Every write is guarded by the transition table (statuses.ts): a statement only moves messages whose current status
// may go to the new one, so a late or repeated write never overwrites a later state. Every operation works on
// a batch (one statement for many messages), because sends, reports and campaigns all arrive in bulk.
//
// Every message's timeline starts with queued. An API send stores it as its first event; a campaign's recipients,
// imported a million at a time, do not: their creation time is their queued moment (read-messages.ts shows it).
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { jsonbParam, pgText, writeEachOnFailure } from "@/lib/database/jsonb";
import { createId } from "@/lib/ids";
import { config } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { MESSAGE_STATUSES, sourcesOf, TRANSITIONS, type MessageStatus } from "./statuses";

/** `status = any(…)` for a move to `to`, built from the table. */
function guard(column: Prisma.Sql, to: MessageStatus): Prisma.Sql {
  return Prisma.sql`${column} = any(${sourcesOf(to)}::"MessageStatus"[])`;
}

export const INTERRUPTED_REASON = "Interrupted while the provider was being called; not resent, to avoid a duplicate";
export const CANCELLED_REASON = "Campaign cancelled before the message was sent";

// ── Creating ────────────────────────────────────────────────────────────────────────────────────────────

export interface NewMessage {
  workspaceId: string;
  connectorId: string;
  senderName: string | null;
  senderType: "promotional" | "transactional" | null;
  to: string;
  body: string;
  attributes?: Prisma.InputJsonValue;
  campaignId?: string | null;
  /** An API caller's own campaign id, only for `{{campaign_id}}`. */
  campaignLabel?: string | null;
  dltTemplateId?: string | null;
  isTest?: boolean;
  segments: number;
  encoding: string;
  /** queued: for a worker · failed: refused at the door (invalid or suppressed number) · sending: sent right now, in this process (test sends). */
  status: "queued" | "failed" | "sending";
  /** Why it failed (status failed), or what the first timeline event says. */
  reason?: string | null;
  detail?: string | null;
}

export interface CreatedMessage {
  id: string;
  status: MessageStatus;
  reason: string | null;
}

/**
 * Inserts messages and their first timeline event in one statement (one round trip, atomic): this is on the
 * path of every API send, where round trips are the cost. Ids are made here, cuid-like and in time order.
 */
export async function createMessages(rows: NewMessage[]): Promise<CreatedMessage[]> {
  if (rows.length === 0) return [];
  const created = rows.map((row) => ({
    ...row,
    id: createId(),
    reason: row.status === "failed" ? (row.reason ?? "Failed") : null,
    detail: row.status === "failed" ? (row.reason ?? "Failed") : (row.detail ?? null),
  }));
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(created)}::jsonb)
        as d(id text, "workspaceId" text, "connectorId" text, "senderName" text, "senderType" "SenderType", "to" text,
          body text, attributes jsonb, "campaignId" text, "campaignLabel" text, "dltTemplateId" text, "isTest" boolean, segments int, encoding text,
          status "MessageStatus", reason text, detail text)
    ), messages as (
      insert into "Message" (id, "workspaceId", "connectorId", "senderName", "senderType", "to", body, attributes, "campaignId", "campaignLabel", "dltTemplateId", "isTest",
                             status, reason, segments, encoding, attempts, "requestStartedAt", "finalAt", "createdAt", "updatedAt")
      select id, "workspaceId", "connectorId", "senderName", "senderType", "to", body, attributes, "campaignId", "campaignLabel", "dltTemplateId", coalesce("isTest", false),
             status, reason, segments, encoding,
             case when status = 'sending' then 1 else 0 end, case when status = 'sending' then now() end, case when status = 'failed' then now() end, now(), now()
        from data
    )
    insert into "MessageEvent" ("messageId", status, detail)
    select id, case when status = 'sending' then 'queued'::"MessageStatus" else status end, detail from data`;
  return created.map(({ id, status, reason }) => ({ id, status, reason }));
}

// ── Importing a campaign's audience ─────────────────────────────────────────────────────────────────────

/** A campaign's recipients, written as queued messages in bulk (COPY) inside the caller's transaction. */
export interface CampaignMessageWriter {
  write(recipients: Array<{ to: string; attributes: Record<string, string> }>): Promise<void>;
  /** Ends the copy; returns how many messages were written. */
  end(): Promise<number>;
  /** Gives the copy up (the import failed): the caller's transaction then rolls back. */
  abort(): Promise<void>;
}

export async function copyCampaignMessages(
  client: PoolClient,
  campaign: { id: string; workspaceId: string; connectorId: string; senderName: string; senderType: string; dltTemplateId: string | null },
): Promise<CampaignMessageWriter> {
  const now = new Date().toISOString();
  const fixed = [campaign.workspaceId, campaign.connectorId, campaign.senderName, campaign.senderType].map(copyText).join("\t");
  const tail = [copyText(campaign.id), campaign.dltTemplateId === null ? "\\N" : copyText(campaign.dltTemplateId), "queued", "0", "", now, now].join("\t");
  const stream = client.query(
    copyFrom(`copy "Message" (id, "workspaceId", "connectorId", "senderName", "senderType", "to", body, attributes, "campaignId", "dltTemplateId", status, segments, encoding, "createdAt", "updatedAt") from stdin`),
  );
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  let written = 0;
  return {
    async write(recipients) {
      let chunk = "";
      // Ids made here are in creation order, so a campaign is sent in the order of its file. The body is written
      // when the message is sent: it is the campaign's message, personalised for the recipient.
      for (const recipient of recipients) chunk += `${createId()}\t${fixed}\t${copyText(recipient.to)}\t\t${copyText(jsonbParam(recipient.attributes))}\t${tail}\n`;
      written += recipients.length;
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
    },
    async end() {
      stream.end();
      await finished;
      // No "queued" event per recipient: a million more rows would be a third of the import. A campaign message's
      // timeline starts at its creation, which the reader shows as queued (see campaignTimeline).
      return written;
    },
    async abort() {
      stream.destroy(new Error("The audience import was given up"));
      await finished.catch(() => {});
    },
  };
}

/** A value in PostgreSQL's COPY text format: backslash, tab and line breaks escaped; NUL made storable. */
function copyText(value: string): string {
  return pgText(value).replace(/[\\\t\n\r]/g, (char) => (char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r"));
}

// ── Claiming ────────────────────────────────────────────────────────────────────────────────────────────

export interface ClaimedMessage {
  id: string;
  connectorId: string;
  to: string;
  body: string;
  senderName: string | null;
  senderType: string | null;
  attributes: Prisma.JsonValue;
  /** What `{{campaign_id}}` gives: the campaign's id, or the id an API caller passed for its own campaign. */
  campaignId: string | null;
  dltTemplateId: string | null;
  attempts: number;
  /** The connector's updatedAt when the message was claimed: a worker's cached connector must not be older. */
  connectorUpdatedAt: Date;
}

/**
 * queued → sending, stamped with the moment the request may go out. Of two workers holding the same message,
 * one gets it; the result has one entry per id, in order (null: not claimed).
 */
export async function claimMessages(ids: string[]): Promise<Array<ClaimedMessage | null>> {
  const rows = await db().$queryRaw<ClaimedMessage[]>`
    update "Message" m set status = 'sending', attempts = attempts + 1, "updatedAt" = clock_timestamp(), "requestStartedAt" = clock_timestamp()
      from "Connector" c
     where m.id = any(${ids}::text[]) and c.id = m."connectorId" and ${guard(Prisma.sql`m.status`, "sending")}
     returning m.id, m."connectorId", m."to", m.body, m."senderName", m."senderType"::text as "senderType", m.attributes, coalesce(m."campaignId", m."campaignLabel") as "campaignId", m."dltTemplateId", m.attempts,
               c."updatedAt" as "connectorUpdatedAt"`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  // The same id twice in one batch (two workers holding one job): only the first caller gets it.
  return ids.map((id) => {
    const row = byId.get(id) ?? null;
    byId.delete(id);
    return row;
  });
}

/** The next queued messages of a campaign, oldest first, claimed for this dispatcher (others skip them). */
export async function claimNextOfCampaign(campaignId: string, limit: number): Promise<ClaimedMessage[]> {
  // A materialized CTE: as a subquery in FROM, a LIMIT … SKIP LOCKED select may be run again per joined row.
  return db().$queryRaw<ClaimedMessage[]>`
    with next as materialized (
      select id from "Message" where "campaignId" = ${campaignId} and status = 'queued' order by id limit ${limit} for update skip locked
    )
    update "Message" m set status = 'sending', attempts = attempts + 1, "updatedAt" = clock_timestamp(), "requestStartedAt" = clock_timestamp()
      from next, "Connector" c
     where m.id = next.id and c.id = m."connectorId" and ${guard(Prisma.sql`m.status`, "sending")}
     returning m.id, m."connectorId", m."to", m.body, m."senderName", m."senderType"::text as "senderType", m.attributes, coalesce(m."campaignId", m."campaignLabel") as "campaignId", m."dltTemplateId", m.attempts,
               c."updatedAt" as "connectorUpdatedAt"`;
}

// ── Recording an attempt ────────────────────────────────────────────────────────────────────────────────

export interface AttemptRecord {
  id: string;
  request: unknown;
  response: unknown;
  /** The text that went out, when it was only known at send time (a campaign's personalised message). */
  body?: string | null;
  segments?: number | null;
  encoding?: string | null;
}

export interface SentRecord extends AttemptRecord {
  providerMessageId: string | null;
  note: string | null;
}

const attemptColumns = Prisma.sql`
  "lastRequest" = d.request, "lastResponse" = d.response,
  body = coalesce(d.body, m.body), segments = coalesce(d.segments, m.segments), encoding = coalesce(d.encoding, m.encoding)`;

/**
 * sending → sent, with the provider's id. A message a delivery report already moved on (matched by our own
 * id before this record: sent by an intermediate report, or finished) keeps its state and gains the provider id
 * and the attempt. A message closed meanwhile (the sweeper took it for interrupted) is not reopened. Returns the
 * ids that were not recorded.
 */
export async function markSent(records: SentRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  try {
    return await writeSent(records);
  } catch (error) {
    if (records.length === 1 && !isUniqueViolation(error)) throw error;
    // One bad row must not fail its neighbours: write each alone.
    const skipped: string[] = [];
    for (const record of records) {
      try {
        skipped.push(...(await writeSent([record])));
      } catch (single) {
        if (!isUniqueViolation(single)) {
          logger.error({ err: single, messageId: record.id }, "recording a sent message failed");
          skipped.push(record.id);
          continue;
        }
        // The provider reused an id it gave another message: keep the send, but it cannot be matched to reports.
        logger.warn({ messageId: record.id, providerMessageId: record.providerMessageId }, "provider returned a message id already in use");
        skipped.push(
          ...(await writeSent([{ ...record, providerMessageId: null, note: `Provider id ${record.providerMessageId} already belongs to another message; delivery reports cannot be matched` }])),
        );
      }
    }
    return skipped;
  }
}

async function writeSent(records: SentRecord[]): Promise<string[]> {
  const [row] = await db().$queryRaw<Array<{ skipped: string[] }>>`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(records)}::jsonb)
        as d(id text, "providerMessageId" text, note text, request jsonb, response jsonb, body text, segments int, encoding text)
    ), updated as (
      update "Message" m set
             status = case when ${guard(Prisma.sql`old.status`, "sent")} then 'sent'::"MessageStatus" else m.status end,
             "providerMessageId" = coalesce(m."providerMessageId", d."providerMessageId"),
             reason = case when ${guard(Prisma.sql`old.status`, "sent")} then null else m.reason end,
             "sentAt" = coalesce(m."sentAt", clock_timestamp()), "updatedAt" = clock_timestamp(), ${attemptColumns}
        from data d, "Message" old
       where m.id = d.id and old.id = m.id
         and (${guard(Prisma.sql`old.status`, "sent")} or old.status in ('sent', 'delivered', 'undelivered'))
      returning m.id, old.status as before
    ), events as (
      insert into "MessageEvent" ("messageId", status, detail)
      select d.id, 'sent', d.note from data d join updated u on u.id = d.id where u.before = any(${sourcesOf("sent")}::"MessageStatus"[])
    )
    select coalesce(array_agg(d.id) filter (where u.id is null), '{}') as skipped from data d left join updated u on u.id = d.id`;
  if (row.skipped.length) logger.warn({ messageIds: row.skipped }, "a send finished after its message was closed; its result was not recorded");
  return row.skipped;
}

export interface RetryRecord extends AttemptRecord {
  detail: string;
}

/**
 * sending → queued, for a retry that cannot duplicate the message. The attempt being retried is also kept in
 * MessageAttempt (number, request, response, why), in the same statement: the next attempt will overwrite the
 * message's lastRequest/lastResponse, and this is the only moment an attempt is known to be superseded. A message
 * that is never retried gets no such row.
 */
export async function markRetrying(records: RetryRecord[]): Promise<void> {
  await eachAlone(records, writeRetrying);
}

async function writeRetrying(records: RetryRecord[]): Promise<void> {
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(records)}::jsonb)
        as d(id text, detail text, request jsonb, response jsonb, body text, segments int, encoding text)
    ), updated as (
      update "Message" m set status = 'queued', "requestStartedAt" = null, "updatedAt" = clock_timestamp(), ${attemptColumns}
        from data d where m.id = d.id and m.status = 'sending' and ${guard(Prisma.sql`m.status`, "queued")}
      returning m.id, m.attempts
    ), history as (
      insert into "MessageAttempt" ("messageId", attempt, request, response, outcome, at)
      select d.id, u.attempts, d.request, d.response, d.detail, clock_timestamp() from data d join updated u on u.id = d.id
      on conflict ("messageId", attempt) do nothing
    )
    insert into "MessageEvent" ("messageId", status, detail) select d.id, 'queued', d.detail from data d join updated u on u.id = d.id`;
}

export interface FailedRecord extends Partial<AttemptRecord> {
  id: string;
  reason: string;
}

/** queued | sending → failed, with the reason. */
export async function markFailed(records: FailedRecord[]): Promise<void> {
  await eachAlone(records, writeFailed);
}

async function writeFailed(records: FailedRecord[]): Promise<void> {
  const data = records.map((record) => ({ request: null, response: null, ...record, hasAttempt: record.request !== undefined || record.response !== undefined }));
  await db().$executeRaw`
    with data as (
      select * from jsonb_to_recordset(${jsonbParam(data)}::jsonb)
        as d(id text, reason text, request jsonb, response jsonb, "hasAttempt" boolean, body text, segments int, encoding text)
    ), updated as (
      update "Message" m set status = 'failed', reason = d.reason, "finalAt" = clock_timestamp(), "updatedAt" = clock_timestamp(),
             "lastRequest" = case when d."hasAttempt" then d.request else m."lastRequest" end,
             "lastResponse" = case when d."hasAttempt" then d.response else m."lastResponse" end,
             body = coalesce(d.body, m.body), segments = coalesce(d.segments, m.segments), encoding = coalesce(d.encoding, m.encoding)
        from data d where m.id = d.id and ${guard(Prisma.sql`m.status`, "failed")}
      returning m.id
    )
    insert into "MessageEvent" ("messageId", status, detail) select d.id, 'failed', d.reason from data d join updated u on u.id = d.id`;
}

/**
 * The one rule for "interrupted": a message still sending once its request has been out longer than the
 * connector's timeout plus a grace period. A live worker would have recorded an answer by then; a worker that
 * died may or may not have reached the provider, so the message is closed, never resent.
 */
export async function closeInterrupted(options: { messageId?: string; limit?: number } = {}): Promise<number> {
  const graceMs = config().interruptedGraceMs;
  const only = options.messageId ? Prisma.sql`and m.id = ${options.messageId}` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    with stale as materialized (
      select m.id from "Message" m join "Connector" c on c.id = m."connectorId"
       where m.status = 'sending' ${only}
         and coalesce(m."requestStartedAt", m."updatedAt") < clock_timestamp() - make_interval(secs => (c."timeoutMs" + ${graceMs}::int)::float8 / 1000)
       limit ${options.limit ?? 5000}
       for update of m skip locked
    ), updated as (
      update "Message" m set status = 'failed', reason = ${INTERRUPTED_REASON}, "finalAt" = clock_timestamp(), "updatedAt" = clock_timestamp()
        from stale s where m.id = s.id and ${guard(Prisma.sql`m.status`, "failed")}
      returning m.id
    ), events as (
      insert into "MessageEvent" ("messageId", status, detail) select id, 'failed', ${INTERRUPTED_REASON} from updated
    )
    select id from updated`;
  return rows.length;
}

/** queued → cancelled for every message of a campaign not yet handed to a worker; returns how many. */
export async function cancelQueued(campaignId: string): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ count: number }>>`
    with updated as (
      update "Message" set status = 'cancelled', reason = ${CANCELLED_REASON}, "finalAt" = clock_timestamp(), "updatedAt" = clock_timestamp()
       where "campaignId" = ${campaignId} and status = 'queued' and ${guard(Prisma.sql`status`, "cancelled")}
      returning id
    ), events as (
      insert into "MessageEvent" ("messageId", status, detail) select id, 'cancelled', ${CANCELLED_REASON} from updated
    )
    select count(*)::int as count from updated`;
  return row.count;
}

/** A batch write that falls back to one row at a time; a row that still fails is logged and left for the sweeper. */
async function eachAlone<T extends { id: string }>(records: T[], write: (records: T[]) => Promise<void>): Promise<void> {
  if (records.length === 0) return;
  for (const { row, error } of await writeEachOnFailure(records, write)) logger.error({ err: error, messageId: row.id }, "a message lifecycle write failed");
}

/** A draft campaign's messages take its new sender (not a status change: drafts are not sent yet). */
export async function reassignCampaignSender(campaignId: string, sender: { name: string; type: "promotional" | "transactional" }): Promise<void> {
  await db().$executeRaw`
    update "Message" set "senderName" = ${sender.name}, "senderType" = ${sender.type}::"SenderType", "updatedAt" = clock_timestamp()
     where "campaignId" = ${campaignId} and status = 'queued'`;
}

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002" || (error.code === "P2010" && /23505|unique/i.test(error.message));
  return /23505|unique constraint/i.test(String((error as Error)?.message));
}

// ── Delivery reports ────────────────────────────────────────────────────────────────────────────────────

export interface DeliveryOutcomeEntry {
  /** Tells the entries apart in the result. */
  seq: number;
  connectorId: string;
  /** The report matches its message by the provider's id … */
  providerMessageId: string | null;
  /** … or by Switchboard's own id, echoed back by the provider. */
  messageId: string | null;
  outcome: "delivered" | "undelivered" | "pending";
  reason: string | null;
  detail: string;
}

export interface DeliveryOutcomeResult {
  /** deliveryKey(entry) → the message it matched. */
  found: Map<string, string>;
  /** seq of the entries that changed their message. */
  applied: Set<number>;
}

/** How an entry names its message, as a key of DeliveryOutcomeResult.found. */
export function deliveryKey(entry: Pick<DeliveryOutcomeEntry, "connectorId" | "providerMessageId" | "messageId">): string {
  return entry.messageId ? `${entry.connectorId}|m:${entry.messageId}` : `${entry.connectorId}|p:${entry.providerMessageId}`;
}

const TRANSITION_PAIRS = JSON.stringify(MESSAGE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => ({ from, to }))));

/**
 * Applies delivery outcomes (at most one per message: the caller picks the deciding report) in one statement:
 * a pending report moves a message to sent, a final one ends it; the transition table decides, so a final state
 * is never overwritten and a duplicate changes nothing. Final outcomes also keep each number's consecutive
 * failures and suppress it at the workspace's threshold, in the same statement, so concurrent appliers cannot
 * lose a count.
 */
export async function applyDeliveryOutcomes(entries: DeliveryOutcomeEntry[]): Promise<DeliveryOutcomeResult> {
  if (entries.length === 0) return { found: new Map(), applied: new Set() };
  const [row] = await db().$queryRaw<Array<{ found: Array<{ key: string; id: string }>; applied: number[] }>>`
    with data as (
      select *, (case when d.outcome = 'pending' then 'sent' else d.outcome end) as next
        from jsonb_to_recordset(${jsonbParam(entries)}::jsonb)
          as d(seq int, "connectorId" text, "providerMessageId" text, "messageId" text, outcome text, reason text, detail text)
    ), allowed as (
      select * from jsonb_to_recordset(${TRANSITION_PAIRS}::jsonb) as p("from" text, "to" text)
    ), target as (
      select m.id, m."workspaceId", m."to", d.*, d."connectorId" || '|p:' || d."providerMessageId" as key
        from data d join "Message" m on m."connectorId" = d."connectorId" and m."providerMessageId" = d."providerMessageId"
       where d."messageId" is null
      union all
      select m.id, m."workspaceId", m."to", d.*, d."connectorId" || '|m:' || d."messageId" as key
        from data d join "Message" m on m.id = d."messageId" and m."connectorId" = d."connectorId"
       where d."messageId" is not null
    ), locked as (
      -- One lock order for every applier: concurrent batches never deadlock.
      select id from "Message" where id in (select id from target) order by id for update
    ), updated as (
      update "Message" m set
             status = t.next::"MessageStatus",
             reason = case when t.outcome = 'undelivered' then t.reason else null end,
             "finalAt" = case when t.outcome <> 'pending' then clock_timestamp() else m."finalAt" end,
             "sentAt" = coalesce(m."sentAt", clock_timestamp()),
             "updatedAt" = clock_timestamp()
        from target t join locked l on l.id = t.id
       where m.id = t.id and exists (select 1 from allowed a where a."from" = m.status::text and a."to" = t.next)
      returning m.id, t.seq, t.outcome, t.next, t.reason, t.detail, t."workspaceId", t."to"
    ), events as (
      insert into "MessageEvent" ("messageId", status, detail) select id, next::"MessageStatus", detail from updated
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
    select (select coalesce(jsonb_agg(jsonb_build_object('key', t.key, 'id', t.id)), '[]'::jsonb) from target t) as found,
           (select coalesce(jsonb_agg(u.seq), '[]'::jsonb) from updated u) as applied`;
  return { found: new Map(row.found.map((f) => [f.key, f.id])), applied: new Set(row.applied) };
}
