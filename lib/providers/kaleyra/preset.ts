// Kaleyra v1 messages API: JSON sends with an api-key header and a per-message callback. The reply's id
// path and the callback's field names are unverified, so both are settings with the likeliest defaults.
import { z } from "zod";
import type { JsonRow } from "@/lib/connectors/schema";
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
  sender: plainValueSchema("Sender ID", { required: true, max: 20 }),
  messageType: z.enum(KALEYRA_MESSAGE_TYPES, { message: "Message type must be MKT, TXN, OTP or DEFAULT" }).default("DEFAULT"),
  templateId: plainValueSchema("Template ID", { required: false, max: 64 }),
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
  const fields: JsonRow[] = [
    jsonRow("to", "{{destination | e164}}"),
    jsonRow("sender", withFallback("sender", settings.sender)),
    jsonRow("body", "{{message}}"),
    jsonRow("type", settings.messageType),
  ];
  // DLT template ids exist only in India: sent there always (a campaign's own id wins), elsewhere only when set.
  if (settings.region === "in" || settings.templateId !== "") {
    fields.push(jsonRow("template_id", withFallback("dlt_template_id", settings.templateId)));
  }
  fields.push(
    jsonRow("ref", "{{message_id}}"),
    jsonRow("callback.url", "{{dlr_url}}"),
    jsonRow("callback.method", "POST"),
  );
  return {
    request: {
      method: "POST",
      url: `${base}/v1/${settings.sid}/messages`,
      params: [],
      headers: [formRow("api-key", literal(settings.apiKey), true)],
      body: { type: "json", fields },
      auth: { type: "none" },
    },
    response: { sentId: { from: "json", path: settings.idPath }, accepted: null, allowMissingId: false },
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
    baseUrl: "",
    idPath: KALEYRA_DEFAULT_ID_PATH,
    deliveryReport: { ...KALEYRA_DEFAULT_REPORT, successValues: [...KALEYRA_DEFAULT_REPORT.successValues], pendingValues: [...KALEYRA_DEFAULT_REPORT.pendingValues] },
  },
  advancedFields: ["baseUrl", "idPath", "deliveryReport"],
  buildConfig,
  dlrUrlNote: 'Sent with each message as callback {"url": …, "method": "POST"}; nothing to set in the Kaleyra console.',
  signatureNote: "Kaleyra does not sign delivery reports: the long, unguessable DLR URL is what protects them, so keep it private.",
  assumptions: [
    "The send reply carries the message id at data[0].message_id (some samples show data[0].id): editable as \"Message id path\".",
    "The callback goes in the JSON body as an object {\"url\", \"method\"}; Kaleyra's form-data examples send it as a JSON string.",
    "Delivery reports are JSON with the id in \"id\", the status in \"status\" and the failure reason in \"reason\": editable.",
    "Statuses: Delivered is delivered, Sent is pending, anything else (Failed, Undelivered …) not delivered, compared case-insensitively: editable.",
    "Recipients are sent in E.164 with the \"+\".",
    "Refusals come as HTTP 4xx; a 2xx reply always means accepted.",
  ],
});
