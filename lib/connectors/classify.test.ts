import { describe, expect, it } from "vitest";
import { OutboundBlockedError } from "@/lib/security/ssrf";
import {
  RETRY_MAX_DELAY_MS,
  classifyResponse,
  describeTransportError,
  extractSentId,
  isSafeToRetry,
  parseRetryAfter,
  readPath,
  retryDelayMs,
  type ProviderResponse,
  type ResponseMapping,
} from "./classify";
import { HttpTimeoutError, TooManyRedirectsError } from "./http";
import { responseSchema } from "./schema";

const json = (status: number, body: unknown, headers: ProviderResponse["headers"] = {}): ProviderResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const text = (status: number, body: string): ProviderResponse => ({ status, headers: { "content-type": "text/plain" }, body });
const mapping = (input: unknown): ResponseMapping => responseSchema.parse(input);

describe("classifyResponse", () => {
  it("accepts a 2xx and extracts the id at a JSON path (Twilio)", () => {
    const response = json(201, { sid: "SM123", status: "queued", error_code: null });
    expect(classifyResponse(response, mapping({ sentId: { from: "json", path: "sid" } }))).toEqual({
      accepted: true,
      sentId: "SM123",
      sentIdProblem: null,
    });
  });

  it("reads nested and array paths (Kaleyra, top-level arrays)", () => {
    const kaleyra = json(202, { data: [{ message_id: "kal-9", recipient: "+91…" }] });
    expect(extractSentId(kaleyra, { from: "json", path: "data[0].message_id" })).toBe("kal-9");
    expect(extractSentId(json(200, { data: { messages: [{ id: 77 }] } }), { from: "json", path: "data.messages[0].id" })).toBe("77");
    expect(extractSentId(json(200, [{ id: "first" }, { id: "second" }]), { from: "json", path: "[1].id" })).toBe("second");
  });

  it("extracts the id with a regex capture group from a text reply (Gupshup)", () => {
    const reply = text(200, "success | 919999999999 | 3562707498794989059-328736121207676738\n");
    expect(extractSentId(reply, { from: "regex", pattern: "success \\| \\d+ \\| (\\S+)" })).toBe("3562707498794989059-328736121207676738");
  });

  it("extracts the id from a header, whatever its case", () => {
    const response = { status: 200, headers: { "x-message-id": ["abc-1", "abc-2"] }, body: "" };
    expect(extractSentId(response, { from: "header", name: "X-Message-Id" })).toBe("abc-1, abc-2");
    expect(extractSentId({ ...response, headers: { "x-message-id": "abc" } }, { from: "header", name: "X-MESSAGE-ID" })).toBe("abc");
  });

  it("reads XML replies with the same path syntax", () => {
    const reply = text(200, "<?xml version='1.0'?><response><status>OK</status><messages><id>x-1</id></messages></response>");
    expect(extractSentId(reply, { from: "json", path: "response.messages.id" })).toBe("x-1");
  });

  it("fails a 2xx reply in which the mapping finds no id, quoting the start of the reply", () => {
    const byPath = mapping({ sentId: { from: "json", path: "data.id" } });
    expect(classifyResponse(json(200, {}), byPath)).toEqual({ accepted: false, reason: "Accepted reply carried no message id at data.id: {}" });
    expect(classifyResponse(json(200, { status: "error", message: "Insufficient credit" }), byPath)).toEqual({
      accepted: false,
      reason: 'Accepted reply carried no message id at data.id: {"status":"error","message":"Insufficient credit"}',
    });
    const maintenance = `<!DOCTYPE html>\n<html>\n  <head><title>Down for maintenance</title></head>\n  <body>${"<p>Back soon.</p>".repeat(50)}</body>\n</html>`;
    const html = classifyResponse({ status: 200, headers: { "content-type": "text/html" }, body: maintenance }, byPath);
    expect(html).toMatchObject({ accepted: false, reason: expect.stringMatching(/^Accepted reply carried no message id at data\.id: <!DOCTYPE html> <html> <head><title>Down for maintenance<\/title>/) });
    expect((html as { reason: string }).reason.length).toBeLessThan(400);
    expect(classifyResponse(text(202, ""), byPath)).toEqual({ accepted: false, reason: "Accepted reply carried no message id at data.id: (empty reply)" });
    expect(classifyResponse(text(200, "queued"), mapping({ sentId: { from: "regex", pattern: "id=(\\w+)" } }))).toEqual({
      accepted: false,
      reason: "Accepted reply carried no message id at pattern id=(\\w+): queued",
    });
    expect(classifyResponse(text(200, "ok"), mapping({ sentId: { from: "header", name: "X-Message-Id" } }))).toEqual({
      accepted: false,
      reason: "Accepted reply carried no message id at header X-Message-Id: ok",
    });
  });

  it("counts a reply without an id as sent (untracked) when the connector allows it, and says why", () => {
    expect(classifyResponse(json(200, { ok: true }), mapping({ sentId: { from: "json", path: "data.id" }, allowMissingId: true }))).toEqual({
      accepted: true,
      sentId: null,
      sentIdProblem: "No message id at data.id; the connector allows replies without one, so this message is untracked",
    });
  });

  it("accepts any 2xx when no sent-id mapping is set (nothing to look for)", () => {
    expect(classifyResponse(json(200, {}), mapping({}))).toEqual({ accepted: true, sentId: null, sentIdProblem: null });
  });

  it("reads a refusal's code and message where the mapping says, and quotes the reply when they are not there", () => {
    const config = mapping({ errorReason: { codePath: "error.code", messagePath: "error.message" } });
    expect(classifyResponse(json(422, { error: { code: "E42", message: "Number blocked" } }), config)).toEqual({ accepted: false, reason: "HTTP 422: E42 Number blocked" });
    expect(classifyResponse(json(422, { error: { message: "Number blocked" } }), config)).toEqual({ accepted: false, reason: "HTTP 422: Number blocked" });
    expect(classifyResponse(text(502, "<html>Bad gateway</html>"), config)).toEqual({ accepted: false, reason: "HTTP 502: <html>Bad gateway</html>" });
  });

  it("defaults allowMissingId to false", () => {
    expect(mapping({}).allowMissingId).toBe(false);
  });

  it("does not take an object or an empty string for an id", () => {
    expect(extractSentId(json(200, { id: { nested: 1 } }), { from: "json", path: "id" })).toBeNull();
    expect(extractSentId(json(200, { id: "  " }), { from: "json", path: "id" })).toBeNull();
    expect(extractSentId(text(200, "not json"), { from: "json", path: "id" })).toBeNull();
  });

  it("fails a non-2xx with the status and the body", () => {
    expect(classifyResponse(json(401, { error: "bad key" }), mapping({}))).toEqual({ accepted: false, reason: 'HTTP 401: {"error":"bad key"}' });
    expect(classifyResponse(text(500, ""), mapping({}))).toEqual({ accepted: false, reason: "HTTP 500" });
    expect(classifyResponse(text(302, ""), mapping({}))).toEqual({ accepted: false, reason: "HTTP 302" });
  });

  it("keeps reasons on one line and at most 300 characters of body", () => {
    const result = classifyResponse(text(502, `<html>\n  <body>${"x".repeat(1000)}</body>\n</html>`), mapping({}));
    expect(result.accepted).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason.startsWith("HTTP 502: <html> <body>xxx")).toBe(true);
    expect(reason).not.toContain("\n");
    expect(reason.length).toBe("HTTP 502: ".length + 300 + 1);
    expect(reason.endsWith("…")).toBe(true);
  });

  it("fails a 200 that carries an error when an accepted check is configured", () => {
    const config = mapping({ sentId: { from: "json", path: "id" }, accepted: { path: "status", values: ["ok", "queued"] } });
    expect(classifyResponse(json(200, { status: "queued", id: "q1" }), config)).toEqual({ accepted: true, sentId: "q1", sentIdProblem: null });
    expect(classifyResponse(json(200, { status: "error", message: "Invalid sender" }), config)).toEqual({
      accepted: false,
      reason: 'Provider rejected: status=error ({"status":"error","message":"Invalid sender"})',
    });
    expect(classifyResponse(json(200, { message: "?" }), config)).toEqual({ accepted: false, reason: 'Provider rejected: status missing ({"message":"?"})' });
  });

  it("compares accepted values as text, so numeric codes work", () => {
    const config = mapping({ accepted: { path: "code", values: ["0"] } });
    expect(classifyResponse(json(200, { code: 0 }), config).accepted).toBe(true);
    expect(classifyResponse(json(200, { code: 105 }), config)).toMatchObject({ accepted: false, reason: 'Provider rejected: code=105 ({"code":105})' });
  });
});

describe("readPath", () => {
  it("only follows own properties", () => {
    expect(readPath({}, "constructor")).toBeUndefined();
    expect(readPath({}, "__proto__")).toBeUndefined();
    expect(readPath({ a: "text" }, "a.length")).toBeUndefined();
    expect(readPath({ a: { 0: "x" } }, "a[0]")).toBeUndefined();
    expect(readPath({ a: [{ b: false }] }, "a[0].b")).toBe(false);
  });
});

describe("describeTransportError", () => {
  const errno = (code: string, extra: object = {}) => Object.assign(new Error(`${code} something`), { code, ...extra });

  it.each([
    [new HttpTimeoutError(5000), "Timeout after 5000 ms"],
    [errno("UND_ERR_HEADERS_TIMEOUT"), "Timeout after 5000 ms"],
    [errno("UND_ERR_BODY_TIMEOUT"), "Timeout after 5000 ms"],
    [errno("UND_ERR_CONNECT_TIMEOUT"), "Timeout after 5000 ms"],
    [new DOMException("The operation was aborted due to timeout", "TimeoutError"), "Timeout after 5000 ms"],
    [errno("ECONNREFUSED"), "Connection refused"],
    [new AggregateError([errno("ECONNREFUSED"), errno("ECONNREFUSED")]), "Connection refused"],
    [errno("ENOTFOUND", { hostname: "api.acme.example" }), "DNS lookup failed for api.acme.example"],
    [errno("EAI_AGAIN", { hostname: "api.acme.example" }), "DNS lookup failed for api.acme.example"],
    [new OutboundBlockedError("10.0.0.5", "a private address"), "Blocked: 10.0.0.5 is a private address"],
    [errno("ECONNRESET"), "Connection closed by the provider before the response"],
    [errno("UND_ERR_SOCKET"), "Connection closed by the provider before the response"],
    [errno("EHOSTUNREACH"), "Host unreachable"],
    [errno("DEPTH_ZERO_SELF_SIGNED_CERT"), "TLS error: DEPTH_ZERO_SELF_SIGNED_CERT"],
    [errno("ERR_TLS_CERT_ALTNAME_INVALID"), "TLS error: ERR_TLS_CERT_ALTNAME_INVALID"],
    [new TooManyRedirectsError(), "Too many redirects (more than 3)"],
    [Object.assign(new Error("fetch failed"), { cause: errno("ECONNREFUSED") }), "Connection refused"],
    [errno("ERR_INVALID_URL"), "Invalid URL (in the request or a provider's redirect)"],
    [errno("UND_ERR_INVALID_ARG"), "Invalid request: a header or the URL contains characters HTTP does not allow"],
    [errno("EWEIRD"), "Network error (EWEIRD)"],
    [new Error("secret internals at /srv/app"), "Network error"],
  ])("%s → %s", (error, reason) => {
    expect(describeTransportError(error, 5000)).toBe(reason);
  });
});

describe("isSafeToRetry", () => {
  it.each([
    [{ status: 429 }, true],
    [{ status: 503 }, true],
    [{ status: 500 }, false],
    [{ status: 502 }, false],
    [{ status: 504 }, false],
    [{ status: 400 }, false],
    [{ error: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }, true],
    [{ error: Object.assign(new Error("x"), { code: "ENOTFOUND" }) }, true],
    [{ error: Object.assign(new Error("x"), { code: "EAI_AGAIN" }) }, true],
    [{ error: new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]) }, true],
    [{ error: new OutboundBlockedError("10.0.0.5", "a private address") }, false],
    [{ error: new HttpTimeoutError(5000) }, false],
    [{ error: Object.assign(new Error("x"), { code: "UND_ERR_HEADERS_TIMEOUT" }) }, false],
    [{ error: Object.assign(new Error("x"), { code: "ECONNRESET" }) }, false],
    [{ error: Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }) }, false],
    [{ error: new Error("unknown") }, false],
  ])("%o → %s", (outcome, expected) => {
    expect(isSafeToRetry(outcome)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");

  it("honours Retry-After in seconds and as an HTTP date", () => {
    expect(retryDelayMs(1, "7", { now })).toBe(7000);
    expect(retryDelayMs(1, "0", { now })).toBe(0);
    expect(retryDelayMs(3, "Tue, 01 Jan 2030 00:00:12 GMT", { now })).toBe(12_000);
    expect(retryDelayMs(1, "Mon, 31 Dec 2029 23:00:00 GMT", { now })).toBe(0); // already past
  });

  it("caps a long Retry-After", () => {
    expect(retryDelayMs(1, "3600", { now })).toBe(RETRY_MAX_DELAY_MS);
  });

  it("falls back to exponential backoff with jitter when Retry-After is absent or unreadable", () => {
    expect(retryDelayMs(1, undefined, { random: () => 0 })).toBe(500);
    expect(retryDelayMs(1, undefined, { random: () => 1 })).toBe(1000);
    expect(retryDelayMs(2, null, { random: () => 0 })).toBe(1000);
    expect(retryDelayMs(4, "soon", { random: () => 1 })).toBe(8000);
  });

  it("caps the backoff", () => {
    expect(retryDelayMs(30, undefined, { random: () => 1 })).toBe(RETRY_MAX_DELAY_MS);
    expect(retryDelayMs(30, undefined, { random: () => 0 })).toBe(RETRY_MAX_DELAY_MS / 2);
  });

  it("spreads retries that fail together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(5)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(8000);
  });

  it("parseRetryAfter ignores nonsense", () => {
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
    expect(parseRetryAfter("tomorrow", now)).toBeNull();
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
  });
});

describe("accepted check on text replies", () => {
  const gupshup = responseSchema.parse({
    sentId: { from: "regex", pattern: "^success \\| \\S+ \\| (\\S+)" },
    accepted: { pattern: "^success \\|" },
  });

  it("accepts a matching text reply and takes the id from it", () => {
    expect(classifyResponse({ status: 200, headers: {}, body: "success | 919999999999 | 3562707498794989059-328736121207676738" }, gupshup)).toEqual({
      accepted: true,
      sentId: "3562707498794989059-328736121207676738",
      sentIdProblem: null,
    });
  });

  it("fails a 200 whose text says error, with the reply as the reason", () => {
    expect(classifyResponse({ status: 200, headers: {}, body: "error | 105 | Invalid userid" }, gupshup)).toEqual({
      accepted: false,
      reason: "Provider rejected: error | 105 | Invalid userid",
    });
  });
});
