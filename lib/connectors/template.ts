// Placeholders in connector params, headers and bodies: liquid templates, escaped for where they land.
import { Liquid, UndefinedVariableError, type Context, type Template } from "liquidjs";
import { AppError } from "@/lib/errors";
import { formatNational, normalizePhone, phoneDigits } from "@/lib/messages/phone";
import { messageShape } from "@/lib/messages/segments";
import { expandMoengageTokens, mentionsMoengageToken } from "./moengage-tokens";

/**
 * Where the rendered text goes, which decides how each output value is escaped:
 * - `json`: a raw JSON body; values become JSON string content (the template writes the quotes),
 *   except a value ending in `| json`, which is already a JSON literal.
 * - `xml`: a raw XML body; values are XML-escaped.
 * - `url`: the API URL or a raw form-encoded body; values are percent-encoded as one component.
 * - `form`: one query or form value; left as is, because the request builder encodes the whole value once.
 * - `header`: a header value; CR and LF in values become spaces so nothing can add a header, other
 *   control characters are dropped.
 * - `text`: as is (JSON body rows, which JSON.stringify escapes later).
 */
export type TemplateContext = "json" | "xml" | "url" | "form" | "header" | "text";

export type AttributeValue = string | number | boolean | null;

export interface TemplateVariables {
  /** Recipient, E.164. */
  destination: string;
  message: string;
  sender?: string;
  senderType?: string;
  /** Switchboard's own message id, for providers that echo a client reference. */
  messageId?: string;
  dlrUrl?: string;
  campaignId?: string;
  dltTemplateId?: string;
  /** Recipient attributes, `{{user.first_name}}`. */
  user?: Record<string, AttributeValue>;
  /** The connector's OAuth 2.0 access token, `{{oauth_token}}`, when its authentication puts it in a placeholder. */
  oauthToken?: string;
}

/** Top-level names a template may use, for help text and validation. */
export const TEMPLATE_VARIABLES = [
  "destination",
  "message",
  "sender",
  "sender_type",
  "message_id",
  "dlr_url",
  "campaign_id",
  "dlt_template_id",
  "encoding",
  "unicode",
  "segments",
  "oauth_token",
  "user",
  "Moesms_destination",
  "Moesms_message",
  "Moesms_dltTemplateId",
  "Moesms_campaignId",
] as const;

export const TEMPLATE_FILTERS = ["e164", "digits", "national", "url_encode", "json", "base64", "upper", "lower", "default"] as const;

export class PersonalizationError extends AppError {
  constructor(reason: string) {
    super("validation_failed", 422, `Personalization failed: ${reason}`);
  }
}

const CACHE_LIMIT = 500;
// Liquid does not know our context; it travels with each render under a key no template can name.
const CONTEXT_KEY = Symbol("templateContext");

const liquid = createLiquid();
const parsed = new Map<string, Template[]>();

/**
 * Renders a connector template. Variable values (message text, attributes) are only ever output,
 * never parsed, so a message containing `{{`, `{%` or `Moesms_message` is sent literally. Bare MoEngage
 * tokens in the template itself (`to` = `Moesms_destination`) render like their `{{…}}` form.
 */
export function renderTemplate(template: string, vars: TemplateVariables, context: TemplateContext): string {
  if (!hasLiquidSyntax(template)) return template;
  // One request renders several templates (URL, headers, fields) with the same variables: one scope for all.
  // The message's shape (encoding, unicode, segments) is worked out only for a template that names it.
  const shaped = SHAPE_VARIABLE.test(template);
  const cache = shaped ? shapedScopes : scopes;
  let scope = cache.get(vars);
  if (!scope) cache.set(vars, (scope = buildScope(vars, shaped)));
  const simple = simpleOutput(template, scope);
  if (simple !== undefined) return escapeFor(context, simple);
  return renderParsed(template, scope, context, true);
}

const scopes = new WeakMap<TemplateVariables, Record<string, unknown>>();
const shapedScopes = new WeakMap<TemplateVariables, Record<string, unknown>>();
const SHAPE_VARIABLE = /\b(encoding|unicode|segments)\b/;
const SIMPLE_OUTPUT = /^\{\{\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\}\}$/;

/**
 * `{{ destination }}` or `{{ user.city }}` alone, naming a value that is there: its text, exactly what Liquid would
 * output, without a render (most fields of most connectors are one variable, and a campaign renders millions).
 * Anything else — filters, tags, a missing value — is left to Liquid.
 */
function simpleOutput(template: string, scope: Record<string, unknown>): string | undefined {
  const match = SIMPLE_OUTPUT.exec(template);
  if (!match || !Object.hasOwn(scope, match[1])) return undefined;
  let value = scope[match[1]];
  if (match[2] !== undefined) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, match[2])) return undefined;
    value = (value as Record<string, unknown>)[match[2]];
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** Null when the template is usable, else a sentence for the form. Catches syntax errors, unknown filters and unknown variables. */
export function validateTemplate(template: string): string | null {
  if (!hasLiquidSyntax(template)) return null;
  try {
    const unknown = liquid.globalVariablesSync(parse(template)).filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name));
    if (unknown.length > 0) return `Unknown variable ${unknown[0]}. Use one of: ${TEMPLATE_VARIABLES.join(", ")}`;
    return null;
  } catch (error) {
    return errorReason(error);
  }
}

/** Values shaped like a real send, for checking that a template renders into a valid body. */
export const SAMPLE_VARIABLES: TemplateVariables = {
  destination: "+14155550123",
  message: "Sample message",
  sender: "SENDER",
  senderType: "transactional",
  messageId: "msg_sample",
  dlrUrl: "https://switchboard.example/sms/dlr/custom/sample",
  campaignId: "campaign_sample",
  dltTemplateId: "1007000000000000000",
  user: {},
};

/** Renders with sample values and no strict variables, so missing attributes render empty. */
export function renderSample(template: string, context: TemplateContext): string {
  if (!hasLiquidSyntax(template)) return template;
  return renderParsed(template, buildScope(SAMPLE_VARIABLES, true), context, false);
}

function renderParsed(template: string, scope: object, context: TemplateContext, strictVariables: boolean): string {
  try {
    return liquid.renderSync(parse(template), scope, { globals: { [CONTEXT_KEY]: context }, strictVariables });
  } catch (error) {
    throw error instanceof PersonalizationError ? error : new PersonalizationError(errorReason(error));
  }
}

function parse(template: string): Template[] {
  const cached = parsed.get(template);
  if (cached) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    parsed.delete(template);
    parsed.set(template, cached);
    return cached;
  }
  const templates = liquid.parse(expandMoengageTokens(template));
  if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(template, templates);
  return templates;
}

function createLiquid(): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    // Missing attributes fail the send (a personalization failure) unless the template gives a default.
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    // An empty in-memory file system: templates are strings, never files.
    templates: {},
    outputEscape(this: FilterImpl, value: unknown) {
      return escapeFor(contextOf(this), toText(value));
    },
    parseLimit: 1_000_000,
    renderLimit: 2_000,
    memoryLimit: 50_000_000,
  });
  // No partials or layouts, and no `raw` filter that would skip escaping and let a message inject.
  for (const tag of ["include", "render", "layout", "block"]) delete engine.tags[tag];
  delete engine.filters.raw;

  engine.registerFilter("e164", (value: unknown) => normalizePhone(toText(value)));
  engine.registerFilter("digits", (value: unknown) => phoneDigits(toText(value)));
  engine.registerFilter("national", (value: unknown) => formatNational(toText(value)));
  engine.registerFilter("upper", (value: unknown) => toText(value).toUpperCase());
  engine.registerFilter("lower", (value: unknown) => toText(value).toLowerCase());
  engine.registerFilter("base64", (value: unknown) => Buffer.from(toText(value), "utf8").toString("base64"));
  // These two escape for the context themselves (raw: true skips the automatic escape when they come
  // last), so a value is encoded exactly once wherever it lands.
  engine.registerFilter("json", {
    raw: true,
    handler(this: FilterImpl, value: unknown) {
      const literal = JSON.stringify(value ?? null);
      const context = contextOf(this);
      return context === "json" ? literal : escapeFor(context, literal);
    },
  });
  engine.registerFilter("url_encode", {
    raw: true,
    handler(this: FilterImpl, value: unknown) {
      // In a form or query value the request builder encodes; encoding here too would double it.
      return contextOf(this) === "form" ? toText(value) : encodeURIComponent(toText(value));
    },
  });
  return engine;
}

/** What liquid binds `this` to in filters and in the output escape. */
type FilterImpl = { context: Context };

function contextOf(filter: FilterImpl): TemplateContext {
  return ((filter.context.globals as Record<symbol, unknown>)[CONTEXT_KEY] as TemplateContext | undefined) ?? "text";
}

export function escapeFor(context: TemplateContext, text: string): string {
  switch (context) {
    case "json":
      return JSON.stringify(text).slice(1, -1);
    case "xml":
      return escapeXml(text);
    case "url":
      return encodeURIComponent(text);
    case "header":
      return text.replace(/[\r\n]+/g, " ").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
    case "form":
    case "text":
      return text;
  }
}

function escapeXml(text: string): string {
  return (
    text
      // Control characters other than tab, LF and CR cannot appear in XML 1.0, not even as &#…; references.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

function buildScope(vars: TemplateVariables, shaped: boolean): Record<string, unknown> {
  // Every built-in is defined (empty when absent) so strict variables only trip on typos and attributes.
  const scope = {
    destination: vars.destination,
    message: vars.message,
    sender: vars.sender ?? "",
    sender_type: vars.senderType ?? "",
    message_id: vars.messageId ?? "",
    dlr_url: vars.dlrUrl ?? "",
    campaign_id: vars.campaignId ?? "",
    dlt_template_id: vars.dltTemplateId ?? "",
    oauth_token: vars.oauthToken ?? "",
    user: { ...vars.user },
  };
  const full: Record<string, unknown> = {
    ...scope,
    // MoEngage's names, so configurations copied from there work unchanged.
    Moesms_destination: scope.destination,
    Moesms_message: scope.message,
    Moesms_dltTemplateId: scope.dlt_template_id,
    Moesms_campaignId: scope.campaign_id,
  };
  // How the message travels — encoding (gsm7 | ucs2), unicode (true/false), segments — from its text, so a gateway
  // such as Kannel is told coding=2 (or Gupshup Unicode_Text) only for a message that needs it. Counted once, and
  // only when a template reads one of them.
  if (!shaped) return full;
  let shape: ReturnType<typeof messageShape> | undefined;
  for (const name of ["encoding", "unicode", "segments"] as const) {
    Object.defineProperty(full, name, { enumerable: true, get: () => (shape ??= messageShape(vars.message))[name] });
  }
  return full;
}

/** Whether the text is more than a literal: Liquid syntax, or a MoEngage token written bare. */
function hasLiquidSyntax(template: string): boolean {
  return template.includes("{{") || template.includes("{%") || mentionsMoengageToken(template);
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(toText).join("");
  return String(value);
}

/** Liquid's message (with line and column) or, for our filters' own errors, theirs. */
function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { originalError?: unknown }).originalError;
  if (cause instanceof AppError) return cause.message;
  const missing = error instanceof UndefinedVariableError && /undefined variable: ([^,]+)/.exec(error.message);
  if (missing) return `${missing[1]} has no value and no default`;
  return error.message;
}
