// The campaigns part of the OpenAPI document: create (JSON or a multipart CSV upload), list, read, control,
// analytics, per-recipient results and invalid rows.
import { z } from "zod";
import { CAMPAIGN_STATUSES, campaignCreateSchema, campaignDraftSchema, campaignFieldsSchema, startCampaignSchema } from "@/lib/campaigns/schema";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";
import { dateTime, errors, idempotencyParam, inputSchema, json, jsonSchema, noContent, ok, page, pageParams, ref, type JsonSchema } from "./openapi-kit";

const at = "2026-12-01T09:30:00.000Z";
const progressSchema = z.object(Object.fromEntries(MESSAGE_STATUSES.map((status) => [status, z.number().int()])) as Record<(typeof MESSAGE_STATUSES)[number], z.ZodNumber>);

const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  statusReason: z.string().nullable().describe("Why it stopped when it did not stop by itself, e.g. its connector was deleted"),
  connectorId: z.string().nullable().describe("Null once the connector was deleted"),
  connectorName: z.string(),
  sender: z.string(),
  message: z.string().describe("The message template; {{user.<column>}} reads each recipient's columns"),
  dltTemplateId: z.string().nullable(),
  scheduledAt: dateTime().nullable(),
  timeZone: z.string(),
  startedAt: dateTime().nullable(),
  completedAt: dateTime().nullable(),
  createdAt: dateTime(),
  defaultCountry: z.string().nullable(),
  phoneColumn: z.string().nullable(),
  columns: z.array(z.string()).describe("The audience's attribute columns"),
  audience: z.object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), duplicates: z.number().int(), suppressed: z.number().int() }),
  progress: progressSchema.describe("Recipients by message status"),
});

const recipientResultSchema = z.object({
  messageId: z.string(),
  to: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
});

const analyticsSchema = z.object({
  attempted: z.number().int(),
  sent: z.number().int(),
  failedToSend: z.number().int(),
  delivered: z.number().int(),
  failedToDeliver: z.number().int(),
  pending: z.number().int(),
  untracked: z.number().int(),
  deliveryRate: z.number(),
  failureReasons: z.array(z.object({ kind: z.enum(["send", "delivery"]), reason: z.string(), count: z.number().int() })),
  sender: z.string(),
  overTime: z.object({
    bucket: z.enum(["minute", "hour", "day"]),
    points: z.array(z.object({ at: dateTime(), sent: z.number().int(), delivered: z.number().int(), failedToSend: z.number().int(), failedToDeliver: z.number().int() })),
  }),
});

const previewSchema = z.object({
  text: z.string().nullable(),
  error: z.string().nullable(),
  characters: z.number().int(),
  segments: z.number().int(),
  encoding: z.enum(["GSM-7", "UCS-2"]),
  recipient: z.object({ messageId: z.string(), to: z.string(), attributes: z.record(z.string(), z.string()) }).nullable(),
  audience: z.object({ recipients: z.number().int(), totalSegments: z.number().int(), estimated: z.boolean(), failing: z.number().int() }),
});

const progressExample = { queued: 9200, sending: 50, sent: 300, delivered: 410, undelivered: 30, failed: 10, cancelled: 0 };
const campaignExample = {
  id: "cmd3c0a1b0001a8b2c3d4e5f6",
  name: "Spring sale",
  status: "running",
  statusReason: null,
  connectorId: "cmd2x0k3f0001a8b2c3d4e5f6",
  connectorName: "Acme SMS",
  sender: "ACME",
  message: "Hi {{user.first_name | default: \"there\"}}, 20% off until Sunday!",
  dltTemplateId: null,
  scheduledAt: null,
  timeZone: "UTC",
  startedAt: at,
  completedAt: null,
  createdAt: at,
  defaultCountry: "SE",
  phoneColumn: "phone",
  columns: ["first_name", "city"],
  audience: { rows: 10_050, valid: 10_000, invalid: 20, duplicates: 25, suppressed: 5 },
  progress: progressExample,
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, example: campaignExample.id };

export function campaignSchemas(): Record<string, JsonSchema> {
  return {
    Campaign: jsonSchema(campaignSchema, "output"),
    CampaignCreate: { ...inputSchema(campaignCreateSchema), description: "Exactly one of `recipients` and `audienceCsv` (or upload the CSV as multipart/form-data)." },
    CampaignUpload: {
      type: "object",
      description:
        "The campaign's fields as form fields, then the CSV as `file` (the fields must come before the file). With `?draft=true`, `message` may be left out: give it with PATCH before `POST /start`.",
      properties: {
        ...(inputSchema(campaignFieldsSchema) as { properties: Record<string, unknown> }).properties,
        file: { type: "string", contentMediaType: "text/csv", description: "UTF-8 (with or without BOM), comma or semicolon, a header row" },
      },
      required: ["name", "connectorId", "message", "file"],
    },
    CampaignDraftChange: inputSchema(campaignDraftSchema),
    CampaignStart: inputSchema(startCampaignSchema),
    CampaignAnalytics: jsonSchema(analyticsSchema, "output"),
    CampaignPreview: jsonSchema(previewSchema, "output"),
    CampaignPage: page(jsonSchema(campaignSchema, "output")),
    RecipientResultPage: page(jsonSchema(recipientResultSchema, "output")),
    InvalidRowPage: page(jsonSchema(z.object({ line: z.number().int(), reason: z.string(), raw: z.string() }), "output")),
    AudiencePreview: jsonSchema(
      z.object({ columns: z.array(z.string()), phoneColumn: z.string().nullable(), recipients: z.array(z.object({ messageId: z.string(), to: z.string(), attributes: z.record(z.string(), z.string()) })) }),
      "output",
    ),
  };
}

const csv = (description: string, example: string) => ({ description, content: { "text/csv": { schema: { type: "string" }, example } } });

export function campaignPaths(): Record<string, unknown> {
  const control = (action: "pause" | "resume" | "cancel", summary: string) => ({
    parameters: [idParam],
    post: {
      operationId: `${action}Campaign`,
      tags: ["Campaigns"],
      summary,
      responses: { 200: ok("The campaign", ref("Campaign"), { ...campaignExample, status: action === "pause" ? "paused" : action === "cancel" ? "cancelled" : "running" }), ...errors(403, 404, 409) },
    },
  });
  return {
    "/api/v1/campaigns": {
      get: {
        operationId: "listCampaigns",
        tags: ["Campaigns"],
        summary: "Campaigns, newest first",
        parameters: [...pageParams, { name: "status", in: "query", schema: { type: "string", enum: [...CAMPAIGN_STATUSES] } }],
        responses: { 200: ok("A page of campaigns", ref("CampaignPage"), { data: [campaignExample], nextCursor: null }), ...errors(422) },
      },
      post: {
        operationId: "createCampaign",
        tags: ["Campaigns"],
        summary: "Create a campaign from JSON recipients, a CSV as text, or an uploaded CSV; it starts at once, or at scheduledAt",
        description:
          "Invalid rows do not fail the create: they are counted and listed by line. A CSV with no valid row or no phone column, or over the size limit (200 MB by default), is a 422 naming why; nothing is created. `?draft=true` keeps the campaign unsent until `POST /start`.",
        parameters: [idempotencyParam, { name: "draft", in: "query", schema: { type: "boolean" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: ref("CampaignCreate"),
              example: { name: "Spring sale", connectorId: campaignExample.connectorId, message: campaignExample.message, defaultCountry: "SE", audienceCsv: "phone,first_name\n0701234567,Anna\n" },
            },
            "multipart/form-data": { schema: ref("CampaignUpload") },
          },
        },
        responses: { 201: ok("The campaign", ref("Campaign"), campaignExample), ...errors(400, 403, 404, 413, 422) },
      },
    },
    "/api/v1/campaigns/{id}": {
      parameters: [idParam],
      get: { operationId: "getCampaign", tags: ["Campaigns"], summary: "A campaign with its audience counts and progress", responses: { 200: ok("The campaign", ref("Campaign"), campaignExample), ...errors(404) } },
      patch: {
        operationId: "updateCampaignDraft",
        tags: ["Campaigns"],
        summary: "Change a draft's name, message, DLT template id or sender (409 once started)",
        requestBody: json(ref("CampaignDraftChange"), { message: "Hi {{user.first_name}}!" }),
        responses: { 200: ok("The draft", ref("Campaign"), { ...campaignExample, status: "draft" }), ...errors(400, 403, 404, 409, 422) },
      },
      delete: { operationId: "deleteCampaignDraft", tags: ["Campaigns"], summary: "Delete a draft and its audience (409 once started)", responses: { 204: noContent("Deleted"), ...errors(403, 404, 409) } },
    },
    "/api/v1/campaigns/{id}/start": {
      parameters: [idParam],
      post: {
        operationId: "startCampaign",
        tags: ["Campaigns"],
        summary: "Start a draft now, or at scheduledAt (a local time read in timeZone, or a time with an offset)",
        requestBody: { required: false, content: { "application/json": { schema: ref("CampaignStart"), example: { scheduledAt: "2026-12-01T09:00", timeZone: "Europe/Stockholm" } } } },
        responses: { 200: ok("The campaign", ref("Campaign"), { ...campaignExample, status: "scheduled", scheduledAt: "2026-12-01T08:00:00.000Z", timeZone: "Europe/Stockholm" }), ...errors(403, 404, 409, 422) },
      },
    },
    "/api/v1/campaigns/{id}/pause": control("pause", "Pause: no more messages are handed to the provider until it is resumed"),
    "/api/v1/campaigns/{id}/resume": control("resume", "Resume a paused campaign where it stopped"),
    "/api/v1/campaigns/{id}/cancel": control("cancel", "Cancel: every recipient not yet handed to the provider is cancelled; nothing is resent"),
    "/api/v1/campaigns/{id}/metrics": {
      parameters: [idParam],
      get: {
        operationId: "getCampaignMetrics",
        tags: ["Campaigns"],
        summary: "The campaign's metrics in the connector metrics' shape, its sender, and sends and deliveries over time",
        responses: {
          200: ok("Metrics", ref("CampaignAnalytics"), {
            attempted: 10_000,
            sent: 9_990,
            failedToSend: 10,
            delivered: 9_800,
            failedToDeliver: 150,
            pending: 40,
            untracked: 0,
            deliveryRate: 0.981,
            failureReasons: [{ kind: "delivery", reason: "034 Network error", count: 150 }],
            sender: "ACME",
            overTime: { bucket: "minute", points: [{ at, sent: 3_000, delivered: 2_950, failedToSend: 2, failedToDeliver: 40 }] },
          }),
          ...errors(404),
        },
      },
    },
    "/api/v1/campaigns/{id}/recipients": {
      parameters: [idParam],
      get: {
        operationId: "listCampaignRecipients",
        tags: ["Campaigns"],
        summary: "Per-recipient results in file order; `?status=failed,undelivered` for list clean-up; `?format=csv` downloads them all",
        parameters: [...pageParams, { name: "status", in: "query", schema: { type: "string" }, example: "failed,undelivered" }, { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"] } }],
        responses: {
          200: {
            ...ok("A page of results", ref("RecipientResultPage"), {
              data: [{ messageId: "cmd4m0001", to: "+46701234567", status: "undelivered", reason: "034 Network error", providerMessageId: "a1b2", attributes: { first_name: "Anna" } }],
              nextCursor: null,
            }),
            content: {
              ...ok("", ref("RecipientResultPage"), { data: [], nextCursor: null }).content,
              ...csv("The results as CSV (formulas defused), every attribute a column", "to,status,reason,provider_message_id,message_id,first_name\r\n+46701234567,undelivered,034 Network error,a1b2,cmd4m0001,Anna\r\n").content,
            },
          },
          ...errors(404, 422),
        },
      },
    },
    "/api/v1/campaigns/{id}/invalid-rows": {
      parameters: [idParam],
      get: {
        operationId: "listCampaignInvalidRows",
        tags: ["Campaigns"],
        summary: "The audience rows that could not be used, by line (the header is line 1), with why; `?format=csv` downloads them all",
        parameters: [...pageParams, { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"] } }],
        responses: {
          200: {
            ...ok("A page of invalid rows", ref("InvalidRowPage"), { data: [{ line: 5, reason: "Invalid mobile number: 12", raw: "12,Dan" }], nextCursor: null }),
            content: {
              ...ok("", ref("InvalidRowPage"), { data: [], nextCursor: null }).content,
              ...csv("The invalid rows as CSV", "line,reason,row\r\n5,Invalid mobile number: 12,\"12,Dan\"\r\n").content,
            },
          },
          ...errors(404, 422),
        },
      },
    },
    "/api/v1/campaigns/{id}/audience": {
      parameters: [idParam],
      get: {
        operationId: "previewCampaignAudience",
        tags: ["Campaigns"],
        summary: "The audience's columns and its first recipients, in file order",
        responses: { 200: ok("The audience", ref("AudiencePreview"), { columns: ["first_name"], phoneColumn: "phone", recipients: [{ messageId: "cmd4m0001", to: "+46701234567", attributes: { first_name: "Anna" } }] }), ...errors(404) },
      },
    },
    "/api/v1/campaigns/{id}/preview": {
      parameters: [idParam],
      get: {
        operationId: "previewCampaignMessage",
        tags: ["Campaigns"],
        summary: "The message (`?message=`, else the saved one) as a recipient (`?recipient=<messageId>`, else the first) gets it, and the audience's total segments",
        parameters: [{ name: "message", in: "query", schema: { type: "string" } }, { name: "recipient", in: "query", schema: { type: "string" } }],
        responses: {
          200: ok("The preview", ref("CampaignPreview"), {
            text: "Hi Anna, 20% off until Sunday!",
            error: null,
            characters: 30,
            segments: 1,
            encoding: "GSM-7",
            recipient: { messageId: "cmd4m0001", to: "+46701234567", attributes: { first_name: "Anna" } },
            audience: { recipients: 10_000, totalSegments: 10_000, estimated: true, failing: 0 },
          }),
          ...errors(404, 422),
        },
      },
    },
  };
}
