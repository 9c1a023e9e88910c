// ICS Mobile. No public API reference exists: this preset is built around the fields its dashboard asks
// for (type, sender id, username, password, bearer token) and an ASSUMED JSON API, the one the fake
// provider in e2e/ emulates. Endpoint, field names, reply paths and status values are all settings.
import { z } from "zod";
import {
  baseUrlSchema,
  deliveryReportSettingsSchema,
  fieldPathSchema,
  formRow,
  jsonRow,
  literal,
  plainValueSchema,
  secretSchema,
  textSchema,
  trackingFrom,
} from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const ICS_DEFAULT_PATH = "/ics/v1/messages";
export const ICS_TYPES = ["service_implicit", "promotional"] as const;

export const ICS_DEFAULT_FIELDS = {
  username: "username",
  password: "password",
  type: "type",
  sender: "sender",
  to: "to",
  message: "message",
  callbackUrl: "callback_url",
};

export const ICS_DEFAULT_REPORT = {
  messageIdField: "messageId",
  statusField: "status",
  reasonField: "reason",
  successValues: ["DELIVERED"],
  pendingValues: ["ACCEPTED", "SENT", "SUBMITTED", "PENDING"],
};

const fieldNamesSchema = z
  .object({
    username: fieldPathSchema("Username field", ICS_DEFAULT_FIELDS.username),
    password: fieldPathSchema("Password field", ICS_DEFAULT_FIELDS.password),
    type: fieldPathSchema("Type field", ICS_DEFAULT_FIELDS.type),
    sender: fieldPathSchema("Sender field", ICS_DEFAULT_FIELDS.sender),
    to: fieldPathSchema("Recipient field", ICS_DEFAULT_FIELDS.to),
    message: fieldPathSchema("Message field", ICS_DEFAULT_FIELDS.message),
    callbackUrl: fieldPathSchema("Callback URL field", ICS_DEFAULT_FIELDS.callbackUrl),
  })
  .superRefine((names, ctx) => {
    const seen = new Map<string, string>();
    for (const [name, path] of Object.entries(names)) {
      const clash = seen.get(path);
      if (clash) ctx.addIssue({ code: "custom", path: [name], message: `Field name "${path}" is already used for ${clash}` });
      else seen.set(path, name);
    }
  })
  .default(ICS_DEFAULT_FIELDS);

export const icsMobileSettingsSchema = z.object({
  baseUrl: baseUrlSchema("API base URL").refine((value) => value !== "", "API base URL is required (ask ICS Mobile for it)"),
  path: z
    .string({ message: "Endpoint path is required" })
    .trim()
    .max(300, "Endpoint path must be at most 300 characters")
    .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, "Endpoint path must start with / and contain no spaces, query or placeholders")
    .default(ICS_DEFAULT_PATH),
  token: secretSchema("Bearer token"),
  username: textSchema("Username"),
  password: secretSchema("Password", { trim: false }),
  type: plainValueSchema("Type", { required: true, max: 50 }).default("service_implicit"),
  numberFormat: z.enum(["e164", "digits"], { message: "Number format must be e164 or digits" }).default("e164"),
  fields: fieldNamesSchema,
  idPath: z.string().trim().min(1, "Message id path is required").max(300, "Message id path must be at most 300 characters").default("messageId"),
  /** Empty: any 2xx reply is accepted. */
  acceptedPath: z.string().trim().max(300, "Accepted path must be at most 300 characters").default("status"),
  acceptedValues: z
    .array(z.string().trim().min(1, "Accepted values cannot have an empty value").max(100, "Accepted values: each at most 100 characters"))
    .max(50, "Accepted values: at most 50 values")
    .default(["success"]),
  deliveryReport: deliveryReportSettingsSchema(ICS_DEFAULT_REPORT),
}).superRefine((settings, ctx) => {
  if (settings.acceptedPath !== "" && settings.acceptedValues.length === 0) {
    ctx.addIssue({ code: "custom", path: ["acceptedValues"], message: "Accepted values: add at least one value, or clear the accepted path" });
  }
});
export type IcsMobileSettings = z.infer<typeof icsMobileSettingsSchema>;

function buildConfig(settings: IcsMobileSettings): PresetConfig {
  const names = settings.fields;
  return {
    request: {
      method: "POST",
      url: `${settings.baseUrl}${settings.path}`,
      params: [],
      headers: [formRow("Authorization", `Bearer ${literal(settings.token)}`, true)],
      body: {
        type: "json",
        fields: [
          jsonRow(names.username, literal(settings.username)),
          jsonRow(names.password, literal(settings.password), true),
          jsonRow(names.type, settings.type),
          // The connector's sender (its default when the message names none): asked once, in Senders.
          jsonRow(names.sender, "{{sender}}"),
          jsonRow(names.to, settings.numberFormat === "digits" ? "{{destination | digits}}" : "{{destination | e164}}"),
          jsonRow(names.message, "{{message}}"),
          jsonRow(names.callbackUrl, "{{dlr_url}}"),
        ],
      },
      auth: { type: "none" },
    },
    response: {
      sentId: { from: "json", path: settings.idPath },
      accepted: settings.acceptedPath === "" ? null : { path: settings.acceptedPath, values: [...settings.acceptedValues] },
      allowMissingId: false,
      errorReason: null,
    },
    deliveryTracking: trackingFrom(settings.deliveryReport, true),
  };
}

export const icsMobilePreset = definePreset<IcsMobileSettings, "ics-mobile">({
  kind: "ics-mobile",
  label: "ICS Mobile",
  settingsSchema: icsMobileSettingsSchema,
  secretFields: ["token", "password"],
  defaults: {
    path: ICS_DEFAULT_PATH,
    type: "service_implicit",
    numberFormat: "e164",
    fields: { ...ICS_DEFAULT_FIELDS },
    idPath: "messageId",
    acceptedPath: "status",
    acceptedValues: ["success"],
    deliveryReport: { ...ICS_DEFAULT_REPORT, successValues: [...ICS_DEFAULT_REPORT.successValues], pendingValues: [...ICS_DEFAULT_REPORT.pendingValues] },
  },
  advancedFields: ["path", "numberFormat", "fields", "idPath", "acceptedPath", "acceptedValues", "deliveryReport"],
  senderTypes: {
    field: "type",
    options: [
      { value: "service_implicit", label: "Service Implicit", hint: "Transactional and service messages" },
      { value: "promotional", label: "Promotional", hint: "Marketing messages" },
    ],
  },
  buildConfig,
  dlrUrlNote: "Sent with each message in the callback URL field (callback_url, assumed); if ICS Mobile takes it in its dashboard instead, paste it there.",
  signatureNote: "No signature is known for ICS Mobile callbacks: the long, unguessable DLR URL is what protects them, so keep it private.",
  assumptions: [
    "No public API reference was found: everything below is assumed and editable.",
    "Endpoint: POST {API base URL}/ics/v1/messages; there is no known default base URL.",
    "Authentication: Authorization: Bearer <token>, plus username and password in the JSON body.",
    "Body: JSON {username, password, type, sender, to, message, callback_url}; field names editable.",
    "Type values: service_implicit or promotional.",
    "Recipients in E.164 with the \"+\" (or digits only).",
    "Reply: {\"status\": \"success\", \"messageId\": \"…\"}; the send counts only when status is success, even on HTTP 200.",
    "Delivery reports: JSON {messageId, status, reason, to}; DELIVERED is delivered; ACCEPTED, SENT, SUBMITTED, PENDING are pending; anything else is not delivered; compared case-insensitively.",
  ],
});
