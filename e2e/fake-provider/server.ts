/**
 * Fake SMS provider for e2e tests, benchmarks and local demos: a real node:http server that records
 * what it receives, answers the way the providers in PROVIDERS.md answer, and calls delivery-report
 * (DLR) URLs back the way they do. Start it on port 0 in tests; `scripts/fake-provider.ts` is the CLI.
 *
 * Generic send endpoints. Any method is accepted (connectors may use GET, POST or DELETE); the body
 * is parsed by its Content-Type, the path only names the encoding used when there is none:
 *   POST /json/send   POST /form/send   GET /get/send   POST /xml/send
 *
 * Behaviours. The first of these that is set decides the reply:
 *   1. this request: query `behavior=<b>` or header `X-Fake-Behavior: <b>`
 *      (extra delay for any reply: query `delay_ms=` or header `X-Fake-Delay-Ms:`)
 *   2. the one-shot queue: setBehavior(b, { times }) or POST /__admin/behavior {"behavior","times"}
 *   3. the default: option `behavior`, setBehavior(b) or POST /__admin/behavior {"behavior"}; "ok" at start
 *   ok           201 {"data":{"messages":[{"id":"…","to":"…","status":"accepted"}]}}
 *   text         200 text/plain `success | 919999999999 | 3562707498794989059-328736121207676738`
 *   xml          200 application/xml <response><status>OK</status><message><id>…</id><to>…</to></message></response>
 *   slow         like ok, after slowMs (default 2000)
 *   error-200    200 {"status":"error","message":"Insufficient credit"}
 *   unauthorized 401 {"error":"bad key"}
 *   rate-limit   429 {"error":"rate limit exceeded"} with Retry-After: 1
 *   unavailable  503 {"error":"service unavailable"}
 * With the `apiKey` option, a send without that key (`Authorization: Bearer`, `X-Api-Key`, or an
 * `api_key` query/body field) gets 401 whatever the behaviour.
 *
 * Native emulations. The same behaviours apply, rendered in each provider's own shapes (text and xml
 * mean "accept" there). With `apiKey`, each checks its own credential against it:
 *   POST     /2010-04-01/Accounts/:sid/Messages.json  Twilio: Basic sid:apiKey, form → 201 {"sid":"SM…"}
 *   POST     /xms/v1/:plan/batches                    Sinch: Bearer apiKey, JSON → 201 {"id":"01…"}
 *   GET|POST /GatewayAPI/rest                         Gupshup: password=apiKey → `success | … | id`
 *   POST     /v1/:sid/messages                        Kaleyra: header api-key → 202 {"data":[{"message_id"}]}
 *   POST     /ics/v1/messages                         ICS Mobile, ASSUMED (no public reference exists):
 *            Bearer apiKey, JSON {username,password,type,sender,to,message,callback_url}
 *            → 200 {"status":"success","messageId":"…"}; DLR JSON {messageId,status,reason,to}.
 * Error codes marked "unverified" below are plausible, not copied from the providers.
 *
 * Delivery reports go to the send's callback URL (a field named like callback_url, dlr_url,
 * StatusCallback, callback, or one listed in `callbackFields`), else to the `dlrUrl` option:
 *   - on demand: sendDeliveryReport(...) or POST /__admin/dlr;
 *   - automatically after an accepted send when `autoDlr` is on (off by default; setAutoDlr or
 *     POST /__admin/auto-dlr at run time). Recipients ending in `failingSuffix` ("0000") get the failure
 *     status. Generic sends follow the autoDlr status/format; native sends use their provider's words
 *     and format (Twilio: queued → sent → delivered|undelivered, signed with X-Twilio-Signature).
 *   Formats: json, json-array, form, get, xml, text; twilio, sinch, gupshup-get, gupshup-post, kaleyra.
 *
 * Admin API (never recorded):
 *   GET  /__admin/health                  {"ok":true}
 *   GET  /__admin/requests[?limit=N]      {"count","requests":[RecordedRequest…]} oldest first
 *   GET  /__admin/dlrs[?limit=N]          {"count","reports":[DeliveryReportResult…]}
 *   POST /__admin/reset                   forget everything, back to the options given at start
 *   GET  /__admin/behavior                {"behavior","slowMs","queued":[…]}
 *   POST /__admin/behavior                {"behavior","slowMs"?,"times"?}
 *   POST /__admin/auto-dlr                {"enabled"?,"status"?,"failureStatus"?,"reason"?,"format"?,"delayMs"?,"intermediate"?}
 *   POST /__admin/dlr                     {"messageId","status","url"?,"reason"?,"format"?,"delayMs"?,"recipient"?}
 *                                         → 200 with the result, or 202 when delayMs defers it
 * Any other path: 404, recorded with route "unmatched" so a wrong connector URL shows up in tests.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Agent, request } from "undici";
import { z } from "zod";

// ─── Public types ──────────────────────────────────────────────────────────────────────────────

export const BEHAVIORS = ["ok", "text", "xml", "slow", "error-200", "unauthorized", "rate-limit", "unavailable"] as const;
export type Behavior = (typeof BEHAVIORS)[number];

export const GENERIC_DLR_FORMATS = ["json", "json-array", "form", "get", "xml", "text"] as const;
export const NATIVE_DLR_FORMATS = ["twilio", "sinch", "gupshup-get", "gupshup-post", "kaleyra"] as const;
export type GenericDlrFormat = (typeof GENERIC_DLR_FORMATS)[number];
export type DlrFormat = GenericDlrFormat | (typeof NATIVE_DLR_FORMATS)[number];

export type ProviderName = "generic" | "twilio" | "sinch" | "gupshup" | "kaleyra" | "ics-mobile";
export type RouteName = "json" | "form" | "get" | "xml" | Exclude<ProviderName, "generic"> | "unmatched";

/** Query strings and form bodies: a repeated key keeps all its values. */
export type Params = Record<string, string | string[]>;

export interface RecordedRequest {
  /** 1-based arrival order, not reset by history trimming. */
  seq: number;
  at: number;
  method: string;
  path: string;
  query: Params;
  headers: IncomingHttpHeaders;
  /** Cut to 16 KB (see `truncated`) so 10,000 entries stay small. */
  rawBody: string;
  /** JSON value, form Params, XML object, text string, or null without a body; undefined if unparseable or truncated. */
  body: unknown;
  parseError: string | null;
  truncated: boolean;
  route: RouteName;
  provider: ProviderName | null;
  behavior: Behavior | null;
  /** The HTTP status this request was (or, for a slow reply, will be) answered with. */
  status: number;
  /** The id given to an accepted send; null when refused. */
  messageId: string | null;
  to: string | null;
  text: string | null;
  callbackUrl: string | null;
}

export interface SentMessage {
  id: string;
  provider: ProviderName;
  to: string | null;
  from: string | null;
  reference: string | null;
  callbackUrl: string | null;
  callbackMethod: "GET" | "POST";
  /** Twilio only: the account and the token its callbacks are signed with. */
  accountSid: string | null;
  signingKey: string | null;
  /** False when the send asked for no reports (Sinch `delivery_report: "none"`, its default). */
  wantsReports: boolean;
}

export interface AutoDlrOptions {
  /** Status for generic sends (default "delivered"). */
  status?: string;
  /** Status for recipients ending in `failingSuffix` (default "undelivered"). */
  failureStatus?: string;
  reason?: string;
  format?: GenericDlrFormat;
  delayMs?: number;
  /** Statuses reported before the final one, e.g. ["accepted"]. */
  intermediate?: string[];
}

export interface DeliveryReportInput {
  messageId: string;
  status: string;
  reason?: string;
  /** Default: the send's callback URL, then the `dlrUrl` option. */
  url?: string;
  /** Default: the provider's own format for a native send, else the autoDlr format, else "json". */
  format?: DlrFormat;
  delayMs?: number;
  /** Default: the recipient of the recorded send. */
  recipient?: string;
}

export interface DeliveryReportResult {
  seq: number;
  at: number;
  messageId: string;
  reportStatus: string;
  format: DlrFormat;
  method: "GET" | "POST";
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** The app's answer; null when the request failed (see `error`). */
  responseStatus: number | null;
  responseBody: string;
  error: string | null;
}

export interface FakeProviderOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  behavior?: Behavior;
  slowMs?: number;
  dlrUrl?: string;
  autoDlr?: AutoDlrOptions | false;
  /** More body/query field names that carry a callback URL on generic sends. */
  callbackFields?: string[];
  failingSuffix?: string;
  /** False keeps no history (waitFor still sees requests as they arrive) — for benchmarks. */
  record?: boolean;
  maxRecorded?: number;
  onRequest?: (request: RecordedRequest) => void;
  onDeliveryReport?: (report: DeliveryReportResult) => void;
}

export interface SetBehaviorOptions {
  /** Delay of `slow` replies from now on. */
  slowMs?: number;
  /** Apply to the next N sends only, then fall back to the default. */
  times?: number;
}

export interface FakeProvider {
  readonly url: string;
  readonly port: number;
  /** Live, oldest first, capped at maxRecorded. */
  readonly received: readonly RecordedRequest[];
  readonly deliveryReports: readonly DeliveryReportResult[];
  /** Resolves with the first recorded or arriving request that matches; rejects after timeoutMs. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForDeliveryReport(predicate: (report: DeliveryReportResult) => boolean, timeoutMs?: number): Promise<DeliveryReportResult>;
  sentMessage(id: string): SentMessage | undefined;
  setBehavior(behavior: Behavior, options?: SetBehaviorOptions): void;
  setAutoDlr(options: AutoDlrOptions | false): void;
  sendDeliveryReport(input: DeliveryReportInput): Promise<DeliveryReportResult>;
  /** Forgets requests, reports, messages and pending reports; behaviour and autoDlr go back to the options. */
  reset(): void;
  close(): Promise<void>;
}

// ─── Limits and defaults ───────────────────────────────────────────────────────────────────────

const MAX_BODY_BYTES = 1024 * 1024;
const RECORDED_BODY_CHARS = 16 * 1024;
const DEFAULT_MAX_RECORDED = 10_000;
const MAX_DELAY_MS = 60_000;
const MAX_QUEUED_BEHAVIORS = 10_000;
const RESPONSE_BODY_CHARS = 16 * 1024;
const DEFAULT_WAIT_MS = 5_000;
const DEFAULT_SLOW_MS = 2_000;
const DEFAULT_FAILING_SUFFIX = "0000";
/** Used to sign Twilio callbacks when neither apiKey nor a Basic password gave us the real token. */
export const DEFAULT_TWILIO_AUTH_TOKEN = "fake-twilio-auth-token";
const ADMIN_PREFIX = "/__admin/";

type AutoDlrConfig = Required<AutoDlrOptions>;
const DEFAULT_AUTO_DLR: AutoDlrConfig = {
  status: "delivered",
  failureStatus: "undelivered",
  reason: "Absent subscriber",
  format: "json",
  delayMs: 0,
  intermediate: [],
};

/**
 * Spreading the options over the defaults would let a key that is present but undefined (the CLI passes
 * every flag, given or not) wipe its default: a report format of undefined builds no report at all.
 */
function withAutoDlrDefaults(options: AutoDlrOptions): AutoDlrConfig {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as AutoDlrOptions;
  return { ...DEFAULT_AUTO_DLR, ...given };
}

// ─── Small helpers ─────────────────────────────────────────────────────────────────────────────

type Failure = "unauthorized" | "rejected" | "rate-limit" | "unavailable";
type ReplyStyle = "json" | "text" | "xml";
type BodyKind = "json" | "form" | "xml" | "text";

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

function textReply(status: number, body: string, contentType = "text/plain; charset=utf-8"): Reply {
  return { status, headers: { "content-type": contentType }, body };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function paramsToObject(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [key, value] of search) {
    if (key === "__proto__") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

function splitUrl(url: string): { pathname: string; query: Params } {
  const mark = url.indexOf("?");
  if (mark === -1) return { pathname: url, query: {} };
  return { pathname: url.slice(0, mark), query: paramsToObject(new URLSearchParams(url.slice(mark + 1))) };
}

function scalar(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

/** A recipient may come as "+1555…", 1555…, or ["+1555…"]; the first one is the one we report on. */
function firstScalar(value: unknown): string | null {
  return Array.isArray(value) ? scalar(value[0]) : scalar(value);
}

function field(source: unknown, key: string): string | null {
  return isRecord(source) ? firstScalar(source[key]) : null;
}

function digitsOnly(value: string | null): string {
  return value ? value.replace(/\D/g, "") : "";
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header(headers, "authorization") ?? "");
  return match ? match[1].trim() : null;
}

function basicCredentials(headers: IncomingHttpHeaders): { user: string; password: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(header(headers, "authorization") ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1].trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function clampDelay(value: unknown): number | null {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(number) ? Math.min(Math.max(0, Math.trunc(number)), MAX_DELAY_MS) : null;
}

function isBehavior(value: string): value is Behavior {
  return (BEHAVIORS as readonly string[]).includes(value);
}

/** Drops null/undefined members so reports carry only the fields that have a value. */
function compact(record: Record<string, string | number | null | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

function stringEntries(record: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));
}

// ─── Bodies ────────────────────────────────────────────────────────────────────────────────────

type BodyRead = { kind: "ok"; raw: string } | { kind: "too-large" } | { kind: "aborted" };

/** Reads at most `limit` bytes; a bigger body (declared or streamed) is not buffered at all. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve({ kind: "ok", raw: chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => resolve({ kind: "aborted" }));
  });
}

// One parser for the whole process: constructing it per request is the expensive part.
// parseTagValue=false keeps "919999999999" a string; numbers that long lose digits as doubles.
const xmlParser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true });

function bodyKindOf(contentType: string | null, fallback: BodyKind): BodyKind {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("x-www-form-urlencoded")) return "form";
  if (type.includes("xml")) return "xml";
  if (type.startsWith("text/")) return "text";
  return fallback;
}

function parseBody(raw: string, kind: BodyKind): { body: unknown; error: string | null } {
  if (raw === "") return { body: null, error: null };
  try {
    switch (kind) {
      case "json":
        return { body: JSON.parse(raw) as unknown, error: null };
      case "form":
        return { body: paramsToObject(new URLSearchParams(raw)), error: null };
      case "xml": {
        const valid = XMLValidator.validate(raw);
        if (valid !== true) return { body: undefined, error: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
        return { body: xmlParser.parse(raw) as unknown, error: null };
      }
      case "text":
        return { body: raw, error: null };
    }
  } catch (error) {
    return { body: undefined, error: `invalid ${kind.toUpperCase()}: ${(error as Error).message}` };
  }
}

// ─── Finding fields in generic sends ───────────────────────────────────────────────────────────

const RECIPIENT_KEYS = new Set(["to", "destination", "recipient", "recipients", "phone", "phonenumber", "msisdn", "number", "sendto", "mobile", "mobilenumber", "dest", "destaddr"]);
const TEXT_KEYS = new Set(["message", "text", "body", "msg", "content", "sms"]);
const SENDER_KEYS = new Set(["from", "sender", "senderid", "source", "mask", "originator"]);
const REFERENCE_KEYS = new Set(["clientreference", "reference", "ref", "messageid", "externalid"]);
const CALLBACK_KEYS = ["callbackurl", "dlrurl", "statuscallback", "callback", "notifyurl", "deliveryreporturl", "webhookurl", "statusurl", "dlr"];
// The search is breadth first (shallow keys win) and bounded so a hostile body cannot make it slow.
const MAX_SEARCH_DEPTH = 5;
const MAX_SEARCH_NODES = 200;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s.]/g, "");
}

function findField<T>(root: unknown, keys: ReadonlySet<string>, accept: (value: unknown) => T | null): T | null {
  let level: unknown[] = [root];
  let visited = 0;
  for (let depth = 0; depth < MAX_SEARCH_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (++visited > MAX_SEARCH_NODES) return null;
      if (Array.isArray(node)) {
        next.push(...node.slice(0, 20));
        continue;
      }
      if (!isRecord(node)) continue;
      for (const [key, value] of Object.entries(node)) {
        if (keys.has(normalizeKey(key))) {
          const found = accept(value);
          if (found !== null) return found;
        }
        if (typeof value === "object" && value !== null) next.push(value);
      }
    }
    level = next;
  }
  return null;
}

interface Callback {
  url: string;
  method: "GET" | "POST";
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** A callback is a URL string, or (Kaleyra) {"url","method"} as an object or a JSON string. */
function callbackTarget(value: unknown): Callback | null {
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

function findInRequest<T>(ctx: SendContext, keys: ReadonlySet<string>, accept: (value: unknown) => T | null): T | null {
  return findField(ctx.body, keys, accept) ?? findField(ctx.query, keys, accept);
}

// ─── Ids ───────────────────────────────────────────────────────────────────────────────────────

/** Cheap unique ids in each provider's look; the random prefix keeps ids unique across restarts. */
class IdFactory {
  private counter = 0;
  private readonly hex = randomBytes(6).toString("hex");
  private readonly digits = BigInt(`0x${this.hex}`).toString().padStart(15, "0");

  generic(): string {
    return `fake-${this.hex}-${++this.counter}`;
  }
  twilio(): string {
    return `SM${this.hex}${(++this.counter).toString(16).padStart(20, "0")}`;
  }
  sinch(): string {
    return `01${this.hex.toUpperCase()}${(++this.counter).toString(16).toUpperCase().padStart(12, "0")}`;
  }
  gupshup(): string {
    const n = ++this.counter;
    return `${this.digits.slice(-10)}${String(n).padStart(9, "0")}-${this.digits.slice(-9)}${String(n * 7 + 1).padStart(9, "0")}`;
  }
  uuid(): string {
    const h = `${this.hex}${(++this.counter).toString(16).padStart(20, "0")}`;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  ics(): string {
    return `ics-${this.hex}-${++this.counter}`;
  }
}

// ─── Provider emulations ───────────────────────────────────────────────────────────────────────

interface SendContext {
  method: string;
  pathname: string;
  query: Params;
  headers: IncomingHttpHeaders;
  body: unknown;
  pathParams: readonly string[];
  apiKey: string | null;
  callbackKeys: ReadonlySet<string>;
}

interface SendFields {
  to: string | null;
  from: string | null;
  text: string | null;
  reference: string | null;
  callback: Callback | null;
  accountSid: string | null;
  signingKey: string | null;
  wantsReports: boolean;
}

interface ErrorSpec {
  status: number;
  code: string | number;
  message: string;
}

/** How a provider words its delivery reports; generic sends take theirs from the autoDlr config. */
interface ReportStyle {
  format: DlrFormat;
  intermediate: readonly string[];
  success: string;
  failure: string;
  failureReason: string;
}

interface Emulation {
  readonly provider: ProviderName;
  readonly errors: Record<Failure, ErrorSpec>;
  readonly reports: ReportStyle | null;
  /** Only asked when the server has an apiKey. */
  authorized(ctx: SendContext, apiKey: string): boolean;
  fields(ctx: SendContext): SendFields;
  /** Why the provider would refuse this send, or null. */
  invalid(fields: SendFields, ctx: SendContext): Partial<ErrorSpec> | null;
  newId(ids: IdFactory, style: ReplyStyle): string;
  accepted(id: string, fields: SendFields, ctx: SendContext, style: ReplyStyle): Reply;
  renderError(spec: ErrorSpec): Reply;
}

function plainFields(partial: Partial<SendFields>): SendFields {
  return { to: null, from: null, text: null, reference: null, callback: null, accountSid: null, signingKey: null, wantsReports: true, ...partial };
}

/** Form/JSON body fields win over the query string, as providers that take both do. */
function params(ctx: SendContext): Record<string, unknown> {
  return isRecord(ctx.body) ? { ...ctx.query, ...ctx.body } : ctx.query;
}

const generic: Emulation = {
  provider: "generic",
  reports: null,
  errors: {
    unauthorized: { status: 401, code: "unauthorized", message: "bad key" },
    rejected: { status: 200, code: "insufficient_credit", message: "Insufficient credit" },
    "rate-limit": { status: 429, code: "rate_limited", message: "rate limit exceeded" },
    unavailable: { status: 503, code: "unavailable", message: "service unavailable" },
  },
  authorized(ctx, apiKey) {
    return bearerToken(ctx.headers) === apiKey || header(ctx.headers, "x-api-key") === apiKey || field(params(ctx), "api_key") === apiKey;
  },
  fields(ctx) {
    return plainFields({
      to: findInRequest(ctx, RECIPIENT_KEYS, firstScalar),
      from: findInRequest(ctx, SENDER_KEYS, firstScalar),
      text: findInRequest(ctx, TEXT_KEYS, (value) => (typeof value === "string" ? value : null)),
      reference: findInRequest(ctx, REFERENCE_KEYS, scalar),
      callback: findInRequest(ctx, ctx.callbackKeys, callbackTarget),
    });
  },
  invalid: () => null, // lenient on purpose: any connector shape gets through and is recorded
  newId: (ids, style) => (style === "text" ? ids.gupshup() : ids.generic()),
  accepted(id, fields, _ctx, style) {
    if (style === "text") return textReply(200, `success | ${digitsOnly(fields.to)} | ${id}`);
    if (style === "xml") {
      const to = escapeXml(fields.to ?? "");
      return textReply(200, `<?xml version="1.0" encoding="UTF-8"?>\n<response><status>OK</status><message><id>${escapeXml(id)}</id><to>${to}</to></message></response>`, "application/xml");
    }
    return jsonReply(201, { data: { messages: [{ id, to: fields.to, status: "accepted" }] } });
  },
  renderError: (spec) => (spec.status === 200 ? jsonReply(200, { status: "error", message: spec.message }) : jsonReply(spec.status, { error: spec.message })),
};

const twilio: Emulation = {
  provider: "twilio",
  reports: { format: "twilio", intermediate: ["queued", "sent"], success: "delivered", failure: "undelivered", failureReason: "30003" },
  errors: {
    unauthorized: { status: 401, code: 20003, message: "Authenticate" },
    rejected: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
    "rate-limit": { status: 429, code: 20429, message: "Too Many Requests" },
    unavailable: { status: 503, code: 20503, message: "Service Unavailable" },
  },
  authorized(ctx, apiKey) {
    const basic = basicCredentials(ctx.headers);
    return basic !== null && basic.user === ctx.pathParams[0] && basic.password === apiKey;
  },
  fields(ctx) {
    const body = params(ctx);
    return plainFields({
      to: field(body, "To"),
      from: field(body, "From") ?? field(body, "MessagingServiceSid"),
      text: field(body, "Body"),
      callback: callbackTarget(field(body, "StatusCallback")),
      accountSid: ctx.pathParams[0] ?? null,
      // Twilio signs with the account's auth token, which is the Basic password the app sent.
      signingKey: ctx.apiKey ?? basicCredentials(ctx.headers)?.password ?? DEFAULT_TWILIO_AUTH_TOKEN,
    });
  },
  invalid(fields) {
    if (!fields.to) return { code: 21604, message: "A 'To' phone number is required." };
    if (!fields.from) return { code: 21603, message: "A 'From' phone number is required." };
    if (!fields.text) return { code: 21602, message: "Message body is required." };
    return null;
  },
  newId: (ids) => ids.twilio(),
  accepted(id, fields, ctx) {
    const body = params(ctx);
    const serviceSid = field(body, "MessagingServiceSid");
    const now = new Date().toUTCString();
    const account = ctx.pathParams[0];
    return jsonReply(201, {
      account_sid: account,
      api_version: "2010-04-01",
      body: fields.text,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: field(body, "From"),
      messaging_service_sid: serviceSid,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid: id,
      status: serviceSid && !field(body, "From") ? "accepted" : "queued",
      to: fields.to,
      uri: `/2010-04-01/Accounts/${account}/Messages/${id}.json`,
    });
  },
  renderError(spec) {
    const headers: Record<string, string> = spec.status === 401 ? { "www-authenticate": 'Basic realm="Twilio API"' } : {};
    return jsonReply(spec.status, { code: spec.code, message: spec.message, more_info: `https://www.twilio.com/docs/errors/${spec.code}`, status: spec.status }, headers);
  },
};

const sinch: Emulation = {
  provider: "sinch",
  reports: { format: "sinch", intermediate: [], success: "Delivered", failure: "Failed", failureReason: "402" },
  // Error codes/texts unverified beyond the {code, text} shape of XMS errors.
  errors: {
    unauthorized: { status: 401, code: "unauthorized", message: "Invalid authentication token" },
    rejected: { status: 400, code: "syntax_invalid_parameter_format", message: "Invalid recipient" },
    "rate-limit": { status: 429, code: "too_many_requests", message: "Too many requests" },
    unavailable: { status: 503, code: "service_unavailable", message: "Service unavailable" },
  },
  authorized: (ctx, apiKey) => bearerToken(ctx.headers) === apiKey,
  fields(ctx) {
    const deliveryReport = field(ctx.body, "delivery_report") ?? "none";
    return plainFields({
      to: isRecord(ctx.body) ? firstScalar(ctx.body.to) : null,
      from: field(ctx.body, "from"),
      text: field(ctx.body, "body"),
      reference: field(ctx.body, "client_reference"),
      callback: callbackTarget(field(ctx.body, "callback_url")),
      // Batch-level reports (summary/full) are not emulated; per_recipient(_final) ones are.
      wantsReports: deliveryReport.startsWith("per_recipient"),
    });
  },
  invalid(fields) {
    if (!fields.to) return { code: "syntax_constraint_violation", message: "to: must not be empty" };
    if (!fields.text) return { code: "syntax_constraint_violation", message: "body: must not be null" };
    return null;
  },
  newId: (ids) => ids.sinch(),
  accepted(id, fields, ctx) {
    const now = new Date();
    return jsonReply(201, {
      id,
      to: isRecord(ctx.body) && Array.isArray(ctx.body.to) ? ctx.body.to : [fields.to],
      from: fields.from,
      canceled: false,
      body: fields.text,
      type: "mt_text",
      created_at: now.toISOString(),
      modified_at: now.toISOString(),
      delivery_report: field(ctx.body, "delivery_report") ?? "none",
      expire_at: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      flash_message: false,
      ...(fields.reference ? { client_reference: fields.reference } : {}),
    });
  },
  renderError: (spec) => jsonReply(spec.status, { code: spec.code, text: spec.message }),
};

const gupshup: Emulation = {
  provider: "gupshup",
  reports: { format: "gupshup-get", intermediate: [], success: "SUCCESS", failure: "FAILURE", failureReason: "ABSENT_SUBSCRIBER" },
  // Gupshup answers refusals with HTTP 200 and an error line; the codes are unverified except 105.
  errors: {
    unauthorized: { status: 200, code: 105, message: "Invalid userid" },
    rejected: { status: 200, code: 322, message: "Insufficient credit" },
    "rate-limit": { status: 429, code: 429, message: "Too many requests" },
    unavailable: { status: 503, code: 503, message: "Service unavailable" },
  },
  authorized: (ctx, apiKey) => field(params(ctx), "password") === apiKey,
  fields(ctx) {
    const body = params(ctx);
    // No per-request callback: Gupshup reports go to the URL set on the account (our dlrUrl option).
    return plainFields({ to: field(body, "send_to"), from: field(body, "mask"), text: field(body, "msg") });
  },
  invalid(fields, ctx) {
    if ((field(params(ctx), "method") ?? "").toLowerCase() !== "sendmessage") return { code: 101, message: "Unsupported method" };
    if (!fields.to) return { code: 102, message: "The phone number is missing" };
    return null;
  },
  newId: (ids) => ids.gupshup(),
  accepted(id, fields, ctx) {
    const phone = digitsOnly(fields.to);
    if ((field(params(ctx), "format") ?? "").toLowerCase() === "json") {
      return jsonReply(200, { response: { id, phone, details: "", status: "success" } });
    }
    return textReply(200, `success | ${phone} | ${id}`);
  },
  renderError: (spec) => textReply(spec.status, `error | ${spec.code} | ${spec.message}`),
};

const kaleyra: Emulation = {
  provider: "kaleyra",
  // The callback field names and error codes are unverified (PROVIDERS.md says so too).
  reports: { format: "kaleyra", intermediate: [], success: "Delivered", failure: "Failed", failureReason: "Absent subscriber" },
  errors: {
    unauthorized: { status: 401, code: "E401", message: "Invalid API key" },
    rejected: { status: 400, code: "E413", message: "Insufficient balance" },
    "rate-limit": { status: 429, code: "E429", message: "Too many requests" },
    unavailable: { status: 503, code: "E503", message: "Service unavailable" },
  },
  authorized: (ctx, apiKey) => header(ctx.headers, "api-key") === apiKey,
  fields(ctx) {
    const body = params(ctx);
    return plainFields({
      to: field(body, "to"),
      from: field(body, "sender"),
      text: field(body, "body"),
      reference: field(body, "ref"),
      callback: callbackTarget(isRecord(body) ? body.callback : null),
    });
  },
  invalid: (fields) => (fields.to ? null : { code: "E110", message: "Invalid or missing recipient" }),
  newId: (ids) => ids.uuid(),
  accepted(id, fields, ctx) {
    const body = params(ctx);
    return jsonReply(202, {
      id,
      sender: fields.from,
      type: field(body, "type") ?? "DEFAULT",
      body: fields.text,
      createdDateTime: new Date().toISOString(),
      totalCount: 1,
      data: [{ message_id: id, recipient: fields.to }],
      error: {},
      ...(fields.reference ? { ref: fields.reference } : {}),
    });
  },
  renderError: (spec) => jsonReply(spec.status, { code: spec.code, message: spec.message, data: [], error: { message: spec.message } }),
};

const icsMobile: Emulation = {
  provider: "ics-mobile",
  // Everything here is assumed: see the header comment.
  reports: { format: "json", intermediate: [], success: "DELIVERED", failure: "UNDELIVERED", failureReason: "Absent subscriber" },
  errors: {
    unauthorized: { status: 401, code: "UNAUTHORIZED", message: "Invalid token" },
    rejected: { status: 200, code: "INSUFFICIENT_CREDIT", message: "Insufficient credit" },
    "rate-limit": { status: 429, code: "RATE_LIMITED", message: "Too many requests" },
    unavailable: { status: 503, code: "UNAVAILABLE", message: "Service unavailable" },
  },
  authorized: (ctx, apiKey) => bearerToken(ctx.headers) === apiKey,
  fields(ctx) {
    const body = params(ctx);
    return plainFields({
      to: firstScalar(isRecord(body) ? body.to : null),
      from: field(body, "sender") ?? field(body, "senderId"),
      text: field(body, "message"),
      reference: field(body, "reference"),
      callback: callbackTarget(field(body, "callback_url") ?? field(body, "callbackUrl")),
    });
  },
  invalid: (fields) => (fields.to ? null : { status: 400, code: "INVALID_REQUEST", message: "to is required" }),
  newId: (ids) => ids.ics(),
  accepted: (id, fields) => jsonReply(200, { status: "success", messageId: id, to: fields.to }),
  renderError: (spec) => jsonReply(spec.status, { status: "error", code: spec.code, message: spec.message }),
};

interface Route {
  name: RouteName;
  methods: ReadonlySet<string> | null; // null: any method
  pattern: RegExp;
  bodyFallback: BodyKind;
  emulation: Emulation;
}

const POST = new Set(["POST"]);
const ROUTES: readonly Route[] = [
  { name: "json", methods: null, pattern: /^\/json\/send\/?$/, bodyFallback: "json", emulation: generic },
  { name: "form", methods: null, pattern: /^\/form\/send\/?$/, bodyFallback: "form", emulation: generic },
  { name: "get", methods: null, pattern: /^\/get\/send\/?$/, bodyFallback: "text", emulation: generic },
  { name: "xml", methods: null, pattern: /^\/xml\/send\/?$/, bodyFallback: "xml", emulation: generic },
  { name: "twilio", methods: POST, pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/, bodyFallback: "form", emulation: twilio },
  { name: "sinch", methods: POST, pattern: /^\/xms\/v1\/([^/]+)\/batches$/, bodyFallback: "json", emulation: sinch },
  { name: "gupshup", methods: new Set(["GET", "POST"]), pattern: /^\/GatewayAPI\/rest$/, bodyFallback: "form", emulation: gupshup },
  { name: "kaleyra", methods: POST, pattern: /^\/v1\/([^/]+)\/messages$/, bodyFallback: "json", emulation: kaleyra },
  { name: "ics-mobile", methods: POST, pattern: /^\/ics\/v1\/messages$/, bodyFallback: "json", emulation: icsMobile },
];

function matchRoute(method: string, pathname: string): { route: Route; pathParams: string[] } | null {
  for (const route of ROUTES) {
    if (route.methods && !route.methods.has(method)) continue;
    const match = route.pattern.exec(pathname);
    if (match) return { route, pathParams: match.slice(1).map(decodeURIComponent) };
  }
  return null;
}

function outcomeOf(behavior: Behavior): { accept: true; style: ReplyStyle } | { accept: false; failure: Failure } {
  switch (behavior) {
    case "ok":
    case "slow":
      return { accept: true, style: "json" };
    case "text":
      return { accept: true, style: "text" };
    case "xml":
      return { accept: true, style: "xml" };
    case "error-200":
      return { accept: false, failure: "rejected" };
    case "unauthorized":
    case "rate-limit":
    case "unavailable":
      return { accept: false, failure: behavior };
  }
}

function failureReply(emulation: Emulation, failure: Failure, override: Partial<ErrorSpec> | null = null): Reply {
  const reply = emulation.renderError({ ...emulation.errors[failure], ...override });
  // Retry-After is what lets the app's retry honour the provider instead of guessing.
  if (failure === "rate-limit") reply.headers["retry-after"] = "1";
  return reply;
}

// ─── Delivery reports ──────────────────────────────────────────────────────────────────────────

interface OutgoingReport {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

interface ReportParts {
  messageId: string;
  status: string;
  reason: string | null;
  recipient: string | null;
  message: SentMessage | undefined;
}

function withQuery(url: string, values: Record<string, string | number>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(values)) target.searchParams.append(key, String(value));
  return target.toString();
}

/** base64(HMAC-SHA1(token, url + each POST param name and value, sorted by name)), as Twilio signs. */
export function twilioSignature(authToken: string, url: string, values: Record<string, string>): string {
  const payload = Object.keys(values)
    .sort()
    .reduce((acc, key) => acc + key + values[key], url);
  return createHmac("sha1", authToken).update(payload, "utf8").digest("base64");
}

function genericReportFields(parts: ReportParts): Record<string, string | number> {
  return compact({ messageId: parts.messageId, status: parts.status, reason: parts.reason, to: parts.recipient, timestamp: new Date().toISOString() });
}

function postJson(url: string, value: unknown): OutgoingReport {
  return { method: "POST", url, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

function postForm(url: string, values: Record<string, string | number>): OutgoingReport {
  return { method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(stringEntries(values)).toString() };
}

function sinchCode(status: string, reason: string | null): number {
  if (status === "Delivered") return 0;
  if (status === "Queued") return 400;
  if (status === "Dispatched") return 401;
  return reason && /^\d+$/.test(reason) ? Number(reason) : 402;
}

function buildReport(format: DlrFormat, url: string, parts: ReportParts): OutgoingReport {
  const { messageId, status, reason, recipient, message } = parts;
  switch (format) {
    case "json":
      return postJson(url, genericReportFields(parts));
    case "json-array":
      return postJson(url, [genericReportFields(parts)]);
    case "form":
      return postForm(url, genericReportFields(parts));
    case "get":
      return { method: "GET", url: withQuery(url, genericReportFields(parts)), headers: {}, body: null };
    case "xml": {
      const elements = Object.entries(genericReportFields(parts)).map(([key, value]) => `<${key}>${escapeXml(String(value))}</${key}>`);
      return { method: "POST", url, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<DeliveryReport>${elements.join("")}</DeliveryReport>` };
    }
    case "text": {
      // SMPP-receipt-like key:value line; the reason goes last because it may contain spaces.
      const line = [`id:${messageId}`, `stat:${status}`, recipient ? `to:${recipient}` : null, `err:${reason ?? "000"}`].filter(Boolean).join(" ");
      return { method: "POST", url, headers: { "content-type": "text/plain; charset=utf-8" }, body: line };
    }
    case "twilio": {
      const values = stringEntries(compact({
        AccountSid: message?.accountSid ?? "AC00000000000000000000000000000000",
        ApiVersion: "2010-04-01",
        ErrorCode: reason,
        From: message?.from,
        MessageSid: messageId,
        MessageStatus: status,
        SmsSid: messageId,
        SmsStatus: status,
        To: recipient,
      }));
      const report = postForm(url, values);
      report.headers["x-twilio-signature"] = twilioSignature(message?.signingKey ?? DEFAULT_TWILIO_AUTH_TOKEN, url, values);
      return report;
    }
    case "sinch": {
      const now = new Date().toISOString();
      return postJson(url, compact({
        type: "recipient_delivery_report_sms",
        batch_id: messageId,
        recipient,
        code: sinchCode(status, reason),
        status,
        at: now,
        operator_status_at: now,
        client_reference: message?.reference,
      }));
    }
    case "gupshup-get": {
      const success = status.toUpperCase() === "SUCCESS";
      return {
        method: "GET",
        url: withQuery(url, compact({
          externalId: messageId,
          deliveredTS: Date.now(),
          status,
          cause: reason ?? (success ? "SUCCESS" : "UNKNOWN"),
          phoneNo: digitsOnly(recipient),
          errCode: success ? "000" : "001",
          noOfFrags: 1,
          mask: message?.from,
        })),
        headers: {},
        body: null,
      };
    }
    case "gupshup-post": {
      const delivered = status.toUpperCase() === "DELIVERED";
      const destination = digitsOnly(recipient);
      return postJson(url, [compact({
        externalId: messageId,
        eventType: status,
        eventTs: Date.now(),
        destAddr: destination === "" ? null : Number(destination),
        srcAddr: message?.from,
        cause: reason ?? (delivered ? "SUCCESS" : "UNKNOWN"),
        errCode: delivered ? "000" : "001",
        noOfFrags: 1,
      })]);
    }
    case "kaleyra": {
      const values = compact({ id: messageId, status, to: recipient, sender: message?.from, reason, ref: message?.reference });
      return message?.callbackMethod === "GET" ? { method: "GET", url: withQuery(url, values), headers: {}, body: null } : postJson(url, values);
    }
  }
}

/** Reads at most `limit` characters of an answer; the rest is dropped, the socket is not kept busy. */
async function readCapped(body: AsyncIterable<Buffer | string>, limit: number): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length >= limit) return text.slice(0, limit);
  }
  return text;
}

// ─── Bounded history with event-based waiting ──────────────────────────────────────────────────

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

class History<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    private readonly limit: number,
    private readonly keep: boolean,
    private readonly describe: (item: T) => string,
  ) {}

  push(item: T): void {
    if (this.keep) {
      this.items.push(item);
      if (this.items.length > this.limit) this.items.shift();
    }
    for (const waiter of this.waiters) this.offer(waiter, item);
  }

  waitFor(predicate: (item: T) => boolean, timeoutMs: number, noun: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.items.slice(-5).map(this.describe).join("; ") || "none";
        reject(new Error(`No matching ${noun} within ${timeoutMs} ms (${this.items.length} recorded; latest: ${recent})`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      for (const item of this.items) if (this.offer(waiter, item)) return;
    });
  }

  clear(): void {
    this.items.length = 0;
  }

  rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) waiter.reject(error);
  }

  private offer(waiter: Waiter<T>, item: T): boolean {
    try {
      if (!waiter.predicate(item)) return false;
      waiter.resolve(item);
    } catch (error) {
      waiter.reject(error as Error);
    }
    return true;
  }
}

/** setTimeout that close()/reset() can cancel all at once. */
class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  later(ms: number, run: () => void, onCancel: () => void = () => {}): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.set(timer, onCancel);
  }

  /** Resolves true after ms, false if cancelled first. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => this.later(ms, () => resolve(true), () => resolve(false)));
  }

  cancelAll(): void {
    for (const [timer, onCancel] of this.pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.pending.clear();
  }
}

// ─── Admin request bodies ──────────────────────────────────────────────────────────────────────

const delaySchema = z.number().int().min(0).max(MAX_DELAY_MS);
const statusWordSchema = z.string().min(1).max(100);
const httpUrlSchema = z.string().max(2048).refine(isHttpUrl, "must be an http(s) URL");

const behaviorBodySchema = z.object({
  behavior: z.enum(BEHAVIORS),
  slowMs: delaySchema.optional(),
  times: z.number().int().min(1).max(MAX_QUEUED_BEHAVIORS).optional(),
});

const autoDlrBodySchema = z.object({
  enabled: z.boolean().optional(),
  status: statusWordSchema.optional(),
  failureStatus: statusWordSchema.optional(),
  reason: z.string().max(500).optional(),
  format: z.enum(GENERIC_DLR_FORMATS).optional(),
  delayMs: delaySchema.optional(),
  intermediate: z.array(statusWordSchema).max(10).optional(),
});

const dlrBodySchema = z.object({
  messageId: z.string().min(1).max(200),
  status: statusWordSchema,
  reason: z.string().max(500).optional(),
  url: httpUrlSchema.optional(),
  format: z.enum([...GENERIC_DLR_FORMATS, ...NATIVE_DLR_FORMATS]).optional(),
  delayMs: delaySchema.optional(),
  recipient: z.string().max(50).optional(),
});

class AdminInputError extends Error {}

function parseAdminBody<T>(schema: z.ZodType<T>, raw: string): T {
  let value: unknown;
  try {
    value = raw === "" ? {} : JSON.parse(raw);
  } catch {
    throw new AdminInputError("body must be JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminInputError(z.prettifyError(parsed.error));
  return parsed.data;
}

function lastItems<T>(items: readonly T[], query: Params): T[] {
  const limit = Number(firstScalar(query.limit) ?? NaN);
  return Number.isInteger(limit) && limit >= 0 ? items.slice(Math.max(0, items.length - limit)) : [...items];
}

// ─── The server ────────────────────────────────────────────────────────────────────────────────

interface ResolvedOptions {
  host: string;
  port: number;
  apiKey: string | null;
  behavior: Behavior;
  slowMs: number;
  dlrUrl: string | null;
  autoDlr: AutoDlrConfig | null;
  callbackKeys: ReadonlySet<string>;
  failingSuffix: string;
  record: boolean;
  maxRecorded: number;
  onRequest: ((request: RecordedRequest) => void) | null;
  onDeliveryReport: ((report: DeliveryReportResult) => void) | null;
}

function resolveOptions(options: FakeProviderOptions): ResolvedOptions {
  if (options.behavior !== undefined && !isBehavior(options.behavior)) throw new Error(`Unknown behavior "${options.behavior}"`);
  if (options.dlrUrl !== undefined && !isHttpUrl(options.dlrUrl)) throw new Error(`dlrUrl must be an http(s) URL, got "${options.dlrUrl}"`);
  return {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    apiKey: options.apiKey ?? null,
    behavior: options.behavior ?? "ok",
    slowMs: Math.min(Math.max(0, options.slowMs ?? DEFAULT_SLOW_MS), MAX_DELAY_MS),
    dlrUrl: options.dlrUrl ?? null,
    autoDlr: options.autoDlr ? withAutoDlrDefaults(options.autoDlr) : null,
    callbackKeys: new Set([...CALLBACK_KEYS, ...(options.callbackFields ?? []).map(normalizeKey)]),
    failingSuffix: options.failingSuffix ?? DEFAULT_FAILING_SUFFIX,
    record: options.record ?? true,
    maxRecorded: Math.max(1, options.maxRecorded ?? DEFAULT_MAX_RECORDED),
    onRequest: options.onRequest ?? null,
    onDeliveryReport: options.onDeliveryReport ?? null,
  };
}

function describeRequest(request: RecordedRequest): string {
  return `${request.method} ${request.path} → ${request.status}`;
}

function describeReport(report: DeliveryReportResult): string {
  return `${report.format} ${report.reportStatus} ${report.messageId} → ${report.responseStatus ?? report.error}`;
}

class FakeProviderServer implements FakeProvider {
  url = "";
  port = 0;

  private readonly server: Server;
  private readonly requests: History<RecordedRequest>;
  private readonly reports: History<DeliveryReportResult>;
  // Kept even with record:false (small objects, bounded) so a later DLR can find its recipient.
  private readonly messages = new Map<string, SentMessage>();
  private readonly ids = new IdFactory();
  private readonly replyTimers = new Timers();
  private readonly reportTimers = new Timers();
  private readonly agent = new Agent({ connections: 64, headersTimeout: 10_000, bodyTimeout: 10_000, connect: { timeout: 5_000 } });
  private readonly abort = new AbortController();
  private requestSeq = 0;
  private reportSeq = 0;
  private closed = false;

  private defaultBehavior: Behavior;
  private slowMs: number;
  private queuedBehaviors: Behavior[] = [];
  private autoDlr: AutoDlrConfig | null;

  constructor(private readonly options: ResolvedOptions) {
    this.requests = new History(options.maxRecorded, options.record, describeRequest);
    this.reports = new History(options.maxRecorded, options.record, describeReport);
    this.defaultBehavior = options.behavior;
    this.slowMs = options.slowMs;
    this.autoDlr = options.autoDlr;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.failInternally(res, error));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.port = address.port;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${this.port}`;
  }

  get received(): readonly RecordedRequest[] {
    return this.requests.items;
  }

  get deliveryReports(): readonly DeliveryReportResult[] {
    return this.reports.items;
  }

  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return this.requests.waitFor(predicate, timeoutMs, "request");
  }

  waitForDeliveryReport(predicate: (report: DeliveryReportResult) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<DeliveryReportResult> {
    return this.reports.waitFor(predicate, timeoutMs, "delivery report");
  }

  sentMessage(id: string): SentMessage | undefined {
    return this.messages.get(id);
  }

  setBehavior(behavior: Behavior, options: SetBehaviorOptions = {}): void {
    if (!isBehavior(behavior)) throw new Error(`Unknown behavior "${String(behavior)}"`);
    if (options.slowMs !== undefined) this.slowMs = Math.min(Math.max(0, options.slowMs), MAX_DELAY_MS);
    if (options.times === undefined) {
      this.defaultBehavior = behavior;
      return;
    }
    const room = MAX_QUEUED_BEHAVIORS - this.queuedBehaviors.length;
    for (let i = 0; i < Math.min(options.times, room); i++) this.queuedBehaviors.push(behavior);
  }

  setAutoDlr(options: AutoDlrOptions | false): void {
    this.autoDlr = options ? withAutoDlrDefaults(options) : null;
  }

  reset(): void {
    this.requests.clear();
    this.reports.clear();
    this.messages.clear();
    this.reportTimers.cancelAll();
    this.queuedBehaviors = [];
    this.defaultBehavior = this.options.behavior;
    this.slowMs = this.options.slowMs;
    this.autoDlr = this.options.autoDlr;
  }

  async sendDeliveryReport(input: DeliveryReportInput): Promise<DeliveryReportResult> {
    const message = this.messages.get(input.messageId);
    const url = input.url ?? message?.callbackUrl ?? this.options.dlrUrl;
    if (!url) throw new Error(`No callback URL for message ${input.messageId}: pass url, or start the fake with dlrUrl`);
    const format = input.format ?? this.reportStyleFor(message?.provider ?? "generic").format;
    if (input.delayMs && !(await this.reportTimers.sleep(Math.min(input.delayMs, MAX_DELAY_MS)))) {
      throw new Error("Delivery report cancelled by reset() or close()");
    }
    const parts = { messageId: input.messageId, status: input.status, reason: input.reason ?? null, recipient: input.recipient ?? message?.to ?? null, message };
    return this.dispatchReport(format, url, parts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.replyTimers.cancelAll();
    this.reportTimers.cancelAll();
    this.abort.abort();
    const closedError = new Error("Fake provider closed");
    this.requests.rejectWaiters(closedError);
    this.reports.rejectWaiters(closedError);
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await Promise.all([stopped, this.agent.destroy()]);
  }

  // ── request handling ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const { pathname, query } = splitUrl(req.url ?? "/");
    const read = await readBody(req, MAX_BODY_BYTES);
    if (read.kind === "aborted") return;
    if (pathname.startsWith(ADMIN_PREFIX)) return this.handleAdmin(method, pathname, query, read, res);
    if (read.kind === "too-large") {
      this.record(this.entry({ method, pathname, query, headers: req.headers, raw: "", parsed: { body: undefined, error: `body over ${MAX_BODY_BYTES} bytes` } }, "unmatched", null, 413));
      return this.reply(res, jsonReply(413, { error: `body over ${MAX_BODY_BYTES} bytes` }, { connection: "close" }));
    }
    const match = matchRoute(method, pathname);
    if (!match) {
      const parsed = parseBody(read.raw, bodyKindOf(header(req.headers, "content-type"), "text"));
      this.record(this.entry({ method, pathname, query, headers: req.headers, raw: read.raw, parsed }, "unmatched", null, 404));
      return this.reply(res, jsonReply(404, { error: `no fake endpoint at ${method} ${pathname}` }));
    }
    this.handleSend(req, res, { method, pathname, query, raw: read.raw }, match.route, match.pathParams);
  }

  private handleSend(req: IncomingMessage, res: ServerResponse, incoming: { method: string; pathname: string; query: Params; raw: string }, route: Route, pathParams: string[]): void {
    const { method, pathname, query, raw } = incoming;
    const parsed = parseBody(raw, bodyKindOf(header(req.headers, "content-type"), route.bodyFallback));
    const base = { method, pathname, query, headers: req.headers, raw, parsed };
    const selected = this.selectBehavior(query, req.headers);
    if ("error" in selected) {
      this.record(this.entry(base, route.name, route.emulation.provider, 400));
      return this.reply(res, jsonReply(400, { error: selected.error }));
    }
    if (parsed.error) {
      this.record(this.entry(base, route.name, route.emulation.provider, 400, selected.behavior));
      return this.reply(res, jsonReply(400, { error: parsed.error }));
    }
    const ctx: SendContext = { method, pathname, query, headers: req.headers, body: parsed.body, pathParams, apiKey: this.options.apiKey, callbackKeys: this.options.callbackKeys };
    const fields = route.emulation.fields(ctx);
    const decision = this.decide(route.emulation, ctx, fields, selected.behavior);
    const entry = this.entry(base, route.name, route.emulation.provider, decision.reply.status, selected.behavior, fields, decision.message?.id ?? null);
    this.record(entry);
    const finish = () => {
      this.reply(res, decision.reply);
      if (decision.message) this.scheduleAutoReports(decision.message);
    };
    const delay = selected.delayMs ?? (selected.behavior === "slow" ? this.slowMs : 0);
    if (delay > 0) this.replyTimers.later(delay, finish);
    else finish();
  }

  /** Credentials first (a real provider refuses a bad key before anything else), then behaviour, then validation. */
  private decide(emulation: Emulation, ctx: SendContext, fields: SendFields, behavior: Behavior): { reply: Reply; message: SentMessage | null } {
    if (this.options.apiKey !== null && !emulation.authorized(ctx, this.options.apiKey)) {
      return { reply: failureReply(emulation, "unauthorized"), message: null };
    }
    const outcome = outcomeOf(behavior);
    if (!outcome.accept) return { reply: failureReply(emulation, outcome.failure), message: null };
    const invalid = emulation.invalid(fields, ctx);
    if (invalid) return { reply: failureReply(emulation, "rejected", invalid), message: null };
    const id = emulation.newId(this.ids, outcome.style);
    const message = this.remember({
      id,
      provider: emulation.provider,
      to: fields.to,
      from: fields.from,
      reference: fields.reference,
      callbackUrl: fields.callback?.url ?? null,
      callbackMethod: fields.callback?.method ?? "POST",
      accountSid: fields.accountSid,
      signingKey: fields.signingKey,
      wantsReports: fields.wantsReports,
    });
    return { reply: emulation.accepted(id, fields, ctx, outcome.style), message };
  }

  private selectBehavior(query: Params, headers: IncomingHttpHeaders): { behavior: Behavior; delayMs: number | null } | { error: string } {
    const requested = firstScalar(query.behavior) ?? header(headers, "x-fake-behavior");
    const delayMs = clampDelay(firstScalar(query.delay_ms) ?? header(headers, "x-fake-delay-ms"));
    if (requested !== null) {
      return isBehavior(requested) ? { behavior: requested, delayMs } : { error: `unknown behavior "${requested}"; use one of ${BEHAVIORS.join(", ")}` };
    }
    return { behavior: this.queuedBehaviors.shift() ?? this.defaultBehavior, delayMs };
  }

  private remember(message: SentMessage): SentMessage {
    this.messages.set(message.id, message);
    if (this.messages.size > this.options.maxRecorded) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
    return message;
  }

  private entry(
    base: { method: string; pathname: string; query: Params; headers: IncomingHttpHeaders; raw: string; parsed: { body: unknown; error: string | null } },
    route: RouteName,
    provider: ProviderName | null,
    status: number,
    behavior: Behavior | null = null,
    fields: SendFields | null = null,
    messageId: string | null = null,
  ): RecordedRequest {
    const truncated = base.raw.length > RECORDED_BODY_CHARS;
    return {
      seq: ++this.requestSeq,
      at: Date.now(),
      method: base.method,
      path: base.pathname,
      query: base.query,
      headers: base.headers,
      rawBody: truncated ? base.raw.slice(0, RECORDED_BODY_CHARS) : base.raw,
      body: truncated ? undefined : base.parsed.body,
      parseError: base.parsed.error,
      truncated,
      route,
      provider,
      behavior,
      status,
      messageId,
      to: fields?.to ?? null,
      text: fields?.text ?? null,
      callbackUrl: fields?.callback?.url ?? null,
    };
  }

  private record(entry: RecordedRequest): void {
    this.requests.push(entry);
    this.notify(this.options.onRequest, entry);
  }

  private reply(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up while a slow reply waited
    res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
    res.end(reply.body);
  }

  private failInternally(res: ServerResponse, error: unknown): void {
    // A bug in the fake must show up in the test that hit it, not hang it.
    console.error("[fake-provider] internal error", error);
    if (!res.headersSent) this.reply(res, jsonReply(500, { error: "fake provider internal error" }));
  }

  private notify<T>(listener: ((value: T) => void) | null, value: T): void {
    if (!listener) return;
    try {
      listener(value);
    } catch (error) {
      console.error("[fake-provider] listener failed", error);
    }
  }

  // ── delivery reports ──

  private reportStyleFor(provider: ProviderName): ReportStyle {
    const native = ROUTES.find((route) => route.emulation.provider === provider)?.emulation.reports;
    if (native) return native;
    const config = this.autoDlr ?? DEFAULT_AUTO_DLR;
    return { format: config.format, intermediate: config.intermediate, success: config.status, failure: config.failureStatus, failureReason: config.reason };
  }

  private isFailingRecipient(to: string | null): boolean {
    return this.options.failingSuffix !== "" && digitsOnly(to).endsWith(this.options.failingSuffix);
  }

  private scheduleAutoReports(message: SentMessage): void {
    const url = message.callbackUrl ?? this.options.dlrUrl;
    if (!this.autoDlr || !url || !message.wantsReports) return;
    const style = this.reportStyleFor(message.provider);
    const final = this.isFailingRecipient(message.to) ? { status: style.failure, reason: style.failureReason } : { status: style.success, reason: null };
    const steps = [...style.intermediate.map((status) => ({ status, reason: null })), final];
    this.reportTimers.later(this.autoDlr.delayMs, () => {
      this.runSteps(style.format, url, message, steps).catch((error: unknown) => console.error("[fake-provider] automatic report failed", error));
    });
  }

  /** One after the other, so the app sees queued → sent → delivered in that order, as Twilio sends them. */
  private async runSteps(format: DlrFormat, url: string, message: SentMessage, steps: ReadonlyArray<{ status: string; reason: string | null }>): Promise<void> {
    for (const step of steps) {
      if (this.closed) return;
      await this.dispatchReport(format, url, { messageId: message.id, status: step.status, reason: step.reason, recipient: message.to, message });
    }
  }

  private async dispatchReport(format: DlrFormat, url: string, parts: ReportParts): Promise<DeliveryReportResult> {
    const outgoing = buildReport(format, url, parts);
    let responseStatus: number | null = null;
    let responseBody = "";
    let error: string | null = null;
    try {
      const response = await request(outgoing.url, {
        method: outgoing.method,
        headers: outgoing.headers,
        body: outgoing.body ?? undefined,
        dispatcher: this.agent,
        signal: this.abort.signal,
      });
      responseStatus = response.statusCode;
      responseBody = await readCapped(response.body, RESPONSE_BODY_CHARS);
    } catch (caught) {
      error = (caught as Error).message;
    }
    const result: DeliveryReportResult = {
      seq: ++this.reportSeq,
      at: Date.now(),
      messageId: parts.messageId,
      reportStatus: parts.status,
      format,
      method: outgoing.method,
      url: outgoing.url,
      requestHeaders: outgoing.headers,
      requestBody: outgoing.body,
      responseStatus,
      responseBody,
      error,
    };
    this.reports.push(result);
    this.notify(this.options.onDeliveryReport, result);
    return result;
  }

  // ── admin API ──

  private async handleAdmin(method: string, pathname: string, query: Params, read: BodyRead, res: ServerResponse): Promise<void> {
    if (read.kind !== "ok") return this.reply(res, jsonReply(413, { error: "body too large" }, { connection: "close" }));
    try {
      this.reply(res, await this.adminReply(`${method} ${pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, "")}`, query, read.raw));
    } catch (error) {
      if (!(error instanceof AdminInputError)) throw error;
      this.reply(res, jsonReply(400, { error: error.message }));
    }
  }

  private async adminReply(action: string, query: Params, raw: string): Promise<Reply> {
    switch (action) {
      case "GET health":
        return jsonReply(200, { ok: true });
      case "GET requests":
        return jsonReply(200, { count: this.requests.items.length, requests: lastItems(this.requests.items, query) });
      case "GET dlrs":
        return jsonReply(200, { count: this.reports.items.length, reports: lastItems(this.reports.items, query) });
      case "POST reset":
        this.reset();
        return jsonReply(200, { ok: true });
      case "GET behavior":
        return jsonReply(200, this.behaviorState());
      case "POST behavior": {
        const body = parseAdminBody(behaviorBodySchema, raw);
        this.setBehavior(body.behavior, { slowMs: body.slowMs, times: body.times });
        return jsonReply(200, this.behaviorState());
      }
      case "POST auto-dlr": {
        const { enabled, ...rest } = parseAdminBody(autoDlrBodySchema, raw);
        this.setAutoDlr(enabled === false ? false : rest);
        return jsonReply(200, { autoDlr: this.autoDlr });
      }
      case "POST dlr":
        return this.adminDeliveryReport(parseAdminBody(dlrBodySchema, raw));
      default:
        return jsonReply(404, { error: `no admin action ${action}` });
    }
  }

  private async adminDeliveryReport(input: DeliveryReportInput): Promise<Reply> {
    if (!input.url && !this.messages.get(input.messageId)?.callbackUrl && !this.options.dlrUrl) {
      throw new AdminInputError(`no callback URL known for message ${input.messageId}; pass "url"`);
    }
    if (input.delayMs) {
      // Deferred: the caller learns the outcome from GET /__admin/dlrs, not from this reply.
      this.sendDeliveryReport(input).catch(() => {});
      return jsonReply(202, { scheduled: true, delayMs: input.delayMs });
    }
    return jsonReply(200, await this.sendDeliveryReport(input));
  }

  private behaviorState(): { behavior: Behavior; slowMs: number; queued: Behavior[] } {
    return { behavior: this.defaultBehavior, slowMs: this.slowMs, queued: [...this.queuedBehaviors] };
  }
}

export async function createFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const server = new FakeProviderServer(resolveOptions(options));
  await server.listen();
  return server;
}
