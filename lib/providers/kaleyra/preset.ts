// Kaleyra v1 messages API: sends with an api-key header and a per-message callback, form-encoded with the
// callback as a JSON string as in Kaleyra's own samples (or JSON, as a setting). The reply's id path and the
// callback's field names are unverified, so both are settings with the likeliest defaults.
import { z } from "zod";
import type { JsonRow, KeyValueRow } from "@/lib/connectors/schema";
import {
  baseUrlSchema,
  deliveryReportSettingsSchema,
  formRow,
  identifierSchema,
  jsonRow,
  literal,
  plainValueSchema,
  secretSchema,
  trackingFrom,
  withFallback,
} from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const KALEYRA_REGIONS = ["default", "in", "eu"] as const;
export type KaleyraRegion = (typeof KALEYRA_REGIONS)[number];
export const KALEYRA_MESSAGE_TYPES = ["MKT", "TXN", "OTP", "DEFAULT"] as const;
/** `form`: application/x-www-form-urlencoded with `callback` as a JSON string, as Kaleyra's samples send it. */
export const KALEYRA_BODY_FORMATS = ["form", "json"] as const;

const REGION_HOSTS: Record<KaleyraRegion, string> = {
  default: "https://api.kaleyra.io",
  in: "https://api.in.kaleyra.io",
  eu: "https://api.eu.kaleyra.io",
};

export function kaleyraRegionUrl(region: KaleyraRegion): string {
  return REGION_HOSTS[region];
}

export const KALEYRA_DEFAULT_ID_PATH = "data[0].message_id";

export const KALEYRA_DEFAULT_REPORT = {
  messageIdField: "id",
  statusField: "status",
  reasonField: "reason",
  successValues: ["Delivered"],
  pendingValues: ["Sent"],
};

export const kaleyraSettingsSchema = z.object({
  region: z.enum(KALEYRA_REGIONS, { message: "Region must be default, in or eu" }).default("default"),
  sid: identifierSchema("SID", /^[A-Za-z0-9_-]{1,64}$/, "may only contain letters, digits, - and _ (Kaleyra console → Developers → API keys)"),
  apiKey: secretSchema("API key"),
  messageType: z.enum(KALEYRA_MESSAGE_TYPES, { message: "Message type must be MKT, TXN, OTP or DEFAULT" }).default("DEFAULT"),
  templateId: plainValueSchema("Template ID", { required: false, max: 64 }),
  bodyFormat: z.enum(KALEYRA_BODY_FORMATS, { message: "Request body must be form or json" }).default("form"),
  /** Empty: the region's URL. */
  baseUrl: baseUrlSchema("API base URL").default(""),
  idPath: z
    .string({ message: "Message id path is required" })
    .trim()
    .min(1, "Message id path is required")
    .max(300, "Message id path must be at most 300 characters")
    .default(KALEYRA_DEFAULT_ID_PATH),
  deliveryReport: deliveryReportSettingsSchema(KALEYRA_DEFAULT_REPORT),
});
export type KaleyraSettings = z.infer<typeof kaleyraSettingsSchema>;

function buildConfig(settings: KaleyraSettings): PresetConfig {
  const base = settings.baseUrl || kaleyraRegionUrl(settings.region);
  // [field, template]: the sender is the connector's own (its default when the message names none).
  const fields: Array<[string, string]> = [
    ["to", "{{destination | e164}}"],
    ["sender", "{{sender}}"],
    ["body", "{{message}}"],
    ["type", settings.messageType],
  ];
  // DLT template ids exist only in India: sent there always (a campaign's own id wins), elsewhere only when set.
  if (settings.region === "in" || settings.templateId !== "") fields.push(["template_id", withFallback("dlt_template_id", settings.templateId)]);
  fields.push(["ref", "{{message_id}}"]);
  const body: PresetConfig["request"]["body"] =
    settings.bodyFormat === "json"
      ? {
          type: "json",
          fields: [
            ...fields.map(([key, value]): JsonRow => jsonRow(key, value)),
            jsonRow("callback.url", "{{dlr_url}}"),
            jsonRow("callback.method", "POST"),
          ],
        }
      : {
          type: "form",
          // `| json` writes the URL as a JSON string literal, quotes and escaping included: callback={"url":"…","method":"POST"}.
          fields: [...fields.map(([key, value]): KeyValueRow => formRow(key, value)), formRow("callback", '{"url":{{dlr_url | json}},"method":"POST"}')],
        };
  return {
    request: {
      method: "POST",
      url: `${base}/v1/${settings.sid}/messages`,
      params: [],
      headers: [formRow("api-key", literal(settings.apiKey), true)],
      body,
      auth: { type: "none" },
    },
    response: { sentId: { from: "json", path: settings.idPath }, accepted: null, allowMissingId: false, errorReason: null },
    // Case-insensitive: the status spelling (Delivered or DELIVERED) is not documented.
    deliveryTracking: trackingFrom(settings.deliveryReport, true),
  };
}

export const kaleyraPreset = definePreset<KaleyraSettings, "kaleyra">({
  kind: "kaleyra",
  label: "Kaleyra",
  settingsSchema: kaleyraSettingsSchema,
  secretFields: ["apiKey"],
  defaults: {
    region: "default",
    messageType: "DEFAULT",
    templateId: "",
    bodyFormat: "form",
    baseUrl: "",
    idPath: KALEYRA_DEFAULT_ID_PATH,
    deliveryReport: { ...KALEYRA_DEFAULT_REPORT, successValues: [...KALEYRA_DEFAULT_REPORT.successValues], pendingValues: [...KALEYRA_DEFAULT_REPORT.pendingValues] },
  },
  advancedFields: ["bodyFormat", "baseUrl", "idPath", "deliveryReport"],
  buildConfig,
  dlrUrlNote: 'Sent with each message as callback={"url": …, "method": "POST"}; nothing to set in the Kaleyra console.',
  signatureNote: "Kaleyra does not sign delivery reports: the long, unguessable DLR URL is what protects them, so keep it private.",
  assumptions: [
    "The send reply carries the message id at data[0].message_id (some samples show data[0].id): editable as \"Message id path\".",
    "The body is form-encoded with callback as a JSON string, as in Kaleyra's samples; \"Request body\" switches to JSON with callback as an object.",
    "Delivery reports are JSON with the id in \"id\", the status in \"status\" and the failure reason in \"reason\": editable.",
    "Statuses: Delivered is delivered, Sent is pending, anything else (Failed, Undelivered …) not delivered, compared case-insensitively: editable.",
    "Recipients are sent in E.164 with the \"+\".",
    "Refusals come as HTTP 4xx; a 2xx reply always means accepted.",
  ],
});
