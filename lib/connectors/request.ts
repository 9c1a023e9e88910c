// Turns a connector's request configuration and one message into the exact HTTP request to send,
// plus a twin with secrets masked for the request inspector.
import { XMLValidator } from "fast-xml-parser";
import { AppError, type FieldIssue } from "@/lib/errors";
import { SECRET_MASK, type ConnectorRequest, type JsonRow, type KeyValueRow } from "./schema";
import {
  PersonalizationError,
  escapeFor,
  renderSample,
  renderTemplate,
  validateTemplate,
  type TemplateContext,
  type TemplateVariables,
} from "./template";
import { hasNoHost } from "./url-problem";

/** The connector's configuration cannot make a request at all (not a problem of one message's values). */
export class ConnectorConfigError extends AppError {
  constructor(message: string) {
    super("validation_failed", 422, message);
  }
}

export interface BuiltRequest {
  method: ConnectorRequest["method"];
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface BuiltRequests {
  /** What goes on the wire. */
  request: BuiltRequest;
  /** The same with every secret value replaced by the mask, wherever it appears. */
  masked: BuiltRequest;
  /** Masks the same secrets in any other text, e.g. a provider response that echoes a key back. */
  mask: (text: string) => string;
}

/** Paths such as `to[999999999]` would otherwise build a gigabyte of nulls. */
const MAX_JSON_INDEX = 999;

/**
 * Builds the request. `secrets` are further values to mask in the inspector copy, beyond the rows
 * marked secret (e.g. credentials a native connector puts in the URL path).
 */
export function buildRequest(
  config: { request: ConnectorRequest },
  vars: TemplateVariables,
  secrets: readonly string[] = [],
): BuiltRequests {
  const { request: spec } = config;
  const render = (template: string, context: TemplateContext) => renderTemplate(template, vars, context);

  const params = spec.params.map((row) => ({ ...row, value: render(row.value, "form") }));
  const headerRows = spec.headers.map((row) => ({ ...row, value: renderHeaderValue(row, render) }));
  const body = buildBody(spec.body, render);

  const headers = mergeHeaders(headerRows);
  if (body && !hasHeader(headers, "content-type")) headers["Content-Type"] = body.contentType;
  const authSecrets = applyAuth(spec.auth, headers, vars.oauthToken);

  const request: BuiltRequest = {
    method: spec.method,
    url: buildUrl(render(spec.url, "url"), params),
    headers,
    body: body?.text ?? null,
  };

  const secretRows = [...params, ...headerRows, ...(body?.rows ?? [])].filter((row) => row.secret);
  const mask = secretMasker([...secretRows.map((row) => row.value), ...authSecrets, ...secrets]);
  return { request, masked: maskRequest(request, mask), mask };
}

/**
 * Basic credentials, or the OAuth token as `Authorization: Bearer …`, replacing any Authorization row (the
 * authentication block is the more specific setting). Returns the values the inspector copy must mask.
 */
function applyAuth(auth: ConnectorRequest["auth"] | undefined, headers: Record<string, string>, oauthToken: string | undefined): string[] {
  if (!auth || auth.type === "none") return [];
  if (auth.type === "basic") {
    const credentials = Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64");
    setHeader(headers, "Authorization", `Basic ${credentials}`);
    return [credentials, auth.password];
  }
  if (oauthToken === undefined) throw new Error("An OAuth 2.0 connector's request needs its access token");
  if (auth.placement === "header") setHeader(headers, "Authorization", `Bearer ${oauthToken}`);
  return [oauthToken];
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  headers[name] = value;
}

/** The escaping a raw body's placeholders get, from its content type. */
export function contextForContentType(contentType: string): TemplateContext {
  const type = contentType.toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("xml")) return "xml";
  if (type.includes("x-www-form-urlencoded")) return "url";
  return "text";
}

/**
 * Problems with the request's templates, for the connector form: syntax errors, unknown variables,
 * and a raw JSON or XML body that does not parse once sample values are filled in.
 */
export function validateRequestTemplates(spec: ConnectorRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: string, template: string) => {
    const problem = validateTemplate(template);
    if (problem) issues.push({ field, message: problem });
    return !problem;
  };
  check("request.url", spec.url);
  spec.params.forEach((row, i) => check(`request.params.${i}.value`, row.value));
  spec.headers.forEach((row, i) => check(`request.headers.${i}.value`, row.value));
  if (spec.body.type === "form" || spec.body.type === "json") {
    spec.body.fields.forEach((row, i) => check(`request.body.fields.${i}.value`, row.value));
  }
  if (spec.body.type === "raw" && check("request.body.content", spec.body.content)) {
    const context = contextForContentType(spec.body.contentType);
    try {
      assertWellFormed(renderSample(spec.body.content, context), context);
    } catch (error) {
      if (!(error instanceof PersonalizationError)) throw error;
      issues.push({ field: "request.body.content", message: error.message.replace(/^Personalization failed: /, "") });
    }
  }
  return issues;
}

type Render = (template: string, context: TemplateContext) => string;

function renderHeaderValue(row: KeyValueRow, render: Render): string {
  const value = render(row.value, "header").trim();
  // Values are cleaned while rendering; CR or LF here was typed into the template itself.
  if (/[\r\n\0]/.test(value)) throw new PersonalizationError(`header ${row.key} contains a line break`);
  // HTTP carries header values as Latin-1; undici would refuse the request with a vaguer error.
  const unsendable = /[^\t\x20-\x7e\x80-\xff]/u.exec(value);
  if (unsendable) {
    throw new PersonalizationError(`header ${row.key} cannot carry "${unsendable[0]}"; use | url_encode or | base64 on its value`);
  }
  return value;
}

/** Appends the params to the URL's own query, leaving what the URL already had untouched. */
function buildUrl(rendered: string, params: KeyValueRow[]): string {
  // `https:///v2/send` would otherwise parse with "v2" as its host and go somewhere nobody chose.
  if (hasNoHost(rendered)) throw new ConnectorConfigError("The API URL has no host: fill it in and save the connector");
  let url: URL;
  try {
    url = new URL(rendered);
  } catch {
    throw new PersonalizationError("the API URL is not a valid URL once placeholders are filled in");
  }
  if (params.length === 0) return url.toString();
  const query = new URLSearchParams(params.map((row) => [row.key, row.value])).toString();
  url.search = url.search ? `${url.search}&${query}` : query;
  return url.toString();
}

/** Header rows under one name (any case) are joined with ", ", as HTTP defines for repeated headers. */
function mergeHeaders(rows: KeyValueRow[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows) {
    const existing = Object.keys(headers).find((name) => name.toLowerCase() === row.key.toLowerCase());
    if (existing) headers[existing] = `${headers[existing]}, ${row.value}`;
    else headers[row.key] = row.value;
  }
  return headers;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

interface Body {
  text: string;
  contentType: string;
  /** Form and JSON rows with their rendered values, for masking. */
  rows: KeyValueRow[];
}

function buildBody(body: ConnectorRequest["body"], render: Render): Body | null {
  switch (body.type) {
    case "none":
      return null;
    case "form": {
      const rows = body.fields.map((row) => ({ ...row, value: render(row.value, "form") }));
      const text = new URLSearchParams(rows.map((row) => [row.key, row.value])).toString();
      return { text, contentType: "application/x-www-form-urlencoded", rows };
    }
    case "json": {
      const rows = body.fields.map((row) => ({ ...row, value: render(row.value, "text") }));
      return { text: JSON.stringify(buildJsonObject(rows)), contentType: "application/json", rows };
    }
    case "raw": {
      const context = contextForContentType(body.contentType);
      const text = render(body.content, context);
      assertWellFormed(text, context);
      return { text, contentType: body.contentType, rows: [] };
    }
  }
}

function assertWellFormed(text: string, context: TemplateContext): void {
  if (context === "json") {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new PersonalizationError(`the body is not valid JSON (${(error as Error).message})`);
    }
  } else if (context === "xml") {
    const result = XMLValidator.validate(text);
    if (result !== true) throw new PersonalizationError(`the body is not valid XML (${result.err.msg}, line ${result.err.line})`);
  }
}

type JsonContainer = Record<string, unknown> | unknown[];

/** Builds `{ "to": ["+46…"], "message": { "text": "…" } }` from rendered rows keyed `to[0]` and `message.text`. */
export function buildJsonObject(rows: JsonRow[]): Record<string, unknown> {
  // No prototype, so a row keyed `__proto__` is just a field and cannot reach Object.prototype.
  const root: Record<string, unknown> = Object.create(null);
  for (const row of rows) setPath(root, parseJsonPath(row.key), convertValue(row), row.key);
  return root;
}

/** `items[0].id` → ["items", 0, "id"]; also reads response paths such as `[0].id`. */
export function parseJsonPath(path: string): (string | number)[] {
  return remembered(jsonPaths, path, () => Array.from(path.matchAll(/([^.[\]]+)|\[(\d+)\]/g), (match) => (match[2] === undefined ? match[1] : Number(match[2]))));
}

// A connector's paths and secrets are the same for every message it sends: worked out once, not per message.
const jsonPaths = new Map<string, (string | number)[]>();
const maskers = new Map<string, (text: string) => string>();

function remembered<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(key, (value = make()));
  }
  return value;
}

function setPath(root: JsonContainer, segments: (string | number)[], value: unknown, key: string): void {
  let container: JsonContainer = root;
  segments.forEach((segment, i) => {
    if (typeof segment === "number" && segment > MAX_JSON_INDEX) {
      throw new PersonalizationError(`JSON field ${key}: index ${segment} is above ${MAX_JSON_INDEX}`);
    }
    const last = i === segments.length - 1;
    const slots = container as Record<string | number, unknown>;
    const current = slots[segment];
    if (last) {
      if (current !== undefined) throw new PersonalizationError(`JSON field ${key} is set twice`);
      slots[segment] = value;
      return;
    }
    const wantArray = typeof segments[i + 1] === "number";
    if (current === undefined) {
      slots[segment] = wantArray ? [] : Object.create(null);
    } else if (!isContainer(current) || Array.isArray(current) !== wantArray) {
      throw new PersonalizationError(`JSON field ${key} conflicts with another field at ${segments.slice(0, i + 1).join(".")}`);
    }
    container = slots[segment] as JsonContainer;
  });
}

function isContainer(value: unknown): value is JsonContainer {
  return typeof value === "object" && value !== null;
}

function convertValue(row: JsonRow): string | number | boolean {
  const text = row.value;
  switch (row.valueType) {
    case "string":
      return text;
    case "number": {
      const number = text.trim() === "" ? NaN : Number(text);
      if (!Number.isFinite(number)) throw new PersonalizationError(`JSON field ${row.key} must be a number, got "${clip(text)}"`);
      return number;
    }
    case "boolean": {
      const word = text.trim().toLowerCase();
      if (word === "true" || word === "1") return true;
      if (word === "false" || word === "0") return false;
      throw new PersonalizationError(`JSON field ${row.key} must be true or false, got "${clip(text)}"`);
    }
  }
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Masks the connector's secret values as they are written in its configuration (before rendering), for
 * text produced when a request could not even be built — a personalization error that quotes a value.
 */
export function configuredSecretMasker(spec: ConnectorRequest, secrets: readonly string[] = []): (text: string) => string {
  const rows = [...spec.params, ...spec.headers, ...(spec.body.type === "form" || spec.body.type === "json" ? spec.body.fields : [])];
  const auth = spec.auth;
  const authSecrets = auth?.type === "basic" ? [auth.password] : auth?.type === "oauth2" ? [auth.clientSecret] : [];
  return secretMasker([...rows.filter((row) => row.secret).map((row) => row.value), ...authSecrets, ...secrets]);
}

/** Masks these values, in every spelling they take in a URL, header or body. */
export function maskerFor(secrets: readonly string[]): (text: string) => string {
  return secretMasker(secrets);
}

/** Replaces each secret in every spelling it can take in a URL, header or body. */
function secretMasker(secrets: readonly string[]): (text: string) => string {
  return remembered(maskers, JSON.stringify(secrets), () => makeSecretMasker(secrets));
}

function makeSecretMasker(secrets: readonly string[]): (text: string) => string {
  // "Bearer abc" is secret as a whole, and so is "abc" wherever it turns up alone.
  const credentials = secrets.map((s) => /^(?:Bearer|Basic|Token)\s+(\S.*)$/i.exec(s)?.[1]).filter((c) => c !== undefined);
  const spellings = [...new Set([...secrets, ...credentials].filter((s) => s.length > 0).flatMap(spellingsOf))]
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    // Most texts hold no secret: looking costs no allocation, replacing does.
    for (const secret of spellings) if (out.includes(secret)) out = out.split(secret).join(SECRET_MASK);
    return out;
  };
}

function maskRequest(request: BuiltRequest, mask: (text: string) => string): BuiltRequest {
  return {
    method: request.method,
    url: mask(request.url),
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, mask(value)])),
    body: request.body === null ? null : mask(request.body),
  };
}

function spellingsOf(secret: string): string[] {
  return [
    secret,
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(secret),
    escapeFor("json", secret),
    escapeFor("xml", secret),
  ];
}
