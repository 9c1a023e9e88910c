// Reading a provider's answer: accepted or not, the provider's id for the message, a readable reason
// when it failed, and whether trying again could send the message twice.
import { XMLParser } from "fast-xml-parser";
import type { z } from "zod";
import { userPattern } from "@/lib/security/safe-regex";
import { OutboundBlockedError } from "@/lib/security/ssrf";
import { HttpTimeoutError, TooManyRedirectsError } from "./http";
import { MISSING_ID_REASON } from "./reasons";
import { parseJsonPath } from "./request";
import type { responseSchema, SentIdMapping } from "./schema";

export type ResponseMapping = z.infer<typeof responseSchema>;

export interface ProviderResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Classification =
  | {
      accepted: true;
      sentId: string | null;
      /** Why no id was extracted although a mapping is set and the connector allows replies without one. */
      sentIdProblem: string | null;
    }
  | { accepted: false; reason: string };

/** "21211 The 'To' number is not a valid phone number.": the code and message a refusal carries, or null to quote the reply. */
function providerError(body: string, paths: ResponseMapping["errorReason"]): string | null {
  if (!paths || (!paths.codePath && !paths.messagePath)) return null;
  const reply = parseStructuredBody(body);
  const code = paths.codePath ? scalarText(readPath(reply, paths.codePath)) : null;
  const message = paths.messagePath ? scalarText(readPath(reply, paths.messagePath)) : null;
  const text = [code, message].filter((part) => part !== null).join(" ");
  return text === "" ? null : bodyExcerpt(text);
}

/** Body excerpts in reasons stay readable in a table of failure reasons. */
const REASON_BODY_LIMIT = 300;
const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_DELAY_MS = 60_000;

/**
 * Accepted means HTTP 2xx, the mapping's `accepted` check (if any) holds — providers answer 200 with an error
 * inside — and the sent-id mapping (if any) finds the provider's id. A 2xx without the id is not taken on
 * trust: a maintenance page, `{}` or a 200 "Insufficient credit" all look like that, and a message without an id
 * could never be matched to a delivery report, so it would sit "pending" for ever. It fails with the reason and
 * the start of the reply, unless the connector says its replies carry no id (`allowMissingId`). Such a failure is
 * never retried: the provider may have taken the message.
 */
export function classifyResponse(response: ProviderResponse, mapping: ResponseMapping): Classification {
  if (response.status < 200 || response.status > 299) {
    const excerpt = providerError(response.body, mapping.errorReason ?? null) ?? bodyExcerpt(response.body);
    return { accepted: false, reason: excerpt ? `HTTP ${response.status}: ${excerpt}` : `HTTP ${response.status}` };
  }
  if (mapping.accepted) {
    const rejection = checkAccepted(response.body, mapping.accepted);
    if (rejection) return { accepted: false, reason: rejection };
  }
  if (!mapping.sentId) return { accepted: true, sentId: null, sentIdProblem: null };
  const sentId = extractSentId(response, mapping.sentId);
  if (sentId !== null) return { accepted: true, sentId, sentIdProblem: null };
  const where = describeMapping(mapping.sentId);
  if (mapping.allowMissingId) return { accepted: true, sentId: null, sentIdProblem: `No message id at ${where}; the connector allows replies without one, so this message is untracked` };
  return { accepted: false, reason: `${MISSING_ID_REASON} at ${where}: ${bodyExcerpt(response.body) || "(empty reply)"}` };
}


/** The provider's id for the message, or null when the mapping finds nothing usable. */
export function extractSentId(response: ProviderResponse, mapping: SentIdMapping): string | null {
  switch (mapping.from) {
    case "json":
      return scalarText(readPath(parseStructuredBody(response.body), mapping.path));
    case "header":
      return nonEmpty(headerValue(response.headers, mapping.name));
    case "regex":
      return nonEmpty(userPattern(mapping.pattern).exec(response.body)?.[1]?.trim());
  }
}

/**
 * Reads `data.messages[0].id`, `[0].id` or `sid` from parsed JSON. Own properties only, so a path
 * such as `constructor` finds nothing rather than a function.
 */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of parseJsonPath(path)) {
    if (typeof current !== "object" || current === null) return undefined;
    if (typeof segment === "number" && !Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A reason for a failure that happened before any HTTP response. Never repeats an unknown error's message. */
export function describeTransportError(error: unknown, timeoutMs: number): string {
  if (error instanceof OutboundBlockedError || error instanceof TooManyRedirectsError) return error.message;
  if (error instanceof HttpTimeoutError) return `Timeout after ${timeoutMs} ms`;
  const codes = errorCodes(error);
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code));
  if (has("ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "TimeoutError")) {
    return `Timeout after ${timeoutMs} ms`;
  }
  if (has("ECONNREFUSED")) return "Connection refused";
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA")) return `DNS lookup failed for ${hostnameOf(error) ?? "the host"}`;
  if (has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET")) return "Connection closed by the provider before the response";
  if (has("EHOSTUNREACH", "ENETUNREACH")) return "Host unreachable";
  const tls = codes.find((code) => /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code));
  if (tls) return `TLS error: ${tls}`;
  if (has("ERR_INVALID_URL")) return "Invalid URL (in the request or a provider's redirect)";
  if (has("UND_ERR_INVALID_ARG", "ERR_INVALID_CHAR", "ERR_INVALID_HTTP_TOKEN")) return "Invalid request: a header or the URL contains characters HTTP does not allow";
  return codes.length > 0 ? `Network error (${codes[0]})` : "Network error";
}

export type SendOutcome = { status: number } | { error: unknown };

/**
 * True only when resending cannot deliver the message twice: the connection was never made
 * (refused, DNS failure, unreachable), or the provider answered 429 or 503. Never after a timeout or a
 * reset: the provider may have taken the message. A blocked address stays blocked, so it is not retried.
 */
export function isSafeToRetry(outcome: SendOutcome): boolean {
  if ("status" in outcome) return outcome.status === 429 || outcome.status === 503;
  if (outcome.error instanceof OutboundBlockedError) return false;
  const codes = errorCodes(outcome.error);
  return ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].some((code) => codes.includes(code));
}

/**
 * Delay before retry number `attempt` (1 for the first retry). A valid Retry-After (seconds or an
 * HTTP date) is honoured; otherwise exponential backoff with jitter, so senders that failed together
 * do not come back together. Both are capped at RETRY_MAX_DELAY_MS.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter?: string | null,
  options: { now?: number; random?: () => number } = {},
): number {
  const { now = Date.now(), random = Math.random } = options;
  const requested = parseRetryAfter(retryAfter, now);
  if (requested !== null) return Math.min(requested, RETRY_MAX_DELAY_MS);
  const ceiling = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_DELAY_MS);
  // "Equal jitter": at least half the ceiling, so backoff still grows.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Milliseconds asked for by a Retry-After header, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its day and month; Date.parse alone would read "-5" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Case-insensitive header lookup; repeated headers are joined. */
export function headerValue(headers: ProviderResponse["headers"], name: string): string | undefined {
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  const value = entry?.[1];
  return Array.isArray(value) ? value.join(", ") : value;
}

function checkAccepted(body: string, check: NonNullable<ResponseMapping["accepted"]>): string | null {
  if ("pattern" in check) {
    if (userPattern(check.pattern).test(body)) return null;
    const excerpt = bodyExcerpt(body);
    return excerpt ? `Provider rejected: ${excerpt}` : "Provider rejected: empty reply";
  }
  const value = scalarText(readPath(parseStructuredBody(body), check.path));
  if (value !== null && check.values.includes(value)) return null;
  const found = value === null ? `${check.path} missing` : `${check.path}=${value}`;
  const excerpt = bodyExcerpt(body);
  return excerpt ? `Provider rejected: ${found} (${excerpt})` : `Provider rejected: ${found}`;
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true });

/** JSON, or XML read into the same shape (`response.id` for `<response><id>…`), or null for plain text. */
function parseStructuredBody(body: string): unknown {
  // Gateways written in C sometimes end the reply with a NUL terminator; it is not part of the JSON.
  const text = body.replace(/^[\s\u0000]+|[\s\u0000]+$/g, "");
  if (text.startsWith("<")) {
    try {
      return xmlParser.parse(text);
    } catch {
      return null;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function scalarText(value: unknown): string | null {
  if (typeof value === "string") return nonEmpty(value.trim());
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function nonEmpty(value: string | undefined): string | null {
  return value ? value : null;
}

function describeMapping(mapping: SentIdMapping): string {
  if (mapping.from === "json") return mapping.path;
  if (mapping.from === "header") return `header ${mapping.name}`;
  return `pattern ${mapping.pattern}`;
}

/** One line, at most REASON_BODY_LIMIT characters. */
function bodyExcerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > REASON_BODY_LIMIT ? `${line.slice(0, REASON_BODY_LIMIT)}…` : line;
}

/** Codes of the error and of whatever it wraps (undici causes, happy-eyeballs AggregateErrors). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const { code, name, cause, errors } = error as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const own = [code, name === "TimeoutError" ? name : undefined].filter((c): c is string => typeof c === "string");
  const nested = [cause, ...(Array.isArray(errors) ? errors : [])].flatMap((inner) => errorCodes(inner, depth + 1));
  return [...own, ...nested];
}

function hostnameOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 4) return undefined;
  const { hostname, cause } = error as { hostname?: unknown; cause?: unknown };
  return typeof hostname === "string" ? hostname : hostnameOf(cause, depth + 1);
}
