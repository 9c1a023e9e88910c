// Numbers suppressed after repeated delivery failures: listed, exported, released, and checked before a send.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { csvLine } from "@/lib/csv";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { tryNormalizePhone } from "@/lib/messages/phone";
import { decodeCursor, isoDateKey, toPage, type Page, type PageRequest } from "@/lib/paging";
import { z } from "zod";

export const SUPPRESSED_REASON = "Suppressed: repeated delivery failures";

export interface SuppressedNumber {
  phone: string;
  consecutiveFailures: number;
  lastReason: string | null;
  lastFailureAt: string | null;
  suppressedAt: string;
}

/** Suppressed numbers, most recently suppressed first, a page at a time; `search` matches part of the number. */
export async function listSuppressions(actor: Actor, options: PageRequest & { search?: string }): Promise<Page<SuppressedNumber>> {
  requirePermission(actor, "read");
  const after = decodeCursor(options.cursor, z.tuple([isoDateKey, z.string()]));
  const rows = await suppressedRows(actor, { search: options.search, take: options.limit + 1, after });
  return toPage(rows, options.limit, (row) => [row.suppressedAt, row.phone]);
}

async function suppressedRows(actor: Actor, options: { search?: string; take: number; after?: [Date, string] | null }): Promise<SuppressedNumber[]> {
  const after = options.after;
  const rows = await db().recipientHealth.findMany({
    where: {
      workspaceId: actor.workspaceId,
      suppressedAt: { not: null },
      ...(options.search ? { phone: { contains: options.search.replace(/[^\d+]/g, "") } } : {}),
      ...(after ? { OR: [{ suppressedAt: { lt: after[0] } }, { suppressedAt: after[0], phone: { lt: after[1] } }] } : {}),
    },
    orderBy: [{ suppressedAt: "desc" }, { phone: "desc" }],
    take: options.take,
  });
  return rows.map((row) => ({
    phone: row.phone,
    consecutiveFailures: row.consecutiveFailures,
    lastReason: row.lastReason,
    lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
    suppressedAt: row.suppressedAt!.toISOString(),
  }));
}

export async function releaseSuppression(actor: Actor, phoneInput: string): Promise<void> {
  requirePermission(actor, "configure");
  const phone = tryNormalizePhone(decodeURIComponent(phoneInput)) ?? phoneInput;
  const { count } = await db().recipientHealth.updateMany({
    where: { workspaceId: actor.workspaceId, phone, suppressedAt: { not: null } },
    data: { suppressedAt: null, consecutiveFailures: 0 },
  });
  if (count === 0) throw new NotFoundError("Suppressed number");
}

/** RFC 4180 CSV of the whole suppression list (up to 100,000 numbers; not paged). */
export async function suppressionsCsv(actor: Actor, options: { search?: string } = {}): Promise<string> {
  requirePermission(actor, "read");
  const rows = await suppressedRows(actor, { search: options.search, take: 100_000 });
  return [
    csvLine(["phone", "consecutive_failures", "last_reason", "last_failure_at", "suppressed_at"]),
    ...rows.map((row) => csvLine([row.phone, row.consecutiveFailures, row.lastReason, row.lastFailureAt, row.suppressedAt])),
  ].join("");
}

/** Which of these numbers are suppressed in the workspace. */
export async function suppressedAmong(workspaceId: string, phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await db().recipientHealth.findMany({ where: { workspaceId, phone: { in: phones }, suppressedAt: { not: null } }, select: { phone: true } });
  return new Set(rows.map((row) => row.phone));
}

export async function getSuppressionThreshold(actor: Actor): Promise<number> {
  requirePermission(actor, "read");
  const workspace = await db().workspace.findUniqueOrThrow({ where: { id: actor.workspaceId }, select: { suppressionThreshold: true } });
  return workspace.suppressionThreshold;
}

export async function setSuppressionThreshold(actor: Actor, value: unknown): Promise<number> {
  requirePermission(actor, "administer");
  const threshold = Number(value);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100) {
    throw new ValidationError([{ field: "suppressionThreshold", message: "Use a whole number from 1 to 100" }]);
  }
  await db().workspace.update({ where: { id: actor.workspaceId }, data: { suppressionThreshold: threshold } });
  return threshold;
}
