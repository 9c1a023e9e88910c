// Reading messages back: one with its timeline (REST), and a connector's recent log (UI).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
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
    timeline: row.events.map((e) => ({ status: e.status, at: e.at.toISOString(), ...(e.detail ? { detail: e.detail } : {}) })),
  };
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

export async function listConnectorMessages(
  actor: Actor,
  connectorId: string,
  /** `before` (a createdAt) with `beforeId` (that message's id) continues exactly after the last message of a page. */
  options: { limit?: number; before?: string; beforeId?: string; status?: MessageStatus } = {},
): Promise<MessageLogEntry[]> {
  requirePermission(actor, "read");
  if (options.before && Number.isNaN(Date.parse(options.before))) {
    throw new ValidationError([{ field: "before", message: "Use an ISO date-time, e.g. a message's createdAt" }]);
  }
  const connector = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!connector) throw new NotFoundError("Connector");
  const rows = await db().message.findMany({
    where: {
      connectorId,
      ...(options.status ? { status: options.status } : {}),
      ...(options.before
        ? options.beforeId
          ? { OR: [{ createdAt: { lt: new Date(options.before) } }, { createdAt: new Date(options.before), id: { lt: options.beforeId } }] }
          : { createdAt: { lt: new Date(options.before) } }
        : {}),
    },
    select: { id: true, to: true, status: true, reason: true, providerMessageId: true, segments: true, senderName: true, isTest: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 50, 200),
  });
  return rows.map(({ senderName, createdAt, ...rest }) => ({ ...rest, sender: senderName, createdAt: createdAt.toISOString() }));
}
