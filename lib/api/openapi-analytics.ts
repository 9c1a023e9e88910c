// The workspace dashboard, the message log's filters and export, and a message's attempt history in the OpenAPI
// document.
import { z } from "zod";
import { METRICS_RANGES } from "@/lib/delivery/metrics-range";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";
import { dateTime, errors, jsonSchema, ok, rateLimitHeaders, ref } from "./openapi-kit";

const at = "2026-12-01T09:30:00.000Z";
const inspectedRequest = z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string().nullable() });
const inspectedResponse = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() });

const countsSchema = z.object({
  attempted: z.number().int(),
  sent: z.number().int().describe("Reached the provider: sent, delivered or undelivered"),
  failedToSend: z.number().int(),
  delivered: z.number().int(),
  failedToDeliver: z.number().int(),
  pending: z.number().int().describe("Queued, sending, or sent with the provider's id and waiting for a delivery report"),
  untracked: z.number().int().describe("Sent without a provider message id: no report can match them, so they are never pending"),
  deliveryRate: z.number().describe("delivered / sent; 0 when nothing was sent"),
});
const windowSchema = z.object({ failures: z.number().int(), attempted: z.number().int(), rate: z.number() });
const dashboardSchema = z.object({
  range: z.enum(Object.keys(METRICS_RANGES) as [string, ...string[]]),
  since: dateTime().describe("Start of the period; it ends now"),
  hasMessages: z.boolean().describe("Whether the workspace has sent any message at all"),
  totals: countsSchema,
  connectors: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), metrics: countsSchema })).describe("Every connector, busiest first"),
  failureReasons: z.array(z.object({ kind: z.enum(["send", "delivery"]), reason: z.string(), count: z.number().int() })).describe("The most frequent, across connectors"),
  flags: z.array(
    z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("reports-stopped"),
        connectorId: z.string(),
        connectorName: z.string(),
        lastReportAt: dateTime(),
        sentSince: z.number().int().describe("Messages that reached the provider in the last `hours` hours"),
        hours: z.number().int(),
      }),
      z.object({
        kind: z.literal("failure-rate"),
        connectorId: z.string(),
        connectorName: z.string(),
        recent: windowSchema.describe("The last 24 hours"),
        baseline: windowSchema.describe("The 7 days before them"),
      }),
    ]),
  ),
});
const attemptEntrySchema = z.object({
  attempt: z.number().int().describe("1 for the first"),
  at: dateTime().nullable(),
  outcome: z.string().describe("Why it was retried, why it failed, or that it was accepted"),
  retried: z.boolean().describe("A later attempt superseded it"),
  request: inspectedRequest.nullable().describe("As it went out, secret values masked"),
  response: inspectedResponse.nullable().describe("The provider's answer (body truncated)"),
});

export function analyticsSchemas(): Record<string, unknown> {
  return {
    WorkspaceDashboard: jsonSchema(dashboardSchema, "output"),
    MessageAttemptList: jsonSchema(z.object({ data: z.array(attemptEntrySchema) }), "output"),
  };
}

const counts = { attempted: 40, sent: 38, failedToSend: 2, delivered: 30, failedToDeliver: 4, pending: 4, untracked: 0, deliveryRate: 0.7895 };

/** The message log's filters, shared by its page and its CSV export. */
export const messageLogParams = [
  { name: "search", in: "query", description: "A whole number with its + (exact), or some of its digits", schema: { type: "string", maxLength: 32 }, example: "+14155550123" },
  { name: "status", in: "query", description: "Only messages in this status", schema: { type: "string", enum: [...MESSAGE_STATUSES] } },
  { name: "sender", in: "query", description: "Only messages from this sender", schema: { type: "string", maxLength: 50 } },
  { name: "test", in: "query", description: "true: only test sends; false: only live messages", schema: { type: "string", enum: ["true", "false"] } },
  { name: "since", in: "query", description: "From this UTC day (2026-11-29) or instant (2026-11-29T09:30:00Z) on", schema: { type: "string" } },
  { name: "until", in: "query", description: "To the end of this UTC day, or up to (not including) this instant", schema: { type: "string" } },
];

const messageLogCsv = {
  "text/csv": {
    schema: { type: "string", description: "Columns: created_at, to, status, reason, sender, test, provider_message_id, segments, message_id" },
    example: `created_at,to,status,reason,sender,test,provider_message_id,segments,message_id\r\n${at},+14155550123,delivered,,ACME,false,acme-7f3a9c,1,cmd2x1a7q0002a8b2c3d4e5f6\r\n`,
  },
};

export function analyticsPaths(messageId: string, connectorId: string): Record<string, unknown> {
  return {
    "/api/v1/connectors/{id}/messages/export": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: connectorId }],
      get: {
        operationId: "exportConnectorMessages",
        tags: ["Messages"],
        summary: "Every message of the connector that the filters keep, newest first, streamed as CSV (not paged)",
        description: "Cells a spreadsheet would run as a formula (starting with =, +, -, @) are written with a leading `'`; plain numbers such as +14155550123 are left as they are.",
        parameters: messageLogParams,
        responses: { 200: { description: "The CSV download", headers: rateLimitHeaders, content: messageLogCsv }, ...errors(404, 422) },
      },
    },
    "/api/v1/dashboard": {
      get: {
        operationId: "getWorkspaceDashboard",
        tags: ["Delivery"],
        summary: "The workspace's delivery over a period: totals, a row per connector, top failure reasons, and flagged connectors",
        description:
          "Flags do not depend on the period: `reports-stopped` when a connector that had delivery reports has had none for 6 hours while messages went out, `failure-rate` when the last 24 hours failed at least 10 points more often, and at least twice as often, as the 7 days before (10 messages or more in each).",
        parameters: [{ name: "range", in: "query", description: "The period, ending now", schema: { type: "string", enum: Object.keys(METRICS_RANGES), default: "24h" } }],
        responses: {
          200: ok("The dashboard", ref("WorkspaceDashboard"), {
            range: "24h",
            since: "2026-11-30T09:30:00.000Z",
            hasMessages: true,
            totals: counts,
            connectors: [{ id: "cmd2x1a7q0000a8b2c3d4e5f6", name: "Acme SMS", kind: "custom", metrics: counts }],
            failureReasons: [{ kind: "delivery", reason: "UNDELIV: Absent subscriber", count: 4 }],
            flags: [
              {
                kind: "failure-rate",
                connectorId: "cmd2x1a7q0000a8b2c3d4e5f6",
                connectorName: "Acme SMS",
                recent: { failures: 6, attempted: 38, rate: 0.1579 },
                baseline: { failures: 3, attempted: 410, rate: 0.0073 },
              },
            ],
          }),
          ...errors(422),
        },
      },
    },
    "/api/v1/messages/{id}/attempts": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: messageId }],
      get: {
        operationId: "listMessageAttempts",
        tags: ["Messages"],
        summary: "Every send attempt of a message, oldest first: request (secrets masked), response and what came of it",
        responses: {
          200: ok("The attempts", ref("MessageAttemptList"), {
            data: [
              {
                attempt: 1,
                at,
                outcome: "Retrying in 2 s: HTTP 503",
                retried: true,
                request: { method: "POST", url: "https://api.acme-sms.example/v2/send", headers: {}, body: '{"to":"+14155550123"}' },
                response: { status: 503, headers: { "retry-after": "2" }, body: "busy" },
              },
              {
                attempt: 2,
                at: "2026-12-01T09:30:02.100Z",
                outcome: "Accepted: provider id acme-7f3a9c",
                retried: false,
                request: { method: "POST", url: "https://api.acme-sms.example/v2/send", headers: {}, body: '{"to":"+14155550123"}' },
                response: { status: 200, headers: {}, body: '{"data":{"id":"acme-7f3a9c"}}' },
              },
            ],
          }),
          ...errors(404),
        },
      },
    },
  };
}
