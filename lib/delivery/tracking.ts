// The delivery-tracking screen's data: captured callbacks, the fields of the recent ones, and saving the mapping.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { deliveryTrackingSchema, type DeliveryTracking, type MatchBy } from "@/lib/connectors/schema";
import { maskTracking, sealTracking } from "@/lib/connectors/secret-rows";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, toPage, type Page, type PageRequest } from "@/lib/paging";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { requestRematch } from "./apply-callbacks";
import { flattenFields, suggestMapping, type FieldSample, type MappingSuggestion } from "./fields";
import { extractWith } from "./mapping";
import { readText } from "./resolve-status";
import { MalformedCallbackError, parseCallback } from "./parse-callback";

async function connectorOf(actor: Actor, connectorId: string) {
  const row = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true, publicId: true, config: true } });
  if (!row) throw new NotFoundError("Connector");
  return row;
}

export interface CapturedCallback {
  id: string;
  receivedAt: string;
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: string;
  body: string;
  outcome: string;
  detail: string | null;
  reportCount: number;
  appliedCount: number;
  matched: boolean;
  messageId: string | null;
}

/** Captured callbacks, newest first, a page at a time. */
export async function listDeliveryCallbacks(actor: Actor, connectorId: string, page: PageRequest): Promise<Page<CapturedCallback>> {
  requirePermission(actor, "read");
  const after = decodeCursor(page.cursor, z.tuple([z.string().regex(/^\d{1,19}$/)]));
  await connectorOf(actor, connectorId);
  const rows = await db().deliveryCallback.findMany({
    where: { connectorId, ...(after ? { id: { lt: BigInt(after[0]) } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const { data, nextCursor } = toPage(rows, page.limit, (row) => [String(row.id)]);
  return { data: data.map(toCapturedCallback), nextCursor };
}

function toCapturedCallback(row: Prisma.DeliveryCallbackGetPayload<object>): CapturedCallback {
  return {
    id: String(row.id),
    receivedAt: row.receivedAt.toISOString(),
    method: row.method,
    contentType: row.contentType,
    headers: row.headers as Record<string, string>,
    query: row.query,
    body: Buffer.from(row.body).toString("utf8"),
    outcome: row.outcome,
    detail: row.detail,
    reportCount: row.reportCount,
    appliedCount: row.appliedCount,
    matched: row.messageId !== null,
    messageId: row.messageId,
  };
}

/** A report field across the connector's recent callbacks: its path, values, and how often it appeared. */
export interface DeliveryField extends FieldSample {
  /** Distinct values seen, newest first (at most MAX_VALUES_PER_FIELD); `sample` is the newest. */
  samples: string[];
  /** How many of the reports read carried it: a failure reason may appear only in failed reports. */
  count: number;
  /**
   * What its values are, checked against this connector's messages: Switchboard's own message ids (match reports
   * by message id), the provider ids the send replies gave (match by provider id), or neither as far as seen.
   */
  holds: MatchBy | null;
}

export interface DeliveryFields {
  capturedAt: string | null;
  callbackId: string | null;
  /** Reports read: those of the connector's last RECENT_CALLBACKS readable callbacks (a bounded number per callback). */
  reportCount: number;
  /** The union of their field paths: the latest report's in document order, then the others as first seen. */
  fields: DeliveryField[];
  suggestion: (Omit<MappingSuggestion, "candidates"> & { matchBy: MatchBy }) | null;
  /** Values seen in the status field (the saved one with its pattern, else the suggested one), for the success/pending pickers. */
  statusValues: string[];
}

export const RECENT_CALLBACKS = 50;
const REPORTS_PER_CALLBACK = 20;
const MAX_VALUES_PER_FIELD = 10;
/** Values looked up among the connector's message ids in one query. */
const MAX_ID_CANDIDATES = 2000;

/**
 * Field paths of the connector's recent callbacks with their values and how often each appeared, and a suggested
 * mapping: a field whose values are this connector's message ids (ours or the provider's) is proposed as the
 * message id with the matching `matchBy`; otherwise names decide (fields.ts).
 */
export async function getDeliveryFields(actor: Actor, connectorId: string): Promise<DeliveryFields> {
  requirePermission(actor, "read");
  const connector = await connectorOf(actor, connectorId);
  const recent = await db().deliveryCallback.findMany({
    where: { connectorId, outcome: { notIn: ["rejected", "invalid"] } },
    orderBy: { id: "desc" },
    take: RECENT_CALLBACKS,
    select: { id: true, receivedAt: true, method: true, contentType: true, query: true, body: true },
  });
  const reportsOf = (row: (typeof recent)[number]) => {
    try {
      return parseCallback({ ...row, body: Buffer.from(row.body).toString("utf8") }).reports.slice(0, REPORTS_PER_CALLBACK);
    } catch (error) {
      if (error instanceof MalformedCallbackError) return [];
      throw error;
    }
  };
  const read = recent.map((row) => ({ row, reports: reportsOf(row) }));
  const latest = read.find((entry) => entry.reports.length > 0);
  if (!latest) return { capturedAt: null, callbackId: null, reportCount: 0, fields: [], suggestion: null, statusValues: [] };
  const reports = read.flatMap((entry) => entry.reports);

  const byPath = new Map<string, { path: string; samples: string[]; count: number }>();
  for (const report of reports) {
    for (const field of flattenFields(report)) {
      let entry = byPath.get(field.path);
      if (!entry) byPath.set(field.path, (entry = { path: field.path, samples: [], count: 0 }));
      entry.count += 1;
      if (entry.samples.length < MAX_VALUES_PER_FIELD && !entry.samples.includes(field.sample)) entry.samples.push(field.sample);
    }
  }
  const holds = await idKinds(connectorId, [...byPath.values()]);
  const fields: DeliveryField[] = [...byPath.values()].map(({ path, samples, count }) => ({ path, sample: samples[0] ?? "", samples, count, holds: holds.get(path) ?? null }));

  const ours = bestHolding(fields, "message-id") ?? bestHolding(fields, "provider-id");
  const { candidates: _candidates, ...named } = suggestMapping(fields, ours ? { messageIdField: ours.path } : {});
  const suggestion = { ...named, matchBy: ours?.holds ?? ("provider-id" as const) };

  const saved = readStoredConfig(connector.config).deliveryTracking;
  const statusField = saved.statusField || suggestion.statusField;
  const statusPattern = saved.statusField ? saved.statusPattern : undefined;
  const statusValues = new Set<string>();
  if (statusField) {
    for (const report of reports) {
      const text = readText(report, statusField);
      const value = text.ok ? extractWith(statusPattern, text.value) : null;
      if (value?.ok) statusValues.add(value.value);
    }
  }
  return {
    capturedAt: latest.row.receivedAt.toISOString(),
    callbackId: String(latest.row.id),
    reportCount: reports.length,
    fields,
    suggestion,
    statusValues: [...statusValues].slice(0, 50),
  };
}

/** Which fields hold this connector's message ids: Switchboard's own, or the provider's from send replies. */
async function idKinds(connectorId: string, fields: Array<{ path: string; samples: string[] }>): Promise<Map<string, MatchBy>> {
  const candidates = [...new Set(fields.flatMap((field) => field.samples.filter(looksLikeId)))].slice(0, MAX_ID_CANDIDATES);
  if (candidates.length === 0) return new Map();
  const found = await db().$queryRaw<Array<{ value: string; kind: MatchBy }>>`
    select id as value, 'message-id' as kind from "Message" where "connectorId" = ${connectorId} and id = any(${candidates}::text[])
    union all
    select "providerMessageId", 'provider-id' from "Message" where "connectorId" = ${connectorId} and "providerMessageId" = any(${candidates}::text[])`;
  const kinds = new Map<string, MatchBy>();
  for (const row of found) if (kinds.get(row.value) !== "message-id") kinds.set(row.value, row.kind);
  const result = new Map<string, MatchBy>();
  for (const field of fields) {
    const seen = field.samples.map((sample) => kinds.get(sample)).filter((kind): kind is MatchBy => kind !== undefined);
    if (seen.length) result.set(field.path, seen.includes("message-id") ? "message-id" : "provider-id");
  }
  return result;
}

function looksLikeId(value: string): boolean {
  return value.length >= 4 && value.length <= 100 && !/\s/.test(value);
}

/** The field that most often carried an id of this kind (ties: the first listed). */
function bestHolding(fields: DeliveryField[], kind: MatchBy): DeliveryField | undefined {
  return fields.filter((field) => field.holds === kind).sort((a, b) => b.count - a.count)[0];
}

/**
 * Saves the mapping (and callback authentication) and has every report that found no message read again with it
 * (`reapplied` counts them): reports the old mapping could not read, or matched by the wrong id.
 */
export async function updateDeliveryTracking(actor: Actor, connectorId: string, raw: unknown): Promise<{ deliveryTracking: DeliveryTracking; reapplied: number }> {
  requirePermission(actor, "configure");
  const input = parseInput(deliveryTrackingSchema, raw);
  const connector = await connectorOf(actor, connectorId);
  const stored = readStoredConfig(connector.config);
  const deliveryTracking = sealTracking(input, stored.deliveryTracking);
  await db().connector.update({
    where: { id: connectorId },
    data: { config: { ...stored, deliveryTracking } as Prisma.InputJsonObject },
    select: { id: true },
  });
  const reapplied = await requestRematch(connectorId);
  return { deliveryTracking: maskTracking(deliveryTracking), reapplied };
}
