// The OpenAPI document of REST API v1, generated from the same zod schemas that validate requests.
import { z } from "zod";
import { connectorInputSchema, connectorPatchSchema, deliveryTrackingSchema } from "@/lib/connectors/schema";
import { nativeConnectorInputSchema } from "@/lib/providers/settings";
import { testSendSchema } from "@/lib/connectors/test-send";
import { METRICS_RANGES } from "@/lib/delivery/metrics-range";
import { sendMessageSchema } from "@/lib/messages/schema";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function connectorSchema() {
  const base = jsonSchema(connectorInputSchema, "output") as { properties: Record<string, unknown>; required?: string[] };
  return {
    ...base,
    properties: {
      id: { type: "string" },
      ...base.properties,
      deliveryTracking: jsonSchema(deliveryTrackingSchema.extend({ url: z.string().url() }), "output"),
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      warnings: {
        type: "array",
        description: "What saves but cannot work as meant, e.g. a request that never carries the recipient. Never blocks a save.",
        items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } }, required: ["field", "message"] },
      },
    },
    required: ["id", ...(base.required ?? []), "warnings"],
    description: "A connector. Secret values are returned as the mask \"••••••••\"; sending the mask back keeps the stored value.",
  };
}

const statusSchema = z.enum(MESSAGE_STATUSES);
const messageSchema = z.object({
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
  createdAt: z.string(),
  timeline: z.array(z.object({ status: statusSchema, at: z.string(), detail: z.string().optional() })),
});
const inspectedResponse = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() });
const inspectedRequest = z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string().nullable() });
const testResultSchema = z.object({
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

const attemptSchema = z.object({
  attempts: z.number().int().describe("How many times the provider was called (retries included)"),
  body: z.string().describe("The message text as sent"),
  request: inspectedRequest.nullable().describe("The last request as it went out, secret values masked; null when nothing went out"),
  response: inspectedResponse.nullable().describe("The provider's answer to it (body truncated); null without one"),
});

const metricsSchema = z.object({
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

const metricsOverTimeSchema = z.object({
  range: z.enum(Object.keys(METRICS_RANGES) as [string, ...string[]]),
  bucket: z.enum(["hour", "day"]),
  points: z.array(
    z.object({
      at: z.string().describe("Start of the hour or UTC day, ISO 8601"),
      attempted: z.number().int(),
      delivered: z.number().int(),
      failedToSend: z.number().int(),
      failedToDeliver: z.number().int(),
    }),
  ),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: errorDescriptions[status], ...json(ref("Error")) }]));
const errorDescriptions: Record<number, string> = {
  400: "Malformed request (e.g. body is not JSON)",
  401: "Missing, invalid or revoked API key",
  403: "The key's role does not allow this",
  404: "Not found in this workspace",
  409: "Conflicts with another connector (name or host)",
  413: "Body too large",
  422: "Validation failed; details name each field",
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard REST API",
      version: "1.0.0",
      description: "Configure SMS connectors, send messages and read delivery results. Authenticate with `Authorization: Bearer <api key>`.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key created in Settings → API keys or with `npm run api-key`" } },
      schemas: {
        Error: jsonSchema(errorSchema, "output"),
        ConnectorInput: jsonSchema(connectorInputSchema, "input"),
        ConnectorPatch: jsonSchema(connectorPatchSchema, "input"),
        NativeConnectorInput: {
          ...jsonSchema(nativeConnectorInputSchema, "input"),
          description: "A native connector (Twilio, Sinch, Gupshup, Kaleyra, ICS Mobile): `settings` holds the provider's form fields; see the README for each provider's fields.",
        },
        Connector: connectorSchema(),
        SendMessage: jsonSchema(sendMessageSchema, "input"),
        Accepted: jsonSchema(z.object({ id: z.string(), status: statusSchema, reason: z.string().nullable().optional() }), "output"),
        Message: jsonSchema(messageSchema, "output"),
        MessageAttempt: jsonSchema(attemptSchema, "output"),
        TestSend: jsonSchema(testSendSchema.omit({ connector: true }).extend({ connector: connectorInputSchema.optional() }), "input"),
        TestResult: jsonSchema(testResultSchema, "output"),
        DeliveryTracking: jsonSchema(deliveryTrackingSchema, "input"),
        Metrics: jsonSchema(metricsSchema, "output"),
        MetricsOverTime: jsonSchema(metricsOverTimeSchema, "output"),
      },
    },
    paths: {
      "/api/v1/connectors": {
        get: {
          summary: "List connectors",
          responses: { 200: { description: "Connectors of the key's workspace", ...json({ type: "array", items: ref("Connector") }) }, ...errors(401) },
        },
        post: {
          summary: "Create a connector (also: import an exported connector)",
          requestBody: { required: true, ...json({ oneOf: [ref("ConnectorInput"), ref("NativeConnectorInput")] }) },
          responses: { 201: { description: "Created", ...json(ref("Connector")) }, ...errors(400, 401, 403, 409, 413, 422) },
        },
      },
      "/api/v1/connectors/{id}": {
        parameters: [idParam],
        get: { summary: "Read a connector (secrets masked)", responses: { 200: { description: "The connector", ...json(ref("Connector")) }, ...errors(401, 404) } },
        patch: {
          summary: "Update a connector; parts left out are kept",
          requestBody: { required: true, ...json(ref("ConnectorPatch")) },
          responses: { 200: { description: "Updated", ...json(ref("Connector")) }, ...errors(400, 401, 403, 404, 409, 413, 422) },
        },
        delete: { summary: "Delete a connector", responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) } },
      },
      "/api/v1/connectors/{id}/test": {
        parameters: [idParam],
        post: {
          summary: "Send a test SMS now, through the saved connector or through `connector` values sent along (masked secrets fall back to the saved ones)",
          requestBody: { required: true, ...json(ref("TestSend")) },
          responses: { 200: { description: "What went out (secrets masked) and what the provider answered", ...json(ref("TestResult")) }, ...errors(400, 401, 403, 404, 422) },
        },
      },
      "/api/v1/connectors/{id}/messages": {
        parameters: [idParam, { name: "limit", in: "query", schema: { type: "integer", maximum: 200 } }, { name: "before", in: "query", schema: { type: "string", format: "date-time" } }, { name: "status", in: "query", schema: { type: "string", enum: [...MESSAGE_STATUSES] } }],
        get: { summary: "The connector's recent messages, newest first", responses: { 200: { description: "Messages", ...json({ type: "array" }) }, ...errors(401, 404, 422) } },
      },
      "/api/v1/messages": {
        post: {
          summary: "Send a message: validated, recorded and queued; the provider is called by a worker",
          requestBody: { required: true, ...json(ref("SendMessage")) },
          responses: { 202: { description: "Accepted (status `queued`, or `failed` with a reason such as an invalid number)", ...json(ref("Accepted")) }, ...errors(400, 401, 403, 404, 413, 422) },
        },
      },
      "/api/v1/messages/{id}": {
        parameters: [idParam],
        get: { summary: "A message: status, reason, provider id and timeline", responses: { 200: { description: "The message", ...json(ref("Message")) }, ...errors(401, 404) } },
      },
      "/api/v1/messages/{id}/attempt": {
        parameters: [idParam],
        get: {
          summary: "A message's last send attempt: the request as it went out (secrets masked) and the provider's answer",
          responses: { 200: { description: "The attempt", ...json(ref("MessageAttempt")) }, ...errors(401, 404) },
        },
      },
      "/api/v1/connectors/{id}/delivery-reports": {
        parameters: [idParam, { name: "limit", in: "query", schema: { type: "integer", maximum: 200 } }],
        get: { summary: "Captured delivery callbacks, newest first: method, headers (credentials masked), body, outcome", responses: { 200: { description: "Callbacks", ...json({ type: "array" }) }, ...errors(401, 404) } },
      },
      "/api/v1/connectors/{id}/delivery-fields": {
        parameters: [idParam],
        get: {
          summary: "Field paths and sample values of the latest captured callback, with a suggested mapping",
          responses: { 200: { description: "`{ capturedAt, fields: [{ path, sample }], suggestion, statusValues }`", ...json({ type: "object" }) }, ...errors(401, 404) },
        },
      },
      "/api/v1/connectors/{id}/delivery-tracking": {
        parameters: [idParam],
        put: {
          summary: "Save the delivery-report mapping and callback authentication; callbacks the old mapping could not read are applied again",
          requestBody: { required: true, ...json(ref("DeliveryTracking")) },
          responses: { 200: { description: "`{ deliveryTracking, reapplied }` (secret masked)", ...json({ type: "object" }) }, ...errors(400, 401, 403, 404, 422) },
        },
      },
      "/api/v1/connectors/{id}/metrics": {
        parameters: [idParam, { name: "sender", in: "query", schema: { type: "string" } }, { name: "campaignId", in: "query", schema: { type: "string" } }],
        get: { summary: "Attempted, sent, failed to send, delivered, failed to deliver, pending, delivery rate and failure reasons", responses: { 200: { description: "Metrics", ...json(ref("Metrics")) }, ...errors(401, 404) } },
      },
      "/api/v1/connectors/{id}/metrics/over-time": {
        parameters: [
          idParam,
          { name: "range", in: "query", schema: { type: "string", enum: Object.keys(METRICS_RANGES), default: "7d" }, description: "24h: per hour; 7d and 30d: per UTC day" },
          { name: "sender", in: "query", schema: { type: "string" } },
        ],
        get: {
          summary: "Messages over time, per hour or day, by current status: the series behind the metrics chart. Buckets without messages are left out",
          responses: { 200: { description: "The series, oldest first", ...json(ref("MetricsOverTime")) }, ...errors(401, 404, 422) },
        },
      },
      "/api/v1/suppressions": {
        parameters: [{ name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"] } }, { name: "search", in: "query", schema: { type: "string" } }],
        get: { summary: "Numbers suppressed after repeated delivery failures (`?format=csv` to download)", responses: { 200: { description: "Suppressed numbers", ...json({ type: "array" }) }, ...errors(401) } },
      },
      "/api/v1/suppressions/{phone}": {
        parameters: [{ name: "phone", in: "path", required: true, schema: { type: "string" }, description: "E.164, URL-encoded (%2B for +)" }],
        delete: { summary: "Release a suppressed number", responses: { 204: { description: "Released" }, ...errors(401, 403, 404) } },
      },
      "/api/v1/connectors/{id}/copy-as-custom": {
        parameters: [idParam],
        post: { summary: "Copy a native connector into a custom connector (secrets copied, still encrypted)", responses: { 201: { description: "The new custom connector", ...json(ref("Connector")) }, ...errors(401, 403, 404, 409, 422) } },
      },
      "/api/v1/user-attributes": {
        get: {
          summary: "Recipient attribute names seen in the workspace's recent messages (API sends and audiences), for {{user.<name>}}; names only, never values",
          responses: {
            200: {
              description: "Attribute names, by name",
              ...json({ type: "object", properties: { data: { type: "array", items: { type: "object", properties: { key: { type: "string" } }, required: ["key"] } }, nextCursor: { type: "null" } }, required: ["data", "nextCursor"] }),
            },
            ...errors(401),
          },
        },
      },
      "/api/v1/connectors/{id}/duplicate": {
        parameters: [idParam],
        post: {
          summary: 'Duplicate a custom connector in its workspace: "<name> (copy)", secrets kept (still encrypted), the API URL\'s host left empty to fill in with PATCH',
          responses: { 201: { description: "The copy", ...json(ref("Connector")) }, ...errors(401, 403, 404, 422) },
        },
      },
      "/api/v1/connectors/{id}/export": {
        parameters: [idParam],
        get: {
          summary: "Export a connector as importable JSON (secret values left out)",
          responses: { 200: { description: "Importable connector JSON", ...json(ref("ConnectorInput")) }, ...errors(401, 404) },
        },
      },
    },
  };
}
