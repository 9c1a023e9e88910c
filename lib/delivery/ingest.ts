// The delivery-report endpoint's work: find the connector, check the callback's authentication, read
// the body, and store the callback durably before it is acknowledged. Applying it to messages happens
// afterwards (apply-callbacks.ts), so a provider hammering the URL only costs one insert per call and a
// bad callback can never hold up a good one.
import { timingSafeEqual } from "node:crypto";
import { presetFor } from "@/lib/providers/registry";
import { unsealSettings } from "@/lib/providers/settings";
import { unsealTracking } from "@/lib/connectors/secret-rows";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { batched } from "@/lib/messages/batch";
import { jsonbParam, writeEachOnFailure } from "@/lib/database/jsonb";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { checkCallbackSignature } from "./callback-signature";
import type { CallbackTarget, CallbackVerifier, IncomingCallback, IngestResult } from "./callback-types";
import { MalformedCallbackError, parseCallback } from "./parse-callback";

export const MAX_CALLBACK_BYTES = 150 * 1024;

/** Public ids are base64url (24 random bytes); anything else cannot be one and is not looked up. */
const PUBLIC_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Decrypted callback checks, kept per process and used only while the connector is unchanged: every callback
 * asks the database for the connector's version (lookups arriving together share one query), so a rotated
 * secret or a new mapping applies to the very next callback on every process.
 */
const targets = new Map<string, { version: number; target: CallbackTarget }>();

const versionsOf = batched(async (publicIds: string[]) => {
  const rows = await db().connector.findMany({ where: { publicId: { in: [...new Set(publicIds)] } }, select: { publicId: true, kind: true, updatedAt: true } });
  const byId = new Map(rows.map((row) => [row.publicId, row]));
  return publicIds.map((publicId) => byId.get(publicId) ?? null);
});

async function findTarget(kind: string, publicId: string): Promise<CallbackTarget | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const current = await versionsOf(publicId);
  if (!current || current.kind !== kind) return null;
  const hit = targets.get(publicId);
  if (hit && hit.version === current.updatedAt.getTime()) return hit.target;
  const row = await db().connector.findUnique({ where: { publicId }, select: { id: true, kind: true, config: true, updatedAt: true } });
  if (!row || row.kind !== kind) return null;
  const config = readStoredConfig(row.config);
  const settings = config.provider ? unsealSettings(row.kind, config.provider.settings) : null;
  const target: CallbackTarget = { id: row.id, kind: row.kind, tracking: unsealTracking(config.deliveryTracking), settings };
  if (targets.size > 10_000) targets.clear();
  targets.set(publicId, { version: row.updatedAt.getTime(), target });
  return target;
}

export async function ingestCallback(callback: IncomingCallback, verify: CallbackVerifier = verifyCallback): Promise<IngestResult> {
  const target = await findTarget(callback.kind, callback.publicId);
  if (!target) return { status: 404, body: { error: { code: "not_found", message: "Unknown delivery-report URL" } } };

  const query = new URL(callback.url).search.replace(/^\?/, "");
  const capture = {
    connectorId: target.id,
    method: callback.method,
    contentType: callback.headers.get("content-type"),
    headers: capturedHeaders(callback.headers),
    query,
    body: callback.rawBody,
  };

  const rejection = verify(callback, target);
  if (rejection) {
    await store({ ...capture, outcome: "rejected", detail: rejection, processed: true });
    return { status: 401, body: { error: { code: "unauthorized", message: rejection } } };
  }

  let reportCount: number;
  try {
    reportCount = parseCallback({ method: callback.method, contentType: capture.contentType, query, body: callback.body }).reports.length;
  } catch (error) {
    if (!(error instanceof MalformedCallbackError)) throw error;
    // Kept, so the admin can see what the provider sent.
    await store({ ...capture, outcome: "invalid", detail: error.reason, processed: true });
    return { status: 400, body: { error: { code: "bad_request", message: error.reason } } };
  }

  await store(
    reportCount === 0
      ? { ...capture, reportCount, outcome: "unmapped", detail: "The callback carried no report", processed: true }
      : { ...capture, reportCount, outcome: "received", detail: null, processed: false },
  );
  logger.debug({ connectorId: target.id, reportCount }, "delivery callback stored");
  return { status: 200, body: { status: "ok", received: reportCount } };
}

interface CallbackRow {
  connectorId: string;
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: string;
  body: Buffer;
  reportCount?: number;
  outcome: string;
  detail: string | null;
  processed: boolean;
}

/**
 * Durably stores callbacks. Those arriving in the same turn of the event loop share one insert (and one commit):
 * a provider posting at concurrency 50 costs a fraction of a round trip per callback, and none is answered
 * before its row is committed. If the shared insert fails, each row is written alone, so one bad callback never
 * fails its neighbours; only a row that fails alone is answered with an error.
 */
const storeCallback = batched(async (rows: CallbackRow[]): Promise<Array<Error | null>> => {
  const failed = await writeEachOnFailure(rows, insertCallbacks);
  return rows.map((row) => {
    const failure = failed.find((item) => item.row === row);
    if (!failure) return null;
    logger.error({ err: failure.error, connectorId: row.connectorId }, "storing a delivery callback failed");
    return new Error("The delivery report could not be stored");
  });
});

async function insertCallbacks(rows: CallbackRow[]): Promise<void> {
  // The body travels as base64 and is stored as the bytes that came in.
  const data = rows.map((row) => ({ ...row, body: row.body.toString("base64") }));
  await db().$executeRaw`
    insert into "DeliveryCallback" ("connectorId", method, "contentType", headers, query, body, "reportCount", outcome, detail, "processedAt")
    select d."connectorId", d.method, d."contentType", d.headers, d.query, decode(d.body, 'base64'), coalesce(d."reportCount", 0), d.outcome, d.detail,
           case when d.processed then now() else null end
      from jsonb_to_recordset(${jsonbParam(data)}::jsonb)
        as d("connectorId" text, method text, "contentType" text, headers jsonb, query text, body text, "reportCount" int, outcome text, detail text, processed boolean)`;
}

async function store(row: CallbackRow): Promise<void> {
  const failure = await storeCallback(row);
  if (failure) throw failure;
}

/** Headers worth showing on the mapping screen; credentials are masked. */
function capturedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name === "cookie") return;
    kept[name] = /^(authorization|proxy-authorization|x-twilio-signature|x-switchboard-signature)$/i.test(name) ? "••••••••" : value;
  });
  return kept;
}

/** The provider's own signature (Twilio) where it has one, then the connector's shared secret if one is set. */
export function verifyCallback(callback: IncomingCallback, target: CallbackTarget): string | null {
  const preset = presetFor(target.kind);
  if (preset?.verifyCallback && target.settings) {
    const rejection = preset.verifyCallback(callback, target.settings);
    if (rejection) return rejection;
  }
  return verifyConfiguredAuth(callback, target.tracking);
}

/** The per-connector shared secret: a signature over method, URL and body (callback-signature.ts), or HTTP basic auth. */
export function verifyConfiguredAuth(callback: IncomingCallback, tracking: DeliveryTracking): string | null {
  const auth = tracking.authentication;
  if (auth.type === "none") return null;
  if (auth.type === "basic") {
    const given = callback.headers.get("authorization")?.match(/^Basic\s+(\S+)$/i)?.[1];
    if (!given) return "Missing basic authentication";
    return safeEqual(Buffer.from(given, "base64").toString("utf8"), `${auth.username}:${auth.password}`) ? null : "Wrong basic authentication credentials";
  }
  return checkCallbackSignature(auth.secret, auth.header, callback);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
