// The OpenAPI 3.1 document of REST API v1, generated from the zod schemas that validate requests (and from
// response schemas in openapi-schemas.ts, which the API tests check every live answer against).
import { z } from "zod";
import { connectorInputSchema, connectorPatchSchema, deliveryTrackingSchema, SECRET_MASK } from "@/lib/connectors/schema";
import { testSendSchema } from "@/lib/connectors/test-send";
import { METRICS_RANGES } from "@/lib/delivery/metrics-range";
import { analyticsPaths, analyticsSchemas, messageLogParams } from "./openapi-analytics";
import { MAX_BATCH_MESSAGES } from "@/lib/messages/enqueue-batch";
import { sendMessageSchema } from "@/lib/messages/schema";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/paging";
import { NATIVE_KINDS } from "@/lib/providers/registry";
import { IDEMPOTENCY_HEADER } from "./idempotency";
import { errorExample, errors, idempotencyParam, inputSchema, json, jsonSchema, noContent, ok, page, pageParams, rateLimitHeaders, ref } from "./openapi-kit";
import { campaignPaths, campaignSchemas } from "./openapi-campaigns";
import {
  acceptedSchema,
  at,
  attemptSchema,
  batchErrorSchema,
  byKind,
  callbackExample,
  capturedCallbackSchema,
  connectorExample,
  connectorViewBase,
  createExample,
  customExportSchema,
  customRequestExample,
  deliveryFieldsSchema,
  errorSchema,
  exportExample,
  kindName,
  logEntryExample,
  messageExample,
  messageLogEntrySchema,
  messageSchema,
  metricsOverTimeSchema,
  metricsSchema,
  nativeConnectorInput,
  nativeConnectorView,
  nativeCreateExample,
  nativeExport,
  suppressedNumberSchema,
  testResultSchema,
  trackingExample,
  trackingSavedSchema,
  unmatchedReportSchema,
} from "./openapi-schemas";

// ── The document ─────────────────────────────────────────────────────────────────────────────────────────

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, example: connectorExample.id };
export function openApiDocument(serverUrl?: string) {
  const nativeSchemas = Object.fromEntries(
    NATIVE_KINDS.flatMap((kind) => [
      [`Native${kindName(kind)}ConnectorInput`, nativeConnectorInput(kind)],
      [`${kindName(kind)}Connector`, nativeConnectorView(kind)],
      [`${kindName(kind)}ConnectorExport`, nativeExport(kind)],
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard REST API",
      version: "1.0.0",
      description: [
        "Configure SMS connectors, send messages and read delivery results. Authenticate with `Authorization: Bearer <api key>`.",
        `Lists answer \`{ data, nextCursor }\`: \`limit\` is 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}) and \`cursor\` is the \`nextCursor\` of the previous page; a bad limit, cursor or filter value is a 422 naming the field.`,
        "Every answer of an authenticated call carries `RateLimit-Limit` (the burst), `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the burst is full again); past the limit the answer is 429 with `Retry-After`.",
        "Sends accept an `Idempotency-Key` header: for 24 hours the same key with the same body returns the first answer and creates nothing new; with another body it is a 422.",
        "Errors are `{ error: { code, message, details? } }`; an unknown path is a 404 and a method a path does not take a 405 with `Allow`, both in that shape.",
      ].join("\n\n"),
      license: { name: "Proprietary: all rights reserved by the Switchboard authors", identifier: "LicenseRef-Proprietary" },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearer: [] }],
    tags: [
      { name: "Connectors", description: "SMS provider configurations: custom HTTP connectors and native providers" },
      { name: "Messages", description: "Sending and reading messages" },
      { name: "Delivery", description: "Delivery reports, their mapping and the resulting metrics" },
      { name: "Suppressions", description: "Numbers suppressed after repeated delivery failures" },
      { name: "Campaigns", description: "One message to an imported audience through a connector: create, control, and read its analytics" },
    ],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key created in Settings → API keys or with `npm run api-key`" } },
      headers: {
        "RateLimit-Limit": { description: "Requests this key may make at once (the burst); it refills at the configured rate per second", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "Requests still allowed right now", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "Seconds until the burst is full again", schema: { type: "integer" } },
        "Retry-After": { description: "Seconds to wait before the next request", schema: { type: "integer" } },
      },
      parameters: {
        limit: { name: "limit", in: "query", description: "Page size", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
        cursor: { name: "cursor", in: "query", description: "`nextCursor` of the previous page, unchanged", schema: { type: "string" } },
        "Idempotency-Key": {
          name: IDEMPOTENCY_HEADER,
          in: "header",
          description: "Any unique string of 1–255 visible ASCII characters (a UUID): a retry with the same key and body gets the first answer for 24 hours",
          schema: { type: "string", minLength: 1, maxLength: 255 },
          example: "6f1c2b9e-8d4a-4a57-9a53-2f7e0c1d9b3a",
        },
      },
      schemas: {
        Error: jsonSchema(errorSchema, "output"),
        ConnectorInput: { ...inputSchema(connectorInputSchema), description: "A custom connector (`kind` custom or left out)" },
        NativeConnectorInput: { ...byKind("Native", "ConnectorInput", false), description: "A native connector: `settings` holds the provider's form fields" },
        ...Object.fromEntries(NATIVE_KINDS.map((kind) => [`Native${kindName(kind)}ConnectorInput`, nativeSchemas[`Native${kindName(kind)}ConnectorInput`]])),
        ConnectorCreate: { oneOf: [ref("ConnectorInput"), ref("NativeConnectorInput")], description: "A custom connector, a native one, or an export of either" },
        ConnectorPatch: inputSchema(connectorPatchSchema),
        Connector: { ...byKind("", "Connector", true), description: `A connector. Secret values are returned as the mask "${SECRET_MASK}"; sending the mask back keeps the stored value.` },
        CustomConnector: jsonSchema(connectorViewBase.extend({ kind: z.literal("custom") }), "output"),
        ...Object.fromEntries(NATIVE_KINDS.map((kind) => [`${kindName(kind)}Connector`, nativeSchemas[`${kindName(kind)}Connector`]])),
        ConnectorList: page(ref("Connector")),
        ConnectorExport: { ...byKind("", "ConnectorExport", true), description: "Importable connector JSON: POST it to /api/v1/connectors. Secret values are left out." },
        CustomConnectorExport: jsonSchema(customExportSchema, "output"),
        ...Object.fromEntries(NATIVE_KINDS.map((kind) => [`${kindName(kind)}ConnectorExport`, nativeSchemas[`${kindName(kind)}ConnectorExport`]])),
        TestSend: inputSchema(testSendSchema.omit({ connector: true })),
        TestResult: jsonSchema(testResultSchema, "output"),
        SendMessage: inputSchema(sendMessageSchema),
        SendBatch: { ...inputSchema(z.object({ messages: z.array(sendMessageSchema).min(1).max(MAX_BATCH_MESSAGES) })), description: `Up to ${MAX_BATCH_MESSAGES} messages` },
        Accepted: jsonSchema(acceptedSchema, "output"),
        BatchResult: {
          type: "object",
          properties: { data: { type: "array", items: { oneOf: [ref("Accepted"), ref("BatchError")] }, description: "One entry per input message, in order" } },
          required: ["data"],
          additionalProperties: false,
        },
        BatchError: { ...jsonSchema(batchErrorSchema, "output"), description: "Why this entry was not accepted; the other entries are not affected" },
        Message: jsonSchema(messageSchema, "output"),
        MessageLogEntry: jsonSchema(messageLogEntrySchema, "output"),
        MessageList: page(ref("MessageLogEntry")),
        DeliveryReport: jsonSchema(capturedCallbackSchema, "output"),
        DeliveryReportList: page(ref("DeliveryReport")),
        DeliveryFields: jsonSchema(deliveryFieldsSchema, "output"),
        UnmatchedReportPage: jsonSchema(z.object({ data: z.array(unmatchedReportSchema), nextCursor: z.string().nullable(), total: z.number().int() }), "output"),
        RematchQueued: jsonSchema(z.object({ queued: z.number().int() }), "output"),
        ...campaignSchemas(),
        ...analyticsSchemas(),
        UserAttributes: jsonSchema(z.object({ data: z.array(z.object({ key: z.string() })), nextCursor: z.null() }), "output"),
        DeliveryTracking: inputSchema(deliveryTrackingSchema),
        DeliveryTrackingSaved: jsonSchema(trackingSavedSchema, "output"),
        Metrics: jsonSchema(metricsSchema, "output"),
        MetricsOverTime: jsonSchema(metricsOverTimeSchema, "output"),
        MessageAttempt: jsonSchema(attemptSchema, "output"),
        SuppressedNumber: jsonSchema(suppressedNumberSchema, "output"),
        SuppressionList: page(ref("SuppressedNumber")),
      },
    },
    paths: {
      "/api/v1/connectors": {
        get: {
          operationId: "listConnectors",
          tags: ["Connectors"],
          summary: "List connectors, by name",
          parameters: pageParams,
          responses: { 200: ok("A page of the workspace's connectors", ref("ConnectorList"), { data: [connectorExample], nextCursor: null }), ...errors(422) },
        },
        post: {
          operationId: "createConnector",
          tags: ["Connectors"],
          summary: "Create a connector (also: import an exported connector)",
          description:
            "A custom connector, or a native one (`kind` and the provider's `settings`). An export imports as it is: a custom connector's secret rows stay empty; a native connector answers 422 naming each secret setting to fill in.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("ConnectorCreate"), examples: { custom: { summary: "A custom HTTP connector", value: createExample }, native: { summary: "A Twilio connector", value: nativeCreateExample } } } },
          },
          responses: { 201: ok("Created", ref("Connector"), connectorExample), ...errors(400, 403, 409, 413, 422) },
        },
      },
      "/api/v1/connectors/{id}": {
        parameters: [idParam],
        get: { operationId: "getConnector", tags: ["Connectors"], summary: "Read a connector (secrets masked)", responses: { 200: ok("The connector", ref("Connector"), connectorExample), ...errors(404) } },
        patch: {
          operationId: "updateConnector",
          tags: ["Connectors"],
          summary: "Update a connector; parts left out are kept",
          requestBody: json(ref("ConnectorPatch"), { name: "Acme SMS (primary)", throughputPerSecond: 20 }),
          responses: { 200: ok("Updated", ref("Connector"), { ...connectorExample, name: "Acme SMS (primary)", throughputPerSecond: 20 }), ...errors(400, 403, 404, 409, 413, 422) },
        },
        delete: { operationId: "deleteConnector", tags: ["Connectors"], summary: "Delete a connector", responses: { 204: noContent("Deleted"), ...errors(403, 404) } },
      },
      "/api/v1/connectors/{id}/test": {
        parameters: [idParam],
        post: {
          operationId: "sendTestMessage",
          tags: ["Connectors"],
          summary: "Send a test SMS now",
          description: "Through the saved connector, or through `connector` values sent along (a custom or native connector body; masked secrets fall back to the saved ones).",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { allOf: [ref("TestSend"), { type: "object", properties: { connector: { description: "Unsaved form values to test with", oneOf: [ref("ConnectorInput"), ref("NativeConnectorInput")] } } }] },
                example: { to: "+14155550123", message: "Hello from Switchboard" },
              },
            },
          },
          responses: {
            200: ok("What went out (secrets masked) and what the provider answered", ref("TestResult"), {
              request: { method: "POST", url: "https://api.acme.example/v2/send", headers: { Authorization: SECRET_MASK, "Content-Type": "application/json" }, body: '{"to":["+14155550123"],"text":"Hello from Switchboard"}' },
              response: { status: 201, headers: { "content-type": "application/json" }, body: '{"data":{"id":"acme-7f3a9c"}}' },
              sentId: "acme-7f3a9c",
              messageId: messageExample.id,
              error: null,
              note: "Provider id acme-7f3a9c",
              durationMs: 184,
              warnings: [],
              tokenExchanges: [],
            }),
            ...errors(400, 403, 404, 413, 422),
          },
        },
      },
      "/api/v1/connectors/{id}/copy-as-custom": {
        parameters: [idParam],
        post: {
          operationId: "copyConnectorAsCustom",
          tags: ["Connectors"],
          summary: "Copy a native connector into a custom connector (secrets copied, still encrypted)",
          responses: { 201: ok("The new custom connector", ref("Connector"), { ...connectorExample, name: "Twilio (custom copy)" }), ...errors(403, 404, 409, 422) },
        },
      },
      "/api/v1/connectors/{id}/duplicate": {
        parameters: [idParam],
        post: {
          operationId: "duplicateConnector",
          tags: ["Connectors"],
          summary: 'Duplicate a custom connector in its workspace: "<name> (copy)", secrets kept (still encrypted), the API URL\'s host left empty to fill in with PATCH',
          responses: {
            201: ok("The copy", ref("Connector"), { ...connectorExample, name: "Acme SMS (copy)", request: { ...customRequestExample, url: "https:///v2/send" } }),
            ...errors(403, 404, 422),
          },
        },
      },
      "/api/v1/connectors/{id}/export": {
        parameters: [idParam],
        get: {
          operationId: "exportConnector",
          tags: ["Connectors"],
          summary: "Export a connector as importable JSON (secret values left out)",
          responses: { 200: ok("Importable connector JSON", ref("ConnectorExport"), exportExample), ...errors(404) },
        },
      },
      "/api/v1/connectors/{id}/messages": {
        parameters: [idParam],
        get: {
          operationId: "listConnectorMessages",
          tags: ["Messages"],
          summary: "The connector's messages, newest first, filtered by number, status, sender, test/live and dates",
          parameters: [...pageParams, ...messageLogParams],
          responses: { 200: ok("A page of messages", ref("MessageList"), { data: [logEntryExample], nextCursor: "WyIyMDI2LTEyLTAxVDA5OjMwOjAwLjAwMFoiLCJjbWQyeDFhN3EwMDAyIl0" }), ...errors(404, 422) },
        },
      },
      "/api/v1/connectors/{id}/delivery-reports": {
        parameters: [idParam],
        get: {
          operationId: "listDeliveryReports",
          tags: ["Delivery"],
          summary: "Captured delivery callbacks, newest first: method, headers (credentials masked), body, outcome",
          parameters: pageParams,
          responses: { 200: ok("A page of callbacks", ref("DeliveryReportList"), { data: [callbackExample], nextCursor: null }), ...errors(404, 422) },
        },
      },
      "/api/v1/connectors/{id}/delivery-fields": {
        parameters: [idParam],
        get: {
          operationId: "getDeliveryFields",
          tags: ["Delivery"],
          summary: "Field paths of the connector's last 50 callbacks with sample values, how often each appeared and whether it holds this connector's message ids, and a suggested mapping",
          responses: {
            200: ok("Fields of the recent readable callbacks (all null and empty before the first one)", ref("DeliveryFields"), {
              capturedAt: at,
              callbackId: "4812",
              reportCount: 3,
              fields: [
                { path: "msgId", sample: "acme-7f3a9c", samples: ["acme-7f3a9c"], count: 3, holds: "provider-id" },
                { path: "status", sample: "DELIVRD", samples: ["DELIVRD", "UNDELIV"], count: 3, holds: null },
                { path: "err", sample: "034", samples: ["034"], count: 1, holds: null },
              ],
              suggestion: { messageIdField: "msgId", statusField: "status", failureReasonField: "err", matchBy: "provider-id" },
              statusValues: ["DELIVRD", "UNDELIV"],
            }),
            ...errors(404),
          },
        },
      },
      "/api/v1/connectors/{id}/unmatched-reports": {
        parameters: [idParam],
        get: {
          operationId: "listUnmatchedReports",
          tags: ["Delivery"],
          summary: "The unmatched inbox: delivery reports that found no message for longer than SWITCHBOARD_DLR_UNMATCHED_MINUTES, newest first, with the reason",
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
            { name: "cursor", in: "query", schema: { type: "string" } },
          ],
          responses: {
            200: ok("A page of unmatched reports and the inbox's total", ref("UnmatchedReportPage"), {
              data: [{ id: "91", receivedAt: at, unmatchedAt: at, reason: "No message with provider id acme-000", reference: "acme-000", matchBy: "provider-id", status: "DELIVRD", report: { msgId: "acme-000", status: "DELIVRD" }, callbackId: "4790" }],
              nextCursor: null,
              total: 1,
            }),
            ...errors(404, 422),
          },
        },
      },
      "/api/v1/connectors/{id}/unmatched-reports/rematch": {
        parameters: [idParam],
        post: {
          operationId: "rematchUnmatchedReports",
          tags: ["Delivery"],
          summary: "Read every unmatched (and still waiting) report again with the current mapping, in the background",
          responses: { 202: ok("How many reports will be read again", ref("RematchQueued"), { queued: 1 }), ...errors(403, 404) },
        },
      },
      "/api/v1/connectors/{id}/delivery-tracking": {
        parameters: [idParam],
        put: {
          operationId: "saveDeliveryTracking",
          tags: ["Delivery"],
          summary: "Save the delivery-report mapping and callback authentication",
          description: "Callbacks the old mapping could not read are applied again; `reapplied` says how many.",
          requestBody: json(ref("DeliveryTracking"), { messageIdField: "msgId", statusField: "status", successValues: ["DELIVRD"], failureReasonField: "err" }),
          responses: { 200: ok("The saved mapping (secret masked)", ref("DeliveryTrackingSaved"), { deliveryTracking: trackingExample, reapplied: 0 }), ...errors(400, 403, 404, 413, 422) },
        },
      },
      "/api/v1/connectors/{id}/metrics/over-time": {
        parameters: [idParam],
        get: {
          operationId: "getConnectorMetricsOverTime",
          tags: ["Delivery"],
          summary: "Messages over time, per hour or day, by current status: the series behind the metrics chart. Buckets without messages are left out",
          parameters: [
            { name: "range", in: "query", description: "24h: per hour; 7d and 30d: per UTC day", schema: { type: "string", enum: Object.keys(METRICS_RANGES), default: "7d" } },
            { name: "sender", in: "query", description: "Only messages from this sender", schema: { type: "string" } },
          ],
          responses: {
            200: ok("The series, oldest first", ref("MetricsOverTime"), {
              range: "24h",
              bucket: "hour",
              points: [{ at: "2026-11-29T09:00:00.000Z", attempted: 40, delivered: 36, failedToSend: 1, failedToDeliver: 2 }],
            }),
            ...errors(404, 422),
          },
        },
      },
      "/api/v1/connectors/{id}/metrics": {
        parameters: [idParam],
        get: {
          operationId: "getConnectorMetrics",
          tags: ["Delivery"],
          summary: "Attempted, sent, failed to send, delivered, failed to deliver, pending, delivery rate and failure reasons",
          parameters: [
            { name: "sender", in: "query", description: "Only messages from this sender", schema: { type: "string" } },
            { name: "campaignId", in: "query", description: "Only messages of this campaign", schema: { type: "string" } },
          ],
          responses: {
            200: ok("Metrics", ref("Metrics"), {
              attempted: 120,
              sent: 116,
              failedToSend: 4,
              delivered: 110,
              failedToDeliver: 3,
              pending: 3,
              untracked: 0,
              deliveryRate: 0.9483,
              failureReasons: [
                { kind: "send", reason: "Invalid mobile number", count: 4 },
                { kind: "delivery", reason: "UNDELIV: Absent subscriber", count: 3 },
              ],
            }),
            ...errors(404),
          },
        },
      },
      "/api/v1/messages": {
        post: {
          operationId: "sendMessage",
          tags: ["Messages"],
          summary: "Send a message: validated, recorded and queued; a worker calls the provider",
          parameters: [idempotencyParam],
          requestBody: json(ref("SendMessage"), { connectorId: connectorExample.id, to: "+14155550123", message: "Your code is 481516", attributes: { orderId: 1234 } }),
          responses: {
            202: ok("Accepted: status `queued`, or `failed` with a reason (an invalid or suppressed number). A replay carries `Idempotent-Replayed: true`.", ref("Accepted"), { id: messageExample.id, status: "queued" }),
            ...errors(400, 403, 404, 409, 413, 422),
          },
        },
      },
      "/api/v1/messages/batch": {
        post: {
          operationId: "sendMessageBatch",
          tags: ["Messages"],
          summary: `Send up to ${MAX_BATCH_MESSAGES} messages in one request`,
          description: "Each entry is accepted or refused on its own: a bad entry is an error in its slot, never a failed batch.",
          parameters: [idempotencyParam],
          requestBody: json(ref("SendBatch"), {
            messages: [
              { connectorId: connectorExample.id, to: "+14155550123", message: "Hello Ada" },
              { connectorId: connectorExample.id, to: "123", message: "Hello Bob" },
              { connectorId: connectorExample.id, to: "+14155550124", message: "Hello Cy", sender: "NOPE" },
            ],
          }),
          responses: {
            202: ok("One entry per input message, in order", ref("BatchResult"), {
              data: [
                { id: messageExample.id, status: "queued" },
                { id: "cmd2x1a7q0003a8b2c3d4e5f6", status: "failed", reason: "Invalid mobile number" },
                errorExample("validation_failed", 'sender: This connector has no sender named "NOPE"', [{ field: "sender", message: 'This connector has no sender named "NOPE"' }]),
              ],
            }),
            ...errors(400, 403, 409, 413, 422),
          },
        },
      },
      "/api/v1/messages/{id}": {
        parameters: [{ ...idParam, example: messageExample.id }],
        get: { operationId: "getMessage", tags: ["Messages"], summary: "A message: status, reason, provider id and timeline", responses: { 200: ok("The message", ref("Message"), messageExample), ...errors(404) } },
      },
      "/api/v1/messages/{id}/attempt": {
        parameters: [{ ...idParam, example: messageExample.id }],
        get: {
          operationId: "getMessageAttempt",
          tags: ["Messages"],
          summary: "A message's last send attempt: the request as it went out (secrets masked) and the provider's answer",
          responses: {
            200: ok("The attempt", ref("MessageAttempt"), {
              attempts: 1,
              body: "Your code is 123456",
              request: { method: "POST", url: "https://api.acme-sms.example/v2/send?api_key=••••••••", headers: { "Content-Type": "application/json" }, body: '{"to":["+46700000000"],"text":"Your code is 123456"}' },
              response: { status: 200, headers: { "content-type": "application/json" }, body: '{"data":{"id":"a1b2c3"}}' },
            }),
            ...errors(404),
          },
        },
      },
      "/api/v1/user-attributes": {
        get: {
          operationId: "listUserAttributes",
          tags: ["Messages"],
          summary: "Recipient attribute names seen in the workspace's recent messages (API sends and audiences), for {{user.<name>}}; names only, never values",
          responses: { 200: ok("Attribute names, by name", ref("UserAttributes"), { data: [{ key: "city" }, { key: "first_name" }], nextCursor: null }), ...errors() },
        },
      },
      "/api/v1/suppressions": {
        get: {
          operationId: "listSuppressions",
          tags: ["Suppressions"],
          summary: "Numbers suppressed after repeated delivery failures, most recent first",
          description: "`?format=csv` downloads the whole list (up to 100,000 numbers, not paged) as RFC 4180 CSV.",
          parameters: [
            ...pageParams,
            { name: "format", in: "query", description: "`csv` for a download of the whole list", schema: { type: "string", enum: ["json", "csv"], default: "json" } },
            { name: "search", in: "query", description: "Part of a number", schema: { type: "string", maxLength: 32 } },
          ],
          responses: {
            200: {
              description: "A page of suppressed numbers (JSON), or the whole list (CSV)",
              headers: rateLimitHeaders,
              content: {
                "application/json": {
                  schema: ref("SuppressionList"),
                  example: { data: [{ phone: "+14155550123", consecutiveFailures: 3, lastReason: "UNDELIV: Absent subscriber", lastFailureAt: at, suppressedAt: at }], nextCursor: null },
                },
                "text/csv": {
                  schema: { type: "string", description: "Columns: phone, consecutive_failures, last_reason, last_failure_at, suppressed_at" },
                  example: `phone,consecutive_failures,last_reason,last_failure_at,suppressed_at\r\n+14155550123,3,UNDELIV: Absent subscriber,${at},${at}\r\n`,
                },
              },
            },
            ...errors(422),
          },
        },
      },
      "/api/v1/suppressions/{phone}": {
        parameters: [{ name: "phone", in: "path", required: true, schema: { type: "string" }, description: "E.164, URL-encoded (%2B for +)", example: "%2B14155550123" }],
        delete: { operationId: "releaseSuppression", tags: ["Suppressions"], summary: "Release a suppressed number", responses: { 204: noContent("Released"), ...errors(403, 404) } },
      },
      ...campaignPaths(),
      ...analyticsPaths(messageExample.id, connectorExample.id),
    },
  };
}
