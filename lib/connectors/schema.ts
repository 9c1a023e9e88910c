// The connector's shape: one zod schema serves the form, the server actions, the REST API and OpenAPI.
import { z } from "zod";
import { patternProblem } from "@/lib/security/safe-regex";
import { urlProblem } from "./url-problem";
import type { ConnectorWarning } from "./warnings";

/** What a secret value looks like whenever it leaves the server. Sending it back keeps the stored value. */
export const SECRET_MASK = "••••••••";

export const HTTP_METHODS = ["GET", "POST", "DELETE"] as const;
export const SENDER_TYPES = ["promotional", "transactional"] as const;
export const BODY_TYPES = ["none", "form", "json", "raw"] as const;
export const JSON_VALUE_TYPES = ["string", "number", "boolean"] as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** `a.b`, `to[0]`, `items[0].id`: the path a JSON body row writes to. */
const JSON_PATH = /^[A-Za-z0-9_$@-]+(\[\d+\])*(\.[A-Za-z0-9_$@-]+(\[\d+\])*)*$/;

const text = (max: number) => z.string().max(max, `Must be at most ${max} characters`);

export const keyValueRowSchema = z.object({
  key: z.string().trim().min(1, "Key is required").max(200, "Must be at most 200 characters"),
  value: text(8000).default(""),
  secret: z.boolean().default(false),
});
export type KeyValueRow = z.infer<typeof keyValueRowSchema>;

export const headerRowSchema = keyValueRowSchema.extend({
  key: z
    .string()
    .trim()
    .min(1, "Header name is required")
    .max(200, "Must be at most 200 characters")
    .regex(HEADER_NAME, "Header name may only contain letters, digits and - _ . ! # $ % & ' * + ^ ` | ~"),
});

export const jsonRowSchema = keyValueRowSchema.extend({
  key: z
    .string()
    .trim()
    .min(1, "Key is required")
    .max(200, "Must be at most 200 characters")
    .regex(JSON_PATH, "Use a field name or a path such as message.text or to[0]"),
  /** How the rendered value is written into the JSON body. */
  valueType: z.enum(JSON_VALUE_TYPES).default("string"),
});
export type JsonRow = z.infer<typeof jsonRowSchema>;

export const bodySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("form"), fields: z.array(keyValueRowSchema).max(100).default([]) }),
  z.object({ type: z.literal("json"), fields: z.array(jsonRowSchema).max(100).default([]) }),
  z.object({
    type: z.literal("raw"),
    contentType: z
      .string()
      .trim()
      .min(1, "Content type is required")
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, "Use a content type such as application/json or application/xml"),
    content: z.string().min(1, "Body is required").max(100_000, "Must be at most 100000 characters"),
  }),
]);
export type ConnectorBody = z.infer<typeof bodySchema>;

export const sentIdMappingSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("json"), path: z.string().trim().min(1, "JSON path is required").max(300) }),
  z.object({ from: z.literal("header"), name: z.string().trim().min(1, "Header name is required").max(200) }),
  z.object({
    from: z.literal("regex"),
    pattern: z
      .string()
      .min(1, "Pattern is required")
      .max(500)
      .superRefine((pattern, ctx) => {
        const problem = patternProblem(pattern, 1);
        if (problem) ctx.addIssue({ code: "custom", message: problem.replace("around the value", "around the id") });
      }),
  }),
]);
export type SentIdMapping = z.infer<typeof sentIdMappingSchema>;

export const acceptedCheckSchema = z.union([
  /** JSON or XML replies: the value at `path` must be one of `values`. */
  z.object({
    path: z.string().trim().min(1, "Path is required").max(300),
    values: z.array(z.string().trim().min(1)).min(1, "Add at least one value that means accepted").max(50),
  }),
  /** Text replies (`success | 9199… | id`): the body must match `pattern`. */
  z.object({
    pattern: z
      .string()
      .min(1, "Pattern is required")
      .max(500)
      .superRefine((pattern, ctx) => {
        const problem = patternProblem(pattern);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  }),
]);

export const responseSchema = z.object({
  sentId: sentIdMappingSchema.nullable().default(null),
  /** Providers that answer 200 with an error inside: the send counts only when this path holds one of the values. */
  accepted: acceptedCheckSchema.nullable().default(null),
  /**
   * False (the default): a 2xx reply in which `sentId` finds nothing is a failed send, because such a message could
   * never be matched to a delivery report. True for providers whose replies really carry no id: the message then
   * counts as sent but untracked.
   */
  allowMissingId: z.boolean().default(false),
  /**
   * Where a refusal (a non-2xx JSON reply) keeps the provider's error code and message, so the failure reads
   * `HTTP 400: 21211 The 'To' number is not a valid phone number.` rather than the raw reply.
   */
  errorReason: z
    .object({
      codePath: z.string().trim().max(300).default(""),
      messagePath: z.string().trim().max(300).default(""),
    })
    .nullable()
    .default(null),
});

/** How a connector's delivery-report URL checks that a callback really comes from the provider. */
export const callbackAuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({
    type: z.literal("hmac"),
    /** Header carrying hex (or `sha256=`-prefixed hex, or base64) HMAC-SHA256 of the raw body. */
    header: z.string().trim().min(1, "Header name is required").max(100).regex(HEADER_NAME, "Not a valid header name").default("X-Switchboard-Signature"),
    secret: z.string().min(1, "Shared secret is required").max(2000),
  }),
  z.object({
    type: z.literal("basic"),
    username: z.string().min(1, "Username is required").max(200),
    password: z.string().min(1, "Password is required").max(2000),
  }),
]);
export type CallbackAuth = z.infer<typeof callbackAuthSchema>;

/**
 * What a delivery report's message id field holds: the provider's id taken from the send reply, or Switchboard's
 * own message id, sent to gateways that echo a reference (`{{message_id}}`) and return no id of their own (Kannel).
 */
export const MATCH_BY = ["provider-id", "message-id"] as const;
export type MatchBy = (typeof MATCH_BY)[number];

/** An optional regular expression with one capture group, applied to a mapped field's value (`stat:(\w+)`). */
const extractPatternSchema = z
  .string()
  .max(500, "Must be at most 500 characters")
  .superRefine((pattern, ctx) => {
    const problem = pattern === "" ? null : patternProblem(pattern, 1);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .optional();

/** A provider's failure code and the words to show with it (`034` → `Network error`). */
export const reasonCodeSchema = z.object({
  code: z.string().trim().min(1, "Code is required").max(100, "Must be at most 100 characters"),
  text: z.string().trim().min(1, "Text is required").max(200, "Must be at most 200 characters"),
});
export type ReasonCode = z.infer<typeof reasonCodeSchema>;

export const deliveryTrackingSchema = z.object({
  messageIdField: z.string().trim().max(300).default(""),
  statusField: z.string().trim().max(300).default(""),
  successValues: z.array(z.string().trim().min(1)).max(100).default([]),
  pendingValues: z.array(z.string().trim().min(1)).max(100).default([]),
  failureReasonField: z.string().trim().max(300).default(""),
  caseInsensitive: z.boolean().default(false),
  // The fields below are optional so stored mappings and native presets stay valid as they are; absent means
  // matchBy "provider-id", no pattern and no reason codes (lib/delivery/mapping.ts reads them that way).
  matchBy: z.enum(MATCH_BY, { message: "matchBy must be provider-id or message-id" }).optional(),
  messageIdPattern: extractPatternSchema,
  statusPattern: extractPatternSchema,
  failureReasonPattern: extractPatternSchema,
  reasonCodes: z
    .array(reasonCodeSchema)
    .max(500, "At most 500 reason codes")
    .superRefine((codes, ctx) => {
      const seen = new Set<string>();
      codes.forEach((row, index) => {
        if (seen.has(row.code)) ctx.addIssue({ code: "custom", path: [index, "code"], message: `Code ${row.code} is listed twice` });
        seen.add(row.code);
      });
    })
    .optional(),
  authentication: callbackAuthSchema.default({ type: "none" }),
});
export type DeliveryTracking = z.infer<typeof deliveryTrackingSchema>;

export const senderSchema = z.object({
  name: z.string().trim().min(1, "Sender name is required").max(50, "Must be at most 50 characters"),
  type: z.enum(SENDER_TYPES, { message: "Choose promotional or transactional" }),
  default: z.boolean().default(false),
});
export type SenderInput = z.infer<typeof senderSchema>;

/** One or more senders with unique names and at most one default (the first becomes it when none is chosen). */
export const sendersSchema = z
  .array(senderSchema)
  .min(1, "Add at least one sender")
  .max(50)
  .superRefine((senders, ctx) => {
    if (senders.filter((s) => s.default).length > 1) ctx.addIssue({ code: "custom", message: "Only one sender can be the default" });
    const seen = new Set<string>();
    senders.forEach((sender, index) => {
      const key = sender.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "name"], message: "Sender names must be unique" });
      seen.add(key);
    });
  })
  .transform((senders) => (senders.some((s) => s.default) ? senders : senders.map((s, i) => ({ ...s, default: i === 0 }))));

export const AUTH_TYPES = ["none", "basic", "oauth2"] as const;
export const OAUTH_PLACEMENTS = ["header", "placeholder"] as const;

/** A secret of the authentication block: empty is allowed (an imported connector), the form asks for it before a send can work. */
const authSecret = z.string().max(2000, "Must be at most 2000 characters").default("");
/** Optional text; empty means not given (a plain string, so the OpenAPI document can describe what is answered). */
const optionalText = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`).optional();

/**
 * How the request authenticates, besides keys in rows: HTTP Basic, or an OAuth 2.0 client-credentials token
 * (fetched from `tokenUrl`, cached until shortly before it expires, shared by every worker). `password` and
 * `clientSecret` are secrets: sealed at rest, masked on the way out, kept when sent back masked.
 */
export const requestAuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({
    type: z.literal("basic"),
    username: z.string().trim().min(1, "Username is required").max(200, "Must be at most 200 characters").refine((value) => !value.includes(":"), "A Basic username cannot contain a colon"),
    password: authSecret,
  }),
  z.object({
    type: z.literal("oauth2"),
    tokenUrl: z
      .string()
      .trim()
      .min(1, "Token URL is required")
      .max(2000)
      .superRefine((value, ctx) => {
        const problem = /\{\{|\{%|Moesms_/.test(value) ? "The token URL is sent as written: it cannot use placeholders" : urlProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    clientId: z.string().trim().min(1, "Client ID is required").max(500, "Must be at most 500 characters"),
    clientSecret: authSecret,
    scope: optionalText(1000),
    audience: optionalText(1000),
    /** `header`: `Authorization: Bearer <token>`; `placeholder`: the token is `{{oauth_token}}` in the request's templates. */
    placement: z.enum(OAUTH_PLACEMENTS, { message: "Send the token as the header or as a placeholder" }).default("header"),
  }),
]);
export type RequestAuth = z.infer<typeof requestAuthSchema>;
export type OAuth2Auth = Extract<RequestAuth, { type: "oauth2" }>;

export const requestSchema = z
  .object({
    method: z.enum(HTTP_METHODS, { message: "Method must be GET, POST or DELETE" }),
    url: z
      .string()
      .trim()
      .min(1, "API URL is required")
      .max(2000)
      .superRefine((value, ctx) => {
        const problem = urlProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    params: z.array(keyValueRowSchema).max(100).default([]),
    headers: z.array(headerRowSchema).max(100).default([]),
    body: bodySchema.default({ type: "none" }),
    auth: requestAuthSchema.default({ type: "none" }),
  })
  .superRefine((request, ctx) => {
    if (request.method !== "POST" && request.body.type !== "none") {
      ctx.addIssue({ code: "custom", path: ["body", "type"], message: `A ${request.method} request cannot have a body` });
    }
  });
export type ConnectorRequest = z.infer<typeof requestSchema>;

/** A longer message fails before it is sent rather than being cut short by the provider (the default is 10 parts). */
export const DEFAULT_MAX_SEGMENTS = 10;
export const maxSegmentsSchema = z.coerce
  .number({ message: "Maximum segments must be a number" })
  .int("Maximum segments must be a whole number")
  .min(1, "Maximum segments must be at least 1")
  .max(255, "Maximum segments must be at most 255 (the most a concatenated SMS can have)");

export const connectorInputSchema = z
  .object({
    name: z.string().trim().min(1, "Connector name is required").max(100, "Must be at most 100 characters"),
    kind: z.literal("custom").default("custom"),
    senders: sendersSchema,
    request: requestSchema,
    response: responseSchema.default({ sentId: null, accepted: null, allowMissingId: false, errorReason: null }),
    deliveryTracking: deliveryTrackingSchema.optional(),
    timeoutMs: z.coerce
      .number({ message: "Timeout must be a number" })
      .int("Timeout must be a whole number of milliseconds")
      .min(100, "Timeout must be at least 100 ms")
      .max(60_000, "Timeout must be at most 60000 ms")
      .default(5000),
    throughputPerSecond: z.coerce
      .number({ message: "Throughput must be a number" })
      .int("Throughput must be a whole number")
      .min(1, "Throughput must be at least 1 message per second")
      .max(10_000, "Throughput must be at most 10000 messages per second")
      .default(50),
    maxSegments: maxSegmentsSchema.default(DEFAULT_MAX_SEGMENTS),
  });
export type ConnectorInput = z.infer<typeof connectorInputSchema>;
/** What a client sends: defaults may be left out. */
export type ConnectorInputDraft = z.input<typeof connectorInputSchema>;

/** PATCH: any top-level part may be left out; present parts replace the stored ones whole. */
export const connectorPatchSchema = z.object({
  name: z.string().trim().min(1, "Connector name is required").max(100, "Must be at most 100 characters").optional(),
  senders: z.array(senderSchema).min(1, "Add at least one sender").max(50).optional(),
  request: requestSchema.optional(),
  response: responseSchema.optional(),
  deliveryTracking: deliveryTrackingSchema.optional(),
  timeoutMs: z.coerce.number().int().min(100, "Timeout must be at least 100 ms").max(60_000, "Timeout must be at most 60000 ms").optional(),
  throughputPerSecond: z.coerce.number().int().min(1, "Throughput must be at least 1 message per second").max(10_000, "Throughput must be at most 10000 messages per second").optional(),
  maxSegments: maxSegmentsSchema.optional(),
});
export type ConnectorPatch = z.infer<typeof connectorPatchSchema>;

/** A mapping that cannot work as saved, e.g. reports matched by a provider id the send reply never gives. */
export interface TrackingWarning {
  code: "no-sent-id" | "no-message-id-sent";
  message: string;
}

/** A connector as it leaves the server: secrets masked, plus its id and delivery-report URL. */
export interface ConnectorView {
  id: string;
  name: string;
  kind: string;
  senders: SenderInput[];
  request: ConnectorRequest;
  response: z.infer<typeof responseSchema>;
  /** `warnings`: why reports cannot be matched as configured (lib/delivery/warnings.ts). */
  deliveryTracking: DeliveryTracking & { url: string; warnings: TrackingWarning[] };
  timeoutMs: number;
  throughputPerSecond: number;
  maxSegments: number;
  createdAt: string;
  updatedAt: string;
  /** What saves but cannot work as meant (the request never carries the recipient …); empty when all is well. */
  warnings: ConnectorWarning[];
  /** Native connectors: the provider form's values (secrets masked) and what the screen says about the provider. */
  settings?: Record<string, unknown>;
  provider?: { label: string; dlrUrlNote: string; signatureNote: string; assumptions: string[] };
}

/** Lower-cased host of an API URL; placeholders are not allowed in the host. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}
