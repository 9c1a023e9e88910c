// Turns one raw delivery-report callback (GET query, JSON, form, XML or plain text) into report objects.
//
// Rules:
// - GET and HEAD: the query string is the report; a body is ignored. Any other method with a blank body
//   reads the query string the same way. No data at all gives no reports (a provider's "is this URL
//   alive" ping is not malformed).
// - A body is read by what it looks like, because providers mislabel it: first non-blank character "{"
//   or "[" → JSON, "<" → XML, whatever the content type says. Invalid JSON or XML is malformed, except
//   when the content type is text/plain: then the body is plain text.
// - Other bodies: form content type → form; anything else → plain text, which is read as
//   `key=value&…` when every piece has that shape (format "form"), as `key=value` lines, as an SMPP
//   receipt (`id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`), or else kept whole
//   as `{ text }` (format "text").
// - JSON: an object is one report; an array is one report per element, and every element must be an
//   object (one stray element rejects the whole call: a half-applied batch is harder to reason about
//   than a 400 the provider can see). An object that wraps a list, like `{"results":[…]}`, stays ONE
//   report with paths such as `results[0].status`: only a top-level array is a batch.
//   Integers beyond 2^53 are kept as their digit strings, so long numeric ids keep every digit.
// - XML: attributes are kept with the prefix "@_", an element's text beside attributes is "#text", values
//   stay strings ("000" keeps its zeros), namespace prefixes are kept. Only the five predefined entities
//   and numeric character references are decoded; DOCTYPE entities are never expanded (no entity bombs)
//   and a DOCTYPE declaring an external entity is rejected (nothing is ever fetched). Sloppy markup such
//   as a raw "&" is accepted. One document is one report, except when the root element holds one
//   repeated child element: then each occurrence is a report, made of the whole document with the list
//   replaced by that one element, so a batch of one and a batch of many give the same paths
//   (`DeliveryReports.report.@_id` in both). Lists deeper down stay in one report.
// - Form and query: repeated keys become arrays in order; `+` is a space; keys are kept literally
//   (`a[b]` is a key, not nesting); an empty key is dropped.
// - Query parameters of a POST are added to every report that lacks that top-level key (some providers
//   put the message id in the callback URL); the body wins on a clash.
// - Limits: at most MAX_REPORTS_PER_CALLBACK reports and MAX_REPORT_DEPTH levels of nesting per report.
//   The body size is capped by the caller before this runs.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { BadRequestError } from "@/lib/errors";

export const CALLBACK_FORMATS = ["json", "form", "xml", "text", "query"] as const;
export type CallbackFormat = (typeof CALLBACK_FORMATS)[number];

export type DeliveryReport = Record<string, unknown>;

export interface CallbackRequest {
  method: string;
  /** The Content-Type header as received; null or empty when missing. */
  contentType?: string | null;
  /** The raw query string, with or without the leading "?". */
  query: string;
  body: string;
}

export interface ParsedCallback {
  /** How the data was read: the body's syntax, or "query" when the report came from the URL. */
  format: CallbackFormat;
  reports: DeliveryReport[];
}

export const MAX_REPORTS_PER_CALLBACK = 1000;
/** Levels of objects and arrays in one report; real reports use two or three. */
export const MAX_REPORT_DEPTH = 32;

/** A callback whose body cannot be read. The message says why and is safe to show. */
export class MalformedCallbackError extends BadRequestError {
  readonly reason: string;

  constructor(reason: string) {
    const capped = reason.length > 300 ? `${reason.slice(0, 299)}…` : reason;
    super(capped);
    this.reason = capped;
  }
}

export function parseCallback(request: CallbackRequest): ParsedCallback {
  const method = request.method.toUpperCase();
  const query = parseForm(request.query.replace(/^\?/, ""));
  const body = request.body.replace(/^\uFEFF/, "").trim();

  if (method === "GET" || method === "HEAD" || body === "") {
    return { format: "query", reports: Object.keys(query).length > 0 ? [query] : [] };
  }

  const { format, reports } = parseBody(body, declaredKind(request.contentType));
  if (reports.length > MAX_REPORTS_PER_CALLBACK) {
    throw new MalformedCallbackError(
      `Too many reports in one callback: ${reports.length} (at most ${MAX_REPORTS_PER_CALLBACK})`,
    );
  }
  reports.forEach((report, index) => {
    if (nestsDeeperThan(report, MAX_REPORT_DEPTH)) {
      const which = reports.length > 1 ? `Report ${index}` : "The report";
      throw new MalformedCallbackError(`${which} is nested deeper than ${MAX_REPORT_DEPTH} levels`);
    }
  });
  return { format, reports: reports.map((report) => withQuery(report, query)) };
}

type DeclaredKind = "json" | "form" | "xml" | "text" | "unknown";

function declaredKind(contentType: string | null | undefined): DeclaredKind {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type === "text/json" || type.endsWith("+json")) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  if (type === "text/plain") return "text";
  return "unknown";
}

function parseBody(body: string, declared: DeclaredKind): ParsedCallback {
  const first = body[0];
  if (first === "{" || first === "[") {
    const parsed = tryParseJson(body);
    if (parsed.ok) return { format: "json", reports: jsonReports(parsed.value) };
    if (declared !== "text") throw new MalformedCallbackError(`Invalid JSON: ${parsed.error}`);
  } else if (first === "<") {
    const parsed = tryParseXml(body);
    if (parsed.ok) return { format: "xml", reports: xmlReports(parsed.value) };
    if (declared !== "text") throw new MalformedCallbackError(`Invalid XML: ${parsed.error}`);
  } else if (declared === "form") {
    return { format: "form", reports: [parseForm(body)] };
  }
  return parseText(body);
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────────

function tryParseJson(body: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(protectBigIntegers(body)) };
  } catch (error) {
    // V8 quotes the whole body in some messages ("…, "<body>" is not valid JSON"): keep the reason only.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.replace(/, ".*" is not valid JSON$/s, "") };
  }
}

function jsonReports(value: unknown): DeliveryReport[] {
  if (!Array.isArray(value)) return [value as DeliveryReport];
  if (value.length > MAX_REPORTS_PER_CALLBACK) return value as DeliveryReport[]; // rejected by the caller
  value.forEach((element, index) => {
    if (!isRecord(element)) {
      throw new MalformedCallbackError(
        `Element [${index}] of the JSON array is ${describeJson(element)}, not a report object`,
      );
    }
  });
  return value as DeliveryReport[];
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * Quotes integer literals that a JS number cannot hold exactly (outside strings), so a 19-digit
 * message id survives JSON.parse digit for digit.
 */
export function protectBigIntegers(json: string): string {
  if (!/\d{16}/.test(json)) return json;
  let out = "";
  let copied = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) {
      inString = true;
      continue;
    }
    if (code !== 0x2d && !isDigit(code)) continue;
    let end = code === 0x2d ? i + 1 : i;
    while (end < json.length && isDigit(json.charCodeAt(end))) end++;
    if (/[.eE]/.test(json[end] ?? "")) {
      while (end < json.length && /[0-9.eE+-]/.test(json[end])) end++;
    } else {
      const literal = json.slice(i, end);
      if (/\d{16}/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${json.slice(copied, i)}"${literal}"`;
        copied = end;
      }
    }
    i = end - 1;
  }
  return out + json.slice(copied);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// ── XML ──────────────────────────────────────────────────────────────────────────────────────────────

const XML_NAME = /^[\p{L}_:][\p{L}\p{N}_.:-]*$/u;
const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** One pass, so "&amp;lt;" becomes "&lt;" and never "<"; unknown entities stay as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (match, dec, hex, name) => {
    if (name) return XML_ENTITIES[name];
    const code = dec ? Number(dec) : parseInt(hex, 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : match;
  });
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  allowBooleanAttributes: true,
  // Entities are decoded by decodeXmlEntities below: the parser's own processing expands DOCTYPE entities.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_REPORT_DEPTH,
  tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
  attributeValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
});

function tryParseXml(body: string): { ok: true; value: DeliveryReport } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = xmlParser.parse(body);
  } catch (error) {
    // The validator explains a broken document better than the parser's internal message.
    const validation = XMLValidator.validate(body);
    if (validation !== true) {
      const { msg, line, col } = validation.err;
      return { ok: false, error: `${msg} (line ${line}, column ${col})` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message === "Maximum nested tags exceeded" ? `nested deeper than ${MAX_REPORT_DEPTH} levels` : message };
  }
  // The parser is lenient: "<<x>>" comes back as an element named "<x". Require real element names.
  if (!isRecord(value) || Object.keys(value).length === 0 || !Object.keys(value).every((name) => XML_NAME.test(name))) {
    return { ok: false, error: "no element found" };
  }
  return { ok: true, value: attributesFirst(value) as DeliveryReport };
}

/** The parser lists attributes after child elements; put them back where the document has them. */
function attributesFirst(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(attributesFirst);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const ordered: DeliveryReport = {};
  for (const key of [...keys.filter((k) => k.startsWith("@_")), ...keys.filter((k) => !k.startsWith("@_"))]) {
    setOwn(ordered, key, attributesFirst(value[key]));
  }
  return ordered;
}

function xmlReports(document: DeliveryReport): DeliveryReport[] {
  const roots = Object.keys(document);
  if (roots.length !== 1) return [document];
  const [rootName] = roots;
  const root = document[rootName];
  if (!isRecord(root)) return [document];

  const lists = Object.keys(root).filter((key) => {
    const value = root[key];
    return Array.isArray(value) && value.length > 1 && value.every(isRecord);
  });
  if (lists.length !== 1) return [document];

  const [listName] = lists;
  return (root[listName] as DeliveryReport[]).map((element) => {
    const single: DeliveryReport = {};
    for (const key of Object.keys(root)) setOwn(single, key, key === listName ? element : root[key]);
    const report: DeliveryReport = {};
    setOwn(report, rootName, single);
    return report;
  });
}

// ── Form, query and text ─────────────────────────────────────────────────────────────────────────────

function parseForm(text: string): DeliveryReport {
  const report: DeliveryReport = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === "") continue;
    if (!Object.hasOwn(report, key)) setOwn(report, key, value);
    else if (Array.isArray(report[key])) (report[key] as string[]).push(value);
    else setOwn(report, key, [report[key], value]);
  }
  return report;
}

const FORM_PIECE = /^[^=\s&]+=[^\r\n]*$/;
const KEY_VALUE_LINE = /^([^=\s]+)\s*=(.*)$/;
const SMPP_KEYS = /(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err|text):/gi;

function parseText(body: string): ParsedCallback {
  const pieces = body.split("&").filter((piece) => piece !== "");
  if (pieces.length > 0 && pieces.every((piece) => FORM_PIECE.test(piece))) {
    return { format: "form", reports: [parseForm(body)] };
  }

  const lines = body.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  if (lines.length > 1 && lines.every((line) => KEY_VALUE_LINE.test(line))) {
    const report: DeliveryReport = {};
    for (const line of lines) {
      const [, key, value] = KEY_VALUE_LINE.exec(line)!;
      if (!Object.hasOwn(report, key)) setOwn(report, key, value.trim());
    }
    return { format: "text", reports: [report] };
  }

  const receipt = parseSmppReceipt(body);
  if (receipt) return { format: "text", reports: [receipt] };
  return { format: "text", reports: [{ text: body }] };
}

/** The SMPP delivery receipt text that many aggregators forward as is. */
function parseSmppReceipt(body: string): DeliveryReport | null {
  const matches = [...body.matchAll(SMPP_KEYS)];
  const names = matches.map((match) => match[1].toLowerCase());
  if (!names.includes("id") || !names.includes("stat")) return null;

  const report: DeliveryReport = {};
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index];
    const key = match[1];
    const start = match.index + match[0].length;
    // The message excerpt comes last and may itself contain "stat:": it runs to the end.
    const isText = key.toLowerCase() === "text";
    const end = isText || index === matches.length - 1 ? body.length : matches[index + 1].index;
    if (!Object.hasOwn(report, key)) setOwn(report, key, body.slice(start, end).trim());
    if (isText) break;
  }
  return report;
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────

function withQuery(report: DeliveryReport, query: DeliveryReport): DeliveryReport {
  for (const key of Object.keys(query)) {
    if (!Object.hasOwn(report, key)) setOwn(report, key, query[key]);
  }
  return report;
}

/** Plain assignment of "__proto__" would change the object's prototype instead of adding a field. */
function setOwn(target: DeliveryReport, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (levels === 0) return true;
  for (const child of Object.values(value)) {
    if (nestsDeeperThan(child, levels - 1)) return true;
  }
  return false;
}

function isRecord(value: unknown): value is DeliveryReport {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
