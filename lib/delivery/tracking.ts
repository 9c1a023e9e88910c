// The delivery-tracking screen's data: captured callbacks, the fields of the latest one, and saving the mapping.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { deliveryTrackingSchema, type DeliveryTracking } from "@/lib/connectors/schema";
import { maskTracking, sealTracking } from "@/lib/connectors/secret-rows";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, toPage, type Page, type PageRequest } from "@/lib/paging";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { reapplyUnmappedCallbacks } from "./apply-callbacks";
import { flattenFields, suggestMapping, type FieldSample, type MappingSuggestion } from "./fields";
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

export interface DeliveryFields {
  capturedAt: string | null;
  callbackId: string | null;
  fields: FieldSample[];
  suggestion: Omit<MappingSuggestion, "candidates"> | null;
  /** Values seen in the suggested status field across recent callbacks, for the success/pending pickers. */
  statusValues: string[];
}

/** Field paths and samples of the latest readable callback, with a suggested mapping. */
export async function getDeliveryFields(actor: Actor, connectorId: string): Promise<DeliveryFields> {
  requirePermission(actor, "read");
  await connectorOf(actor, connectorId);
  const recent = await db().deliveryCallback.findMany({
    where: { connectorId, outcome: { notIn: ["rejected", "invalid"] } },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, receivedAt: true, method: true, contentType: true, query: true, body: true },
  });
  const reportsOf = (row: (typeof recent)[number]) => {
    try {
      return parseCallback({ ...row, body: Buffer.from(row.body).toString("utf8") }).reports;
    } catch (error) {
      if (error instanceof MalformedCallbackError) return [];
      throw error;
    }
  };
  const latest = recent.find((row) => reportsOf(row).length > 0);
  if (!latest) return { capturedAt: null, callbackId: null, fields: [], suggestion: null, statusValues: [] };
  const fields = flattenFields(reportsOf(latest)[0]);
  const { candidates: _candidates, ...suggestion } = suggestMapping(fields);
  const statusValues = new Set<string>();
  if (suggestion.statusField) {
    for (const row of recent) {
      for (const report of reportsOf(row)) {
        const sample = flattenFields(report).find((field) => field.path === suggestion.statusField)?.sample;
        if (sample) statusValues.add(sample);
      }
    }
  }
  return { capturedAt: latest.receivedAt.toISOString(), callbackId: String(latest.id), fields, suggestion, statusValues: [...statusValues].slice(0, 50) };
}

/** Saves the mapping (and callback authentication) and re-applies the callbacks the old mapping could not read. */
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
  const reapplied = await reapplyUnmappedCallbacks(connectorId);
  return { deliveryTracking: maskTracking(deliveryTracking), reapplied };
}
