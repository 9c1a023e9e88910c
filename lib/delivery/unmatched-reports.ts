// The unmatched inbox: delivery reports that found no message for longer than SWITCHBOARD_DLR_UNMATCHED_MINUTES,
// per connector, with the reason; how many there are (for the connector screen and a dashboard); and re-matching
// them once the mapping is fixed.
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { requestRematch } from "./apply-callbacks";

export interface UnmatchedReport {
  id: string;
  /** When the provider's callback arrived. */
  receivedAt: string;
  /** When it moved to the inbox. */
  unmatchedAt: string;
  /** Why it matched nothing: "No message with provider id X", 'Message id: the report has no field "msgId"'. */
  reason: string;
  /** The id it named its message by, and which kind of id that is; null when the mapping could not read one. */
  reference: string | null;
  matchBy: "provider-id" | "message-id" | null;
  /** The status as read (null when unreadable). */
  status: string | null;
  /** The report as the provider sent it (null for reports kept before reports were stored whole). */
  report: Prisma.JsonValue | null;
  callbackId: string;
}

export interface UnmatchedReportPage {
  data: UnmatchedReport[];
  nextCursor: string | null;
  /** Every report in the connector's inbox, not only this page. */
  total: number;
}

export const unmatchedReportsQuerySchema = z.object({
  limit: z.coerce.number({ message: "limit must be a whole number from 1 to 200" }).int("limit must be a whole number from 1 to 200").min(1, "limit must be a whole number from 1 to 200").max(200, "limit must be a whole number from 1 to 200").default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "cursor is not one this API gave")
    .optional(),
});

async function ensureConnector(actor: Actor, connectorId: string): Promise<void> {
  const row = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!row) throw new NotFoundError("Connector");
}

/** The connector's inbox, newest first; `query` is `limit` and the opaque `cursor` of the previous page. */
export async function listUnmatchedReports(actor: Actor, connectorId: string, query: unknown = {}): Promise<UnmatchedReportPage> {
  requirePermission(actor, "read");
  const { limit, cursor } = parseInput(unmatchedReportsQuerySchema, query);
  await ensureConnector(actor, connectorId);
  const before = cursor ? decodeCursor(cursor) : null;
  const inbox = { connectorId, unmatchedAt: { not: null } } satisfies Prisma.PendingDeliveryReportWhereInput;
  const [rows, total] = await Promise.all([
    db().pendingDeliveryReport.findMany({
      where: { ...inbox, ...(before !== null ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: limit + 1,
      select: { id: true, receivedAt: true, unmatchedAt: true, problem: true, providerMessageId: true, messageId: true, status: true, report: true, callbackId: true },
    }),
    db().pendingDeliveryReport.count({ where: inbox }),
  ]);
  const page = rows.slice(0, limit);
  return {
    data: page.map((row) => ({
      id: String(row.id),
      receivedAt: row.receivedAt.toISOString(),
      unmatchedAt: row.unmatchedAt!.toISOString(),
      reason: row.problem,
      reference: row.messageId ?? row.providerMessageId,
      matchBy: row.messageId !== null ? "message-id" : row.providerMessageId !== null ? "provider-id" : null,
      status: row.status,
      report: row.report,
      callbackId: String(row.callbackId),
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    total,
  };
}

/**
 * How many reports sit in each connector's unmatched inbox (connectors with none are left out), for the whole
 * workspace or the connectors named: what a dashboard reads.
 */
export async function unmatchedReportCounts(actor: Actor, connectorIds?: readonly string[]): Promise<Record<string, number>> {
  requirePermission(actor, "read");
  const rows = await db().$queryRaw<Array<{ connectorId: string; count: number }>>`
    select p."connectorId", count(*)::int as count
      from "PendingDeliveryReport" p join "Connector" c on c.id = p."connectorId"
     where c."workspaceId" = ${actor.workspaceId} and p."unmatchedAt" is not null
       and (${connectorIds ?? null}::text[] is null or p."connectorId" = any(${connectorIds ?? null}::text[]))
     group by p."connectorId"`;
  return Object.fromEntries(rows.map((row) => [row.connectorId, row.count]));
}

/** Every unmatched report of the workspace: the one number a dashboard shows. */
export async function countUnmatchedReports(actor: Actor): Promise<number> {
  return Object.values(await unmatchedReportCounts(actor)).reduce((sum, count) => sum + count, 0);
}

/**
 * After fixing the mapping: every report of the connector that found no message (in the inbox or still waiting) is
 * read again with the current mapping by the delivery workers, in batches. Returns how many will be.
 */
export async function rematchUnmatchedReports(actor: Actor, connectorId: string): Promise<{ queued: number }> {
  requirePermission(actor, "configure");
  await ensureConnector(actor, connectorId);
  return { queued: await requestRematch(connectorId) };
}

function encodeCursor(id: bigint): string {
  return Buffer.from(String(id)).toString("base64url");
}

function decodeCursor(cursor: string): bigint {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^\d{1,19}$/.test(text)) throw new ValidationError([{ field: "cursor", message: "cursor is not one this API gave" }]);
  return BigInt(text);
}
