// Pieces the presets share: settings values placed safely inside templates, base URLs, request rows,
// and the editable delivery-report mapping of providers whose callbacks are not documented.
import { z } from "zod";
import type { JsonRow, KeyValueRow } from "@/lib/connectors/schema";
import type { NativeDeliveryTracking } from "./types";

// A bare MoEngage token (`Moesms_message`) is template syntax too: a password that reads like one stays literal.
const LIQUID_SYNTAX = /\{\{|\{%|Moesms_/;
const RAW_END = /\{%-?\s*endraw/;

/**
 * A settings value (password, token, user id) written into a request template. Every request value is
 * rendered as a template, so a password containing `{{` or a MoEngage token would otherwise be read as a placeholder.
 */
export function literal(value: string): string {
  return LIQUID_SYNTAX.test(value) ? `{% raw %}${value}{% endraw %}` : value;
}

/** A template value that falls back to a settings value, e.g. the account's sender when the message has none. */
export function withFallback(variable: string, fallback: string): string {
  // Settings that reach here are validated to plain characters (see plainValue), so the quotes cannot break.
  return fallback === "" ? `{{${variable}}}` : `{{${variable} | default: "${fallback}"}}`;
}

export function formRow(key: string, value: string, secret = false): KeyValueRow {
  return { key, value, secret };
}

export function jsonRow(key: string, value: string, secret = false): JsonRow {
  return { key, value, secret, valueType: "string" };
}

// ── Settings fields ──────────────────────────────────────────────────────────────────────────────────

/** A credential: required, kept as typed apart from surrounding spaces that copy-paste adds. */
export function secretSchema(label: string, { trim = true } = {}) {
  const base = trim ? z.string({ message: `${label} is required` }).trim() : z.string({ message: `${label} is required` });
  return base
    .min(1, { message: `${label} is required`, abort: true })
    .max(1000, `${label} must be at most 1000 characters`)
    .refine((value) => !RAW_END.test(value), `${label} cannot contain "{% endraw"`);
}

/** A required value used as is (a user name, an account id): any characters, no surrounding spaces. */
export function textSchema(label: string, max = 200) {
  return z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required`, abort: true })
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !RAW_END.test(value), `${label} cannot contain "{% endraw"`);
}

/** An id that lands in a URL path or a template default: a fixed, plain alphabet. */
export function identifierSchema(label: string, pattern: RegExp, shape: string) {
  return z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required`, abort: true })
    .regex(pattern, `${label} ${shape}`);
}

const PLAIN_VALUE = /^[A-Za-z0-9 +._-]*$/;

/** A sender name or template id used as a template default: letters, digits, spaces and + . _ - only. */
export function plainValueSchema(label: string, { required, max = 30 }: { required: boolean; max?: number }) {
  const base = z.string({ message: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`);
  const checked = base.regex(PLAIN_VALUE, `${label} may only contain letters, digits, spaces and + . _ -`);
  return required ? checked.min(1, { message: `${label} is required`, abort: true }) : checked.default("");
}

/** An API base URL such as https://api.twilio.com; editable so tests and proxies can point elsewhere. */
export function baseUrlSchema(label = "Base URL") {
  return z
    .string({ message: `${label} is required` })
    .trim()
    .max(500, `${label} must be at most 500 characters`)
    .superRefine((value, ctx) => {
      if (value === "") return;
      const problem = baseUrlProblem(value, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((value) => value.replace(/\/+$/, ""));
}

function baseUrlProblem(value: string, label: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} must be a full URL such as https://api.example.com`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${label} must start with https:// or http://`;
  if (url.username || url.password) return `${label} cannot contain credentials`;
  if (url.search || url.hash || value.includes("?") || value.includes("#")) return `${label} cannot have a query or fragment`;
  if (/[{}]/.test(value)) return `${label} cannot contain placeholders`;
  return null;
}

/** A JSON path for a request body field (`to`, `message.text`), as the JSON body rows accept. */
const FIELD_PATH = /^[A-Za-z0-9_$@-]+(\[\d+\])*(\.[A-Za-z0-9_$@-]+(\[\d+\])*)*$/;

export function fieldPathSchema(label: string, fallback: string) {
  return z
    .string({ message: `${label} is required` })
    .trim()
    .min(1, { message: `${label} is required`, abort: true })
    .max(300, `${label} must be at most 300 characters`)
    .regex(FIELD_PATH, `${label}: use a field name or a path such as message.text or to[0]`)
    .default(fallback);
}

function statusValuesSchema(label: string) {
  return z
    .array(z.string().trim().min(1, `${label} cannot have an empty value`).max(100, `${label}: each value at most 100 characters`))
    .max(50, `${label}: at most 50 values`);
}

// ── Editable delivery-report mapping ─────────────────────────────────────────────────────────────────

export interface DeliveryReportSettings {
  messageIdField: string;
  statusField: string;
  reasonField: string;
  successValues: string[];
  pendingValues: string[];
}

/**
 * Where a provider's delivery report keeps the id, status and reason, and which statuses mean what,
 * for providers whose callbacks are not documented. Anything neither delivered nor pending is a failure.
 */
export function deliveryReportSettingsSchema(defaults: DeliveryReportSettings) {
  const reportPath = (label: string, fallback: string) =>
    z
      .string({ message: `${label} is required` })
      .trim()
      .min(1, { message: `${label} is required`, abort: true })
      .max(300, `${label} must be at most 300 characters`)
      .default(fallback);
  return z
    .object({
      messageIdField: reportPath("Report message id field", defaults.messageIdField),
      statusField: reportPath("Report status field", defaults.statusField),
      reasonField: z.string().trim().max(300, "Report failure reason field must be at most 300 characters").default(defaults.reasonField),
      successValues: statusValuesSchema("Delivered statuses")
        .min(1, "Delivered statuses: add at least one status that means delivered")
        .default(defaults.successValues),
      pendingValues: statusValuesSchema("Pending statuses").default(defaults.pendingValues),
    })
    .default(defaults);
}

export function trackingFrom(report: DeliveryReportSettings, caseInsensitive: boolean): NativeDeliveryTracking {
  return {
    messageIdField: report.messageIdField,
    statusField: report.statusField,
    successValues: [...report.successValues],
    pendingValues: [...report.pendingValues],
    failureReasonField: report.reasonField,
    caseInsensitive,
    authentication: { type: "none" },
  };
}
