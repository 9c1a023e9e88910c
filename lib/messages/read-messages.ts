// Reading messages back: one with its timeline (REST), and a connector's recent log (UI).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, isoDateKey, toPage, type Page, type PageRequest } from "@/lib/paging";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storedRequest, storedResponse, type AttemptEntry } from "./attempt-shape";
import { endOf, startOf, type MessageLogFilter } from "./message-log-filter";
import type { MessageView } from "./schema";
import type { MessageStatus } from "./statuses";

const messageSelect = {
  id: true,
  connectorId: true,
  to: true,
  status: true,
  reason: true,
  providerMessageId: true,
  segments: true,
  encoding: true,
  senderName: true,
  isTest: true,
  createdAt: true,
  campaignId: true,
  events: { select: { status: true, at: true, detail: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
} satisfies Prisma.MessageSelect;

export async function getMessage(actor: Actor, id: string): Promise<MessageView> {
  requirePermission(actor, "read");
  const row = await db().message.findFirst({ where: { id, workspaceId: actor.workspaceId }, select: messageSelect });
  if (!row) throw new NotFoundError("Message");
  return {
    id: row.id,
    connectorId: row.connectorId,
    to: row.to,
    status: row.status,
    reason: row.reason,
    providerMessageId: row.providerMessageId,
    segments: row.segments,
    encoding: row.encoding,
    sender: row.senderName,
    isTest: row.isTest,
    createdAt: row.createdAt.toISOString(),
    timeline: timelineOf(row),
  };
}

/**
 * The stored events, oldest first. A campaign's recipients are imported without a "queued" event each (a million
 * rows at a time): their timeline starts with their creation, as queued.
 */
function timelineOf(row: { campaignId: string | null; createdAt: Date; events: Array<{ status: string; at: Date; detail: string | null }> }): MessageView["timeline"] {
  const events = row.events.map((e) => ({ status: e.status as MessageView["status"], at: e.at.toISOString(), ...(e.detail ? { detail: e.detail } : {}) }));
  if (row.campaignId && events[0]?.status !== "queued") events.unshift({ status: "queued", at: row.createdAt.toISOString() });
  return events;
}

/** The attempt's request and response as recorded (secrets were masked before they were stored). */
export async function getMessageAttempt(actor: Actor, id: string) {
  requirePermission(actor, "read");
  const row = await db().message.findFirst({
    where: { id, workspaceId: actor.workspaceId },
    select: { lastRequest: true, lastResponse: true, attempts: true, body: true },
  });
  if (!row) throw new NotFoundError("Message");
  return row;
}

export interface MessageLogEntry {
  id: string;
  to: string;
  status: MessageStatus;
  reason: string | null;
  providerMessageId: string | null;
  segments: number;
  sender: string | null;
  isTest: boolean;
  createdAt: string;
}

/** A connector's messages, newest first, a page at a time, with the message log's filters (all optional). */
export async function listConnectorMessages(actor: Actor, connectorId: string, options: PageRequest & Omit<MessageLogFilter, "status"> & { status?: MessageStatus }): Promise<Page<MessageLogEntry>> {
  requirePermission(actor, "read");
  const after = decodeCursor(options.cursor, z.tuple([isoDateKey, z.string()]));
  const connector = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!connector) throw new NotFoundError("Connector");
  const rows = await db().message.findMany({
    where: {
      AND: [
        logFilterWhere(connectorId, options),
        // Messages created in the same millisecond are told apart by id, so a page never skips one.
        after ? { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] } : {},
      ],
    },
    select: { id: true, to: true, status: true, reason: true, providerMessageId: true, segments: true, senderName: true, isTest: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = toPage(rows, options.limit, (row) => [row.createdAt.toISOString(), row.id]);
  return { data: page.data.map(({ senderName, createdAt, ...rest }) => ({ ...rest, sender: senderName, createdAt: createdAt.toISOString() })), nextCursor: page.nextCursor };
}

/**
 * The filters as a Prisma condition. A whole number with its + is an equality on "to" (the index on connector,
 * number and time); digits alone match numbers that contain them, within the scan of the connector's messages.
 */
function logFilterWhere(connectorId: string, filter: Omit<MessageLogFilter, "status"> & { status?: MessageStatus }): Prisma.MessageWhereInput {
  const search = filter.search || undefined;
  return {
    connectorId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.sender ? { senderName: filter.sender } : {}),
    ...(filter.test ? { isTest: filter.test === "true" } : {}),
    ...(filter.since || filter.until ? { createdAt: { ...(filter.since ? { gte: startOf(filter.since) } : {}), ...(filter.until ? { lt: endOf(filter.until) } : {}) } } : {}),
    ...(search ? (/^\+\d{8,}$/.test(search) ? { to: search } : { to: { contains: search.replace(/^\+/, "") } }) : {}),
  };
}

/** Every message the filters keep, newest first, a page at a time: the CSV export reads this as it streams. */
export async function* messageLogRows(actor: Actor, connectorId: string, filter: MessageLogFilter): AsyncGenerator<MessageLogEntry[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listConnectorMessages(actor, connectorId, { ...filter, limit: 500, cursor });
    if (page.data.length) yield page.data;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The export's columns, in order, and each message's cells. */
export const MESSAGE_LOG_CSV_HEADER = ["created_at", "to", "status", "reason", "sender", "test", "provider_message_id", "segments", "message_id"];
export function messageLogCsvRow(entry: MessageLogEntry): Array<string | number | boolean | null> {
  return [entry.createdAt, entry.to, entry.status, entry.reason, entry.sender, entry.isTest, entry.providerMessageId, entry.segments, entry.id];
}

/**
 * Every attempt of a message, oldest first: those a retry superseded (MessageAttempt) and then the last one, as the
 * message keeps it. A message waiting for its retry has no newer attempt than its last superseded one.
 */
export async function listMessageAttempts(actor: Actor, id: string): Promise<AttemptEntry[]> {
  requirePermission(actor, "read");
  const row = await db().message.findFirst({
    where: { id, workspaceId: actor.workspaceId },
    select: {
      attempts: true,
      status: true,
      reason: true,
      providerMessageId: true,
      requestStartedAt: true,
      lastRequest: true,
      lastResponse: true,
      attemptHistory: { select: { attempt: true, request: true, response: true, outcome: true, at: true }, orderBy: { attempt: "asc" } },
    },
  });
  if (!row) throw new NotFoundError("Message");
  const earlier: AttemptEntry[] = row.attemptHistory.map((entry) => ({
    attempt: entry.attempt,
    at: entry.at.toISOString(),
    outcome: entry.outcome,
    retried: true,
    request: storedRequest(entry.request),
    response: storedResponse(entry.response),
  }));
  const lastKept = row.attemptHistory.at(-1)?.attempt ?? 0;
  if (row.attempts > lastKept && (row.lastRequest !== null || row.lastResponse !== null || row.status === "sending")) {
    earlier.push({
      attempt: row.attempts,
      at: row.requestStartedAt?.toISOString() ?? null,
      outcome: lastOutcome(row),
      retried: false,
      request: storedRequest(row.lastRequest),
      response: storedResponse(row.lastResponse),
    });
  }
  return earlier;
}

function lastOutcome(row: { status: MessageStatus; reason: string | null; providerMessageId: string | null }): string {
  if (row.status === "sending") return "In progress";
  if (row.status === "failed") return row.reason ?? "Failed";
  if (row.status === "queued" || row.status === "cancelled") return row.reason ?? "Not accepted";
  return row.providerMessageId ? `Accepted: provider id ${row.providerMessageId}` : "Accepted";
}
