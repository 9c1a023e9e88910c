// The generic provider shapes: sends to /json/send, /form/send, /get/send and /xml/send in whatever
// shape a custom connector uses, found by field name; replies in JSON, text or XML; reports in the
// generic formats (json, json-array, form, get, xml, text).
import type { EmulatedRoute, IdSource, OutgoingReport, ProviderEmulation, ReportParts, SendRequest } from "@/lib/providers/emulation";
import {
  bearerToken,
  callbackTarget,
  compact,
  digitsOnly,
  escapeXml,
  field,
  firstScalar,
  getReport,
  header,
  isRecord,
  jsonReply,
  numericPairId,
  params,
  plainFields,
  postForm,
  postJson,
  scalar,
  textReply,
} from "@/lib/providers/emulation-kit";
import type { GenericDlrFormat } from "./types";

const RECIPIENT_KEYS = new Set(["to", "destination", "recipient", "recipients", "phone", "phonenumber", "msisdn", "number", "sendto", "mobile", "mobilenumber", "dest", "destaddr"]);
const TEXT_KEYS = new Set(["message", "text", "body", "msg", "content", "sms"]);
const SENDER_KEYS = new Set(["from", "sender", "senderid", "source", "mask", "originator"]);
const REFERENCE_KEYS = new Set(["clientreference", "reference", "ref", "messageid", "externalid"]);
export const CALLBACK_KEYS = ["callbackurl", "dlrurl", "statuscallback", "callback", "notifyurl", "deliveryreporturl", "webhookurl", "statusurl", "dlr"];
// The search is breadth first (shallow keys win) and bounded so a hostile body cannot make it slow.
const MAX_SEARCH_DEPTH = 5;
const MAX_SEARCH_NODES = 200;

export function normalizeKey(key: string): string {
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

function findInRequest<T>(send: SendRequest, keys: ReadonlySet<string>, accept: (value: unknown) => T | null): T | null {
  return findField(send.body, keys, accept) ?? findField(send.query, keys, accept);
}

/** Any method: connectors may send with GET, POST or DELETE. */
export const GENERIC_ROUTES = [
  { name: "json", methods: null, path: "/json/send", pattern: /^\/json\/send\/?$/, bodyFallback: "json" },
  { name: "form", methods: null, path: "/form/send", pattern: /^\/form\/send\/?$/, bodyFallback: "form" },
  { name: "get", methods: null, path: "/get/send", pattern: /^\/get\/send\/?$/, bodyFallback: "text" },
  { name: "xml", methods: null, path: "/xml/send", pattern: /^\/xml\/send\/?$/, bodyFallback: "xml" },
] as const satisfies ReadonlyArray<EmulatedRoute & { name: string }>;

/** `callbackKeys`: normalized field names that carry a callback URL (CALLBACK_KEYS plus the callbackFields option). */
export function genericEmulation(callbackKeys: ReadonlySet<string>): ProviderEmulation {
  return {
    routes: GENERIC_ROUTES,
    reports: null,
    errors: {
      unauthorized: { status: 401, code: "unauthorized", message: "bad key" },
      rejected: { status: 200, code: "insufficient_credit", message: "Insufficient credit" },
      "rate-limit": { status: 429, code: "rate_limited", message: "rate limit exceeded" },
      unavailable: { status: 503, code: "unavailable", message: "service unavailable" },
    },
    authorized(send, apiKey) {
      return bearerToken(send.headers) === apiKey || header(send.headers, "x-api-key") === apiKey || field(params(send), "api_key") === apiKey;
    },
    fields(send) {
      return plainFields({
        to: findInRequest(send, RECIPIENT_KEYS, firstScalar),
        from: findInRequest(send, SENDER_KEYS, firstScalar),
        text: findInRequest(send, TEXT_KEYS, (value) => (typeof value === "string" ? value : null)),
        reference: findInRequest(send, REFERENCE_KEYS, scalar),
        callback: findInRequest(send, callbackKeys, callbackTarget),
      });
    },
    invalid: () => null, // lenient on purpose: any connector shape gets through and is recorded
    newId: (ids: IdSource, style) => (style === "text" ? numericPairId(ids) : `fake-${ids.hex}-${ids.next()}`),
    accepted(id, fields, _send, style) {
      if (style === "text") return textReply(200, `success | ${digitsOnly(fields.to)} | ${id}`);
      if (style === "xml") {
        const to = escapeXml(fields.to ?? "");
        return textReply(200, `<?xml version="1.0" encoding="UTF-8"?>\n<response><status>OK</status><message><id>${escapeXml(id)}</id><to>${to}</to></message></response>`, "application/xml");
      }
      return jsonReply(201, { data: { messages: [{ id, to: fields.to, status: "accepted" }] } });
    },
    renderError: (spec) => (spec.status === 200 ? jsonReply(200, { status: "error", message: spec.message }) : jsonReply(spec.status, { error: spec.message })),
  };
}

function reportFields(parts: ReportParts): Record<string, string | number> {
  return compact({ messageId: parts.messageId, status: parts.status, reason: parts.reason, to: parts.recipient, timestamp: new Date().toISOString() });
}

export function buildGenericReport(format: GenericDlrFormat, url: string, parts: ReportParts): OutgoingReport {
  switch (format) {
    case "json":
      return postJson(url, reportFields(parts));
    case "json-array":
      return postJson(url, [reportFields(parts)]);
    case "form":
      return postForm(url, reportFields(parts));
    case "get":
      return getReport(url, reportFields(parts));
    case "xml": {
      const elements = Object.entries(reportFields(parts)).map(([key, value]) => `<${key}>${escapeXml(String(value))}</${key}>`);
      return { method: "POST", url, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<DeliveryReport>${elements.join("")}</DeliveryReport>` };
    }
    case "text": {
      // SMPP-receipt-like key:value line; the reason goes last because it may contain spaces.
      const { messageId, status, reason, recipient } = parts;
      const line = [`id:${messageId}`, `stat:${status}`, recipient ? `to:${recipient}` : null, `err:${reason ?? "000"}`].filter(Boolean).join(" ");
      return { method: "POST", url, headers: { "content-type": "text/plain; charset=utf-8" }, body: line };
    }
  }
}
