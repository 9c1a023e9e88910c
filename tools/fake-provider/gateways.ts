// Gateways a custom connector talks to that are not native providers of Switchboard:
//
// Kannel 1.4 (the open-source SMS gateway), its sendsms interface: GET or POST /cgi-bin/sendsms with username,
// password, from, to, text, coding, charset, dlr-mask and dlr-url. It answers `202 0: Accepted for delivery` as
// text and gives no message id: its delivery reports are GET requests to the dlr-url with Kannel's escape codes
// filled in — %d the DLR type (1 delivered, 2 failed, 4 buffered, 8 submitted to the SMSC, 16 rejected by it),
// %A the SMSC's answer (for 1 and 2 an SMPP receipt "id:… sub:001 dlvrd:… submit date:… done date:… stat:…
// err:… text:…"), %p the recipient, %P the sender, %t and %T the time, %I Kannel's own id. Anything else the
// connector put in the dlr-url (its own reference) comes back as it was sent.
//
// Scripted routes: a provider shape given as data — a path, the reply with {{id}}, {{to}} and {{reference}}, and
// the report with {{id}}, {{status}}, {{reason}}, {{to}} and {{reference}} — so a connector template can be run
// against the provider's documented reply and report without an emulation written for it.
import type { EmulatedRoute, OutgoingReport, ProviderEmulation, ReportParts, SendRequest } from "@/lib/providers/emulation";
import { callbackTarget, escapeXml, field, isRecord, params, plainFields, scalar, textReply, uuidId } from "@/lib/providers/emulation-kit";
import { normalizeKey } from "./generic";
import type { ScriptedRoute } from "./types";

export type { ScriptedRoute } from "./types";

// ── Kannel ──

export const KANNEL_REPORT_FORMAT = "kannel";

/** Status words the fake's callers use, as Kannel's DLR types; a number is taken as the type itself. */
const KANNEL_TYPES: Record<string, number> = { delivered: 1, undelivered: 2, failed: 2, buffered: 4, submitted: 8, accepted: 8, rejected: 16 };

export function kannelType(status: string): number {
  if (/^\d{1,2}$/.test(status)) return Number(status);
  return KANNEL_TYPES[status.toLowerCase()] ?? 2;
}

export const kannelEmulation: ProviderEmulation = {
  routes: [{ methods: ["GET", "POST"], path: "/cgi-bin/sendsms", pattern: /^\/cgi-bin\/sendsms\/?$/, bodyFallback: "form" }],
  note: "Kannel 1.4 sendsms: text replies without an id, DLRs to the dlr-url with its escape codes",
  errors: {
    unauthorized: { status: 403, code: 403, message: "Authorization failed for sendsms" },
    rejected: { status: 400, code: 400, message: "Missing receiver number, rejected" },
    "rate-limit": { status: 503, code: 503, message: "Message queue full, retry later" },
    unavailable: { status: 503, code: 503, message: "Gateway is shutting down, rejected" },
  },
  reports: { format: KANNEL_REPORT_FORMAT, intermediate: ["submitted"], success: "delivered", failure: "undelivered", failureReason: "034" },
  reportFormats: { [KANNEL_REPORT_FORMAT]: kannelReport },
  authorized(send, apiKey) {
    return field(params(send), "password") === apiKey;
  },
  fields(send) {
    const all = params(send);
    const dlrUrl = field(all, "dlr-url");
    return plainFields({
      to: field(all, "to"),
      from: field(all, "from"),
      text: field(all, "text"),
      callback: dlrUrl ? callbackTarget(dlrUrl) : null,
      // dlr-mask 0 (or none) asks for no reports.
      wantsReports: (Number(field(all, "dlr-mask") ?? 0) & 31) !== 0,
    });
  },
  invalid: (fields) => (fields.to ? null : {}),
  newId: (ids) => uuidId(ids),
  accepted: () => textReply(202, "0: Accepted for delivery"),
  renderError: (spec) => textReply(spec.status, String(spec.message)),
};

/** The SMSC's answer Kannel hands over as %A. */
export function kannelAnswer(type: number, parts: Pick<ReportParts, "messageId" | "reason">, now = new Date()): string {
  if (type === 8) return "ACK/";
  if (type === 16) return `NACK/0x0000000b/${parts.reason ?? "Invalid Destination Address"}`;
  if (type === 4) return "";
  const stamp = smppDate(now);
  const delivered = type === 1;
  const err = delivered ? "000" : (parts.reason ?? "000");
  return `id:${parts.messageId} sub:001 dlvrd:${delivered ? "001" : "000"} submit date:${stamp} done date:${stamp} stat:${delivered ? "DELIVRD" : "UNDELIV"} err:${err} text:`;
}

function kannelReport(url: string, parts: ReportParts): OutgoingReport {
  const type = kannelType(parts.status);
  const now = new Date();
  const values: Record<string, string> = {
    d: String(type),
    A: kannelAnswer(type, parts, now),
    p: parts.recipient ?? "",
    P: parts.message?.from ?? "",
    t: now.toISOString().slice(0, 19).replace("T", " "),
    T: String(Math.floor(now.getTime() / 1000)),
    I: parts.messageId,
    i: "fake-smsc",
  };
  // Kannel fills each escape URL-encoded; an escape it does not know is left as it was.
  const filled = url.replace(/%([a-zA-Z])/g, (escape, code: string) => (code in values ? encodeURIComponent(values[code]) : escape));
  return { method: "GET", url: filled, headers: {}, body: null };
}

function smppDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}

// ── Scripted routes ──

const GENERIC_NAMES = {
  to: ["to", "destination", "recipient", "recipients", "msisdn", "phone", "number", "mobile"],
  text: ["text", "message", "body", "content", "msg"],
  reference: ["reference", "clientreference", "ref"],
  callback: ["callbackurl", "dlrurl", "statuscallback", "callback", "notifyurl", "webhookurl", "statusurl"],
};

export function scriptedReportFormat(route: Pick<ScriptedRoute, "path">): string {
  return `scripted:${route.path}`;
}

export function scriptedEmulation(route: ScriptedRoute): ProviderEmulation {
  const names = Object.fromEntries(
    (Object.keys(GENERIC_NAMES) as Array<keyof typeof GENERIC_NAMES>).map((role) => [role, new Set([...(route.fields?.[role] ?? []), ...GENERIC_NAMES[role]].map(normalizeKey))]),
  ) as Record<keyof typeof GENERIC_NAMES, Set<string>>;
  const format = scriptedReportFormat(route);
  const literal = route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    routes: [{ methods: route.methods ?? null, path: route.path, pattern: new RegExp(`^${literal}/?$`), bodyFallback: "json" } satisfies EmulatedRoute],
    note: "scripted: reply and report given as data",
    errors: {
      unauthorized: { status: 401, code: 401, message: "unauthorized" },
      rejected: { status: 400, code: 400, message: "rejected" },
      "rate-limit": { status: 429, code: 429, message: "too many requests" },
      unavailable: { status: 503, code: 503, message: "unavailable" },
    },
    reports: route.report ? { format, intermediate: [], success: "delivered", failure: "undelivered", failureReason: "Absent subscriber" } : null,
    reportFormats: route.report ? { [format]: (url, parts) => scriptedReport(route.report!, url, parts) } : {},
    authorized: () => true,
    fields(send) {
      const find = (role: keyof typeof GENERIC_NAMES) => findScalar(send, names[role]);
      const callback = find("callback");
      return plainFields({ to: find("to"), text: find("text"), reference: find("reference"), callback: callback ? callbackTarget(callback) : null });
    },
    invalid: () => null,
    newId: (ids) => uuidId(ids),
    accepted(id, fields) {
      const contentType = route.reply.contentType;
      return textReply(route.reply.status, fill(route.reply.body, { id, to: fields.to ?? "", reference: fields.reference ?? "" }, escaperFor(contentType)), contentType);
    },
    renderError: (spec) => textReply(spec.status, JSON.stringify({ error: spec.message }), "application/json"),
  };
}

function scriptedReport(report: NonNullable<ScriptedRoute["report"]>, url: string, parts: ReportParts): OutgoingReport {
  const values = { id: parts.messageId, status: parts.status, reason: parts.reason ?? "", to: parts.recipient ?? "", reference: parts.message?.reference ?? "" };
  if (report.method === "GET") {
    const query = fill(report.query ?? "", values, encodeURIComponent);
    return { method: "GET", url: query ? `${url}${url.includes("?") ? "&" : "?"}${query}` : url, headers: {}, body: null };
  }
  const contentType = report.contentType ?? "application/json";
  return { method: "POST", url, headers: { "content-type": contentType }, body: fill(report.body ?? "", values, escaperFor(contentType)) };
}

function escaperFor(contentType: string): (value: string) => string {
  const type = contentType.toLowerCase();
  if (type.includes("json")) return (value) => JSON.stringify(value).slice(1, -1);
  if (type.includes("x-www-form-urlencoded")) return encodeURIComponent;
  if (type.includes("xml")) return escapeXml;
  return (value) => value;
}

function fill(template: string, values: Record<string, string>, escape: (value: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => (name in values ? escape(values[name]) : placeholder));
}

/** The first value under one of `names`, breadth first through the body, then the query. */
function findScalar(send: SendRequest, names: ReadonlySet<string>): string | null {
  for (const root of [send.body, send.query]) {
    let level: unknown[] = [root];
    for (let depth = 0; depth < 6 && level.length; depth++) {
      const next: unknown[] = [];
      for (const node of level) {
        if (Array.isArray(node)) next.push(...node.slice(0, 20));
        else if (isRecord(node)) {
          for (const [key, value] of Object.entries(node)) {
            if (names.has(normalizeKey(key))) {
              const found = Array.isArray(value) ? scalar(value[0]) : scalar(value);
              if (found !== null) return found;
            }
            if (typeof value === "object" && value !== null) next.push(value);
          }
        }
      }
      level = next;
    }
  }
  return null;
}
