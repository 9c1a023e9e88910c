// The response schemas and examples of the OpenAPI document (lib/api/openapi.ts assembles the paths from them).
import { z } from "zod";
import { MATCH_BY, callbackAuthSchema, deliveryTrackingSchema, requestSchema, responseSchema, SECRET_MASK, senderSchema } from "@/lib/connectors/schema";
import { METRICS_RANGES } from "@/lib/delivery/metrics-range";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";
import { NATIVE_KINDS, presetFor } from "@/lib/providers/registry";
import { nativeConnectorInputSchema } from "@/lib/providers/settings";
import { dateTime, inputSchema, json, jsonSchema, ref, withoutDefaults, type JsonSchema } from "./openapi-kit";

const statusSchema = z.enum(MESSAGE_STATUSES);
export const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: "validation_failed, bad_request, unauthorized, forbidden, not_found, method_not_allowed, conflict, payload_too_large, rate_limited or internal_error" }),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

// ── Connectors ───────────────────────────────────────────────────────────────────────────────────────────

const senderOut = senderSchema.extend({ default: z.boolean() });
const trackingOut = deliveryTrackingSchema.extend({
  url: z.string(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })).describe("Why reports cannot match messages as configured; empty when they can"),
});
export const connectorViewBase = z.object({
  id: z.string(),
  name: z.string(),
  senders: z.array(senderOut),
  request: requestSchema,
  response: responseSchema,
  deliveryTracking: trackingOut,
  timeoutMs: z.number().int(),
  throughputPerSecond: z.number().int(),
  maxSegments: z.number().int().describe("Longer messages fail to send instead of being cut by the provider"),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  warnings: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe("What saves but cannot work as meant, e.g. a request that never carries the recipient. Never blocks a save."),
});
const providerNotes = z.object({ label: z.string(), dlrUrlNote: z.string(), signatureNote: z.string(), assumptions: z.array(z.string()) });

/** A native kind's settings as JSON Schema: the provider's own form fields and rules. */
function settingsSchema(kind: string, options: { input: boolean }): JsonSchema {
  const schema = jsonSchema(presetFor(kind)!.settingsSchema, "input");
  const secrets = presetFor(kind)!.secretFields;
  return {
    ...(options.input ? (withoutDefaults(schema) as JsonSchema) : schema),
    description: `${presetFor(kind)!.label} settings. Secret fields (${secrets.join(", ")}) are masked as "${SECRET_MASK}" in answers; sending the mask back keeps the stored value.`,
  };
}

export const kindName = (kind: string) => kind.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

export function nativeConnectorView(kind: string): JsonSchema {
  const base = jsonSchema(connectorViewBase.extend({ kind: z.literal(kind), provider: providerNotes }), "output") as { properties: JsonSchema; required: string[] };
  return { ...base, properties: { ...base.properties, settings: settingsSchema(kind, { input: false }) }, required: [...base.required, "settings"] };
}

export function nativeConnectorInput(kind: string): JsonSchema {
  const base = inputSchema(nativeConnectorInputSchema.extend({ kind: z.literal(kind) })) as { properties: JsonSchema; required: string[] };
  return { ...base, properties: { ...base.properties, settings: settingsSchema(kind, { input: true }) } };
}

export const customExportSchema = z.object({
  kind: z.literal("custom"),
  name: z.string(),
  senders: z.array(senderOut),
  request: requestSchema,
  response: responseSchema,
  deliveryTracking: deliveryTrackingSchema,
  timeoutMs: z.number().int(),
  throughputPerSecond: z.number().int(),
  maxSegments: z.number().int(),
});

export function nativeExport(kind: string): JsonSchema {
  const base = jsonSchema(
    z.object({
      kind: z.literal(kind),
      name: z.string(),
      senders: z.array(senderOut),
      callbackAuthentication: callbackAuthSchema.optional(),
      timeoutMs: z.number().int(),
      throughputPerSecond: z.number().int(),
    }),
    "output",
  ) as { properties: JsonSchema; required: string[] };
  const settings = settingsSchema(kind, { input: false }) as { properties: JsonSchema };
  const secrets = Object.fromEntries(presetFor(kind)!.secretFields.map((field) => [field, { type: "string", const: "", description: "Left out of exports: fill it in to import" }]));
  return {
    ...base,
    properties: { ...base.properties, settings: { ...settings, properties: { ...settings.properties, ...secrets }, description: "Secret fields are exported as \"\": fill them in to import." } },
    required: [...base.required, "settings"],
  };
}

/** oneOf one schema per kind, told apart by `kind`. */
export function byKind(prefix: string, suffix: string, includeCustom: boolean): JsonSchema {
  const kinds = [...(includeCustom ? ["custom"] : []), ...NATIVE_KINDS];
  return {
    oneOf: kinds.map((kind) => ref(`${prefix}${kindName(kind)}${suffix}`)),
    discriminator: { propertyName: "kind", mapping: Object.fromEntries(kinds.map((kind) => [kind, `#/components/schemas/${prefix}${kindName(kind)}${suffix}`])) },
  };
}

// ── Messages and delivery ────────────────────────────────────────────────────────────────────────────────

export const acceptedSchema = z.object({
  id: z.string(),
  status: statusSchema,
  reason: z.string().nullable().optional().meta({ description: "Why it failed at once (status failed): an invalid or suppressed number" }),
});
export const messageSchema = z.object({
  id: z.string(),
  connectorId: z.string(),
  to: z.string(),
  status: statusSchema,
  reason: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  segments: z.number().int(),
  encoding: z.enum(["GSM-7", "UCS-2"]),
  sender: z.string().nullable(),
  isTest: z.boolean(),
  createdAt: dateTime(),
  timeline: z.array(z.object({ status: statusSchema, at: dateTime(), detail: z.string().optional() })),
});
export const messageLogEntrySchema = messageSchema.omit({ connectorId: true, encoding: true, timeline: true });
export const batchErrorSchema = errorSchema;
const inspectedRequest = z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string().nullable() });
const inspectedResponse = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() });
export const attemptSchema = z.object({
  attempts: z.number().int().describe("How many times the provider was called (retries included)"),
  body: z.string().describe("The message text as sent"),
  request: inspectedRequest.nullable().describe("The last request as it went out, secret values masked; null when nothing went out"),
  response: inspectedResponse.nullable().describe("The provider's answer to it (body truncated); null without one"),
});
export const testResultSchema = z.object({
  request: inspectedRequest.nullable(),
  response: inspectedResponse.nullable(),
  sentId: z.string().nullable(),
  messageId: z.string().nullable(),
  error: z.string().nullable(),
  note: z.string().nullable(),
  durationMs: z.number().int(),
  warnings: z.array(z.object({ field: z.string(), message: z.string() })).describe("What in the tested configuration cannot work as meant"),
  tokenExchanges: z
    .array(z.object({ request: inspectedRequest, response: inspectedResponse.nullable(), error: z.string().nullable(), durationMs: z.number().int() }))
    .describe("OAuth 2.0 connectors: the token request made for the test and its reply, client secret and token masked"),
});
export const capturedCallbackSchema = z.object({
  id: z.string(),
  receivedAt: dateTime(),
  method: z.string(),
  contentType: z.string().nullable(),
  headers: z.record(z.string(), z.string()).meta({ description: "As received; credentials masked" }),
  query: z.string(),
  body: z.string(),
  outcome: z.enum(["received", "applied", "duplicate", "waiting", "unmatched", "unmapped", "invalid", "rejected"]),
  detail: z.string().nullable(),
  reportCount: z.number().int(),
  appliedCount: z.number().int(),
  matched: z.boolean(),
  messageId: z.string().nullable(),
});
export const deliveryFieldsSchema = z.object({
  capturedAt: dateTime().nullable(),
  callbackId: z.string().nullable(),
  reportCount: z.number().int().describe("Reports read: those of the connector's last 50 readable callbacks"),
  fields: z.array(
    z.object({
      path: z.string(),
      sample: z.string(),
      samples: z.array(z.string()).describe("Distinct values seen, newest first"),
      count: z.number().int().describe("How many of the reports read carried it"),
      holds: z.enum(MATCH_BY).nullable().describe("Whether its values are Switchboard's own message ids, the provider's, or neither as far as seen"),
    }),
  ),
  suggestion: z
    .object({ messageIdField: z.string().nullable(), statusField: z.string().nullable(), failureReasonField: z.string().nullable(), matchBy: z.enum(MATCH_BY) })
    .nullable(),
  statusValues: z.array(z.string()),
});
export const unmatchedReportSchema = z.object({
  id: z.string(),
  receivedAt: dateTime(),
  unmatchedAt: dateTime(),
  reason: z.string(),
  reference: z.string().nullable(),
  matchBy: z.enum(MATCH_BY).nullable(),
  status: z.string().nullable(),
  report: z.unknown().nullable(),
  callbackId: z.string(),
});
export const trackingSavedSchema = z.object({ deliveryTracking: deliveryTrackingSchema, reapplied: z.number().int() });
export const metricsSchema = z.object({
  attempted: z.number().int(),
  sent: z.number().int(),
  failedToSend: z.number().int(),
  delivered: z.number().int(),
  failedToDeliver: z.number().int(),
  pending: z.number().int().describe("Queued, sending, or sent with the provider's id and waiting for a delivery report"),
  untracked: z.number().int().describe("Sent without a provider message id (response.allowMissingId): no report can match them, so they are never pending"),
  deliveryRate: z.number(),
  failureReasons: z.array(z.object({ kind: z.enum(["send", "delivery"]), reason: z.string(), count: z.number().int() })),
});
export const metricsOverTimeSchema = z.object({
  range: z.enum(Object.keys(METRICS_RANGES) as [string, ...string[]]),
  bucket: z.enum(["hour", "day"]),
  points: z.array(
    z.object({
      at: dateTime().describe("Start of the hour or UTC day"),
      attempted: z.number().int(),
      delivered: z.number().int(),
      failedToSend: z.number().int(),
      failedToDeliver: z.number().int(),
    }),
  ),
});
export const suppressedNumberSchema = z.object({
  phone: z.string(),
  consecutiveFailures: z.number().int(),
  lastReason: z.string().nullable(),
  lastFailureAt: dateTime().nullable(),
  suppressedAt: dateTime(),
});

// ── Examples ─────────────────────────────────────────────────────────────────────────────────────────────

export const at = "2026-12-01T09:30:00.000Z";
export const customRequestExample = {
  method: "POST",
  url: "https://api.acme.example/v2/send",
  params: [],
  headers: [{ key: "Authorization", value: SECRET_MASK, secret: true }],
  body: {
    type: "json",
    fields: [
      { key: "to[0]", value: "{{destination}}", secret: false, valueType: "string" },
      { key: "text", value: "{{message}}", secret: false, valueType: "string" },
    ],
  },
  auth: { type: "none" },
};
const responseExample = { sentId: { from: "json", path: "data.id" }, accepted: null, allowMissingId: false, errorReason: null };
export const trackingExample = {
  messageIdField: "msgId",
  statusField: "status",
  successValues: ["DELIVRD"],
  pendingValues: ["ACCEPTD"],
  failureReasonField: "err",
  caseInsensitive: false,
  authentication: { type: "none" },
};
export const connectorExample = {
  id: "cmd2x0k3f0001a8b2c3d4e5f6",
  name: "Acme SMS",
  kind: "custom",
  senders: [{ name: "ACME", type: "transactional", default: true }],
  request: customRequestExample,
  response: responseExample,
  deliveryTracking: { ...trackingExample, url: "https://sms.example.com/sms/dlr/custom/Zk3v9Qm1X0aBcDeFgHiJkLmNoPqRsTuV", warnings: [] },
  timeoutMs: 5000,
  throughputPerSecond: 50,
  maxSegments: 10,
  createdAt: at,
  updatedAt: at,
  warnings: [],
};
export const createExample = {
  name: "Acme SMS",
  senders: [{ name: "ACME", type: "transactional", default: true }],
  request: {
    method: "POST",
    url: "https://api.acme.example/v2/send",
    headers: [{ key: "Authorization", value: "Bearer sk_live_123", secret: true }],
    body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "text", value: "{{message}}" }] },
  },
  response: { sentId: { from: "json", path: "data.id" } },
};
export const nativeCreateExample = {
  kind: "twilio",
  senders: [{ name: "+15557654321", type: "transactional" }],
  settings: { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "your-auth-token", senderType: "long_code" },
};
export const exportExample = {
  kind: "custom",
  name: "Acme SMS",
  senders: [{ name: "ACME", type: "transactional", default: true }],
  request: { ...customRequestExample, headers: [{ key: "Authorization", value: "", secret: true }] },
  response: responseExample,
  deliveryTracking: trackingExample,
  timeoutMs: 5000,
  throughputPerSecond: 50,
  maxSegments: 10,
};
export const messageExample = {
  id: "cmd2x1a7q0002a8b2c3d4e5f6",
  connectorId: connectorExample.id,
  to: "+14155550123",
  status: "delivered",
  reason: null,
  providerMessageId: "acme-7f3a9c",
  segments: 1,
  encoding: "GSM-7",
  sender: "ACME",
  isTest: false,
  createdAt: at,
  timeline: [
    { status: "queued", at },
    { status: "sent", at: "2026-12-01T09:30:00.412Z" },
    { status: "delivered", at: "2026-12-01T09:30:03.080Z", detail: "DELIVRD" },
  ],
};
export const { connectorId: _c, encoding: _e, timeline: _t, ...logEntryExample } = messageExample;
export const callbackExample = {
  id: "4812",
  receivedAt: at,
  method: "POST",
  contentType: "application/json",
  headers: { "content-type": "application/json" },
  query: "",
  body: '{"msgId":"acme-7f3a9c","status":"DELIVRD","err":null}',
  outcome: "applied",
  detail: null,
  reportCount: 1,
  appliedCount: 1,
  matched: true,
  messageId: messageExample.id,
};
