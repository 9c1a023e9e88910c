// What emulations share: reading fields and credentials out of a send, building replies and outgoing
// reports, and ids in the shapes providers use. Plain functions with no server state, so a provider's
// emulation.ts can import them without pulling in the server.
import type { IncomingHttpHeaders } from "node:http";
import type { CallbackTarget, IdSource, OutgoingReport, Reply, SendFields, SendRequest } from "@/lib/providers/emulation";

// ── Replies ──

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

export function textReply(status: number, body: string, contentType = "text/plain; charset=utf-8"): Reply {
  return { status, headers: { "content-type": contentType }, body };
}

// ── Values ──

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function scalar(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

/** A recipient may come as "+1555…", 1555…, or ["+1555…"]; the first one is the one we report on. */
export function firstScalar(value: unknown): string | null {
  return Array.isArray(value) ? scalar(value[0]) : scalar(value);
}

export function field(source: unknown, key: string): string | null {
  return isRecord(source) ? firstScalar(source[key]) : null;
}

/** Form/JSON body fields win over the query string, as providers that take both do. */
export function params(send: SendRequest): Record<string, unknown> {
  return isRecord(send.body) ? { ...send.query, ...send.body } : send.query;
}

export function digitsOnly(value: string | null): string {
  return value ? value.replace(/\D/g, "") : "";
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Drops null/undefined members so reports carry only the fields that have a value. */
export function compact(record: Record<string, string | number | null | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

export function stringEntries(record: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));
}

export function plainFields(partial: Partial<SendFields>): SendFields {
  return { to: null, from: null, text: null, reference: null, callback: null, accountSid: null, signingKey: null, wantsReports: true, ...partial };
}

// ── Credentials ──

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header(headers, "authorization") ?? "");
  return match ? match[1].trim() : null;
}

export function basicCredentials(headers: IncomingHttpHeaders): { user: string; password: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(header(headers, "authorization") ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1].trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// ── Callbacks ──

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** A callback is a URL string, or (Kaleyra) {"url","method"} as an object or a JSON string. */
export function callbackTarget(value: unknown): CallbackTarget | null {
  let candidate = value;
  if (typeof candidate === "string") {
    if (isHttpUrl(candidate)) return { url: candidate, method: "POST" };
    if (!candidate.trimStart().startsWith("{")) return null;
    try {
      candidate = JSON.parse(candidate) as unknown;
    } catch {
      return null;
    }
  }
  if (!isRecord(candidate) || typeof candidate.url !== "string" || !isHttpUrl(candidate.url)) return null;
  return { url: candidate.url, method: String(candidate.method).toUpperCase() === "GET" ? "GET" : "POST" };
}

// ── Outgoing reports ──

export function withQuery(url: string, values: Record<string, string | number>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(values)) target.searchParams.append(key, String(value));
  return target.toString();
}

export function getReport(url: string, values: Record<string, string | number>): OutgoingReport {
  return { method: "GET", url: withQuery(url, values), headers: {}, body: null };
}

export function postJson(url: string, value: unknown): OutgoingReport {
  return { method: "POST", url, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

export function postForm(url: string, values: Record<string, string | number>): OutgoingReport {
  return { method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(stringEntries(values)).toString() };
}

// ── Ids ──

/** Gupshup's look: 19 digits, a dash, 18 digits. */
export function numericPairId(ids: IdSource): string {
  const n = ids.next();
  return `${ids.digits.slice(-10)}${String(n).padStart(9, "0")}-${ids.digits.slice(-9)}${String(n * 7 + 1).padStart(9, "0")}`;
}

export function uuidId(ids: IdSource): string {
  const h = `${ids.hex}${ids.next().toString(16).padStart(20, "0")}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
