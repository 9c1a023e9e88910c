// Sinch SMS REST API ("XMS"): one batch per message, Bearer token, per-recipient delivery reports.
import { z } from "zod";
import { baseUrlSchema, formRow, identifierSchema, jsonRow, literal, secretSchema } from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const SINCH_REGIONS = ["us", "eu", "au", "br", "ca"] as const;
export type SinchRegion = (typeof SINCH_REGIONS)[number];

export function sinchRegionUrl(region: SinchRegion): string {
  return `https://${region}.sms.api.sinch.com`;
}

export const sinchSettingsSchema = z.object({
  region: z.enum(SINCH_REGIONS, { message: "Region must be one of us, eu, au, br or ca" }).default("us"),
  servicePlanId: identifierSchema("Service plan ID", /^[A-Za-z0-9_-]{1,64}$/, "may only contain letters, digits, - and _ (Sinch dashboard → SMS → APIs)"),
  apiToken: secretSchema("API token"),
  /** Empty: the region's URL. */
  baseUrl: baseUrlSchema("API base URL").default(""),
});
export type SinchSettings = z.infer<typeof sinchSettingsSchema>;

function buildConfig(settings: SinchSettings): PresetConfig {
  const base = settings.baseUrl || sinchRegionUrl(settings.region);
  return {
    request: {
      method: "POST",
      url: `${base}/xms/v1/${settings.servicePlanId}/batches`,
      params: [],
      headers: [formRow("Authorization", `Bearer ${literal(settings.apiToken)}`, true)],
      body: {
        type: "json",
        fields: [
          jsonRow("from", "{{sender}}"),
          // One recipient per batch, so the batch id names exactly one message.
          jsonRow("to[0]", "{{destination | e164}}"),
          jsonRow("body", "{{message}}"),
          // per_recipient (not per_recipient_final) so Queued and Dispatched show up as pending.
          jsonRow("delivery_report", "per_recipient"),
          jsonRow("callback_url", "{{dlr_url}}"),
          jsonRow("client_reference", "{{message_id}}"),
        ],
      },
      auth: { type: "none" },
    },
    // Refusals are {"code": "syntax_invalid_parameter_format", "text": "…"}.
    response: { sentId: { from: "json", path: "id" }, accepted: null, allowMissingId: false, errorReason: { codePath: "code", messagePath: "text" } },
    deliveryTracking: {
      messageIdField: "batch_id",
      statusField: "status",
      successValues: ["Delivered"],
      pendingValues: ["Queued", "Dispatched"],
      // The numeric code, so "Expired: 402" rather than a bare status in the error breakdown.
      failureReasonField: "code",
      caseInsensitive: false,
      authentication: { type: "none" },
    },
  };
}

export const sinchPreset = definePreset<SinchSettings, "sinch">({
  kind: "sinch",
  label: "Sinch",
  settingsSchema: sinchSettingsSchema,
  secretFields: ["apiToken"],
  defaults: { region: "us", baseUrl: "" },
  advancedFields: ["baseUrl"],
  buildConfig,
  dlrUrlNote: "Sent with each message as callback_url (per-recipient reports); nothing to set in the Sinch dashboard.",
  signatureNote:
    "Switchboard does not verify Sinch callbacks: the long, unguessable DLR URL is what protects them, so keep it private.",
  assumptions: [],
});
