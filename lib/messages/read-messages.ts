// Reading messages back: one with its timeline (REST), and a connector's recent log (UI).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, isoDateKey, toPage, type Page, type PageRequest } from "@/lib/paging";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
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

/** A connector's messages, newest first, a page at a time (`status` keeps one status only). */
export async function listConnectorMessages(actor: Actor, connectorId: string, options: PageRequest & { status?: MessageStatus }): Promise<Page<MessageLogEntry>> {
  requirePermission(actor, "read");
  const after = decodeCursor(options.cursor, z.tuple([isoDateKey, z.string()]));
  const connector = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!connector) throw new NotFoundError("Connector");
  const rows = await db().message.findMany({
    where: {
      connectorId,
      ...(options.status ? { status: options.status } : {}),
      // Messages created in the same millisecond are told apart by id, so a page never skips one.
      ...(after ? { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] } : {}),
    },
    select: { id: true, to: true, status: true, reason: true, providerMessageId: true, segments: true, senderName: true, isTest: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = toPage(rows, options.limit, (row) => [row.createdAt.toISOString(), row.id]);
  return { data: page.data.map(({ senderName, createdAt, ...rest }) => ({ ...rest, sender: senderName, createdAt: createdAt.toISOString() })), nextCursor: page.nextCursor };
}
