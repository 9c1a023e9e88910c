// Gupshup Enterprise SMS: the GatewayAPI with a text reply, and account-level delivery reports that
// arrive as a GET query string or, on request, as a POST with a JSON array.
import { z } from "zod";
import type { DeliveryReport } from "@/lib/delivery/parse-callback";
import type { KeyValueRow } from "@/lib/connectors/schema";
import { baseUrlSchema, formRow, literal, secretSchema, textSchema, withFallback } from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const GUPSHUP_DEFAULT_BASE_URL = "https://enterprise.smsgupshup.com";
export const GUPSHUP_METHODS = ["GET", "POST"] as const;
/** `auto`: TEXT when the message fits GSM-7, Unicode_Text when it needs UCS-2 (lib/messages/segments.ts decides). */
export const GUPSHUP_MESSAGE_TYPES = ["auto", "TEXT", "Unicode_Text"] as const;

/** msg_type as a template: it follows each message's text. */
export const GUPSHUP_AUTO_MESSAGE_TYPE = "{% if unicode %}Unicode_Text{% else %}TEXT{% endif %}";

const digitsSchema = (label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(30, `${label} must be at most 30 digits`)
    .regex(/^\d*$/, `${label} may only contain digits`)
    .default("");

export const gupshupSettingsSchema = z
  .object({
    userId: textSchema("User ID"),
    password: secretSchema("Password", { trim: false }),
    dltTemplateId: digitsSchema("DLT template ID"),
    principalEntityId: digitsSchema("Principal entity ID"),
    /** POST keeps the password out of URLs (and so out of proxy and server logs). */
    method: z.enum(GUPSHUP_METHODS, { message: "Method must be GET or POST" }).default("POST"),
    messageType: z.enum(GUPSHUP_MESSAGE_TYPES, { message: "Message type must be auto, TEXT or Unicode_Text" }).default("auto"),
    /** Gupshup reports UNKNOWN when the operator never answered; by default that counts as not delivered. */
    unknownStatus: z.enum(["failure", "pending"], { message: "UNKNOWN status must count as failure or pending" }).default("failure"),
    baseUrl: baseUrlSchema("API base URL").default(GUPSHUP_DEFAULT_BASE_URL),
  })
  .transform((settings) => (settings.baseUrl === "" ? { ...settings, baseUrl: GUPSHUP_DEFAULT_BASE_URL } : settings));
export type GupshupSettings = z.infer<typeof gupshupSettingsSchema>;

function buildConfig(settings: GupshupSettings): PresetConfig {
  const fields: KeyValueRow[] = [
    formRow("method", "SendMessage"),
    // Gupshup wants digits only: 919999999999, no "+".
    formRow("send_to", "{{destination | digits}}"),
    formRow("msg", "{{message}}"),
    formRow("msg_type", settings.messageType === "auto" ? GUPSHUP_AUTO_MESSAGE_TYPE : settings.messageType),
    formRow("userid", literal(settings.userId)),
    formRow("password", literal(settings.password), true),
    formRow("auth_scheme", "plain"),
    formRow("v", "1.1"),
    formRow("format", "text"),
    // The sender is the connector's sender (its default when the message names none): asked once, in Senders.
    formRow("mask", "{{sender}}"),
    // A message's own DLT template id (a campaign's) wins over the connector's.
    formRow("dltTemplateId", withFallback("dlt_template_id", settings.dltTemplateId)),
  ];
  if (settings.principalEntityId !== "") fields.push(formRow("principalEntityId", settings.principalEntityId));

  const url = `${settings.baseUrl}/GatewayAPI/rest`;
  const request: PresetConfig["request"] =
    settings.method === "GET"
      ? { method: "GET", url, params: fields, headers: [], body: { type: "none" }, auth: { type: "none" } }
      : { method: "POST", url, params: [], headers: [], body: { type: "form", fields }, auth: { type: "none" } };

  return {
    request,
    response: {
      // `success | 919999999999 | 3562707498794989059-328736121207676738`: the id is the third field.
      sentId: { from: "regex", pattern: "^success\\s*\\|\\s*[^|\\s]+\\s*\\|\\s*([^|\\s]+)" },
      // Refusals come with HTTP 200: `error | 105 | Invalid userid`.
      accepted: { pattern: "^success" },
      // Every accepted Gupshup reply carries the id; one without it is a failure, not an untracked send.
      allowMissingId: false,
      // Refusals are text (`error | 105 | Invalid userid`), quoted as they come.
      errorReason: null,
    },
    deliveryTracking: {
      messageIdField: "externalId",
      statusField: "status",
      successValues: ["SUCCESS"],
      pendingValues: settings.unknownStatus === "pending" ? ["UNKNOWN"] : [],
      failureReasonField: "cause",
      caseInsensitive: false,
      authentication: { type: "none" },
    },
  };
}

/**
 * GET reports carry `status` (SUCCESS, FAILURE, UNKNOWN); POST reports carry `eventType` (DELIVERED …)
 * instead. The POST ones get the GET vocabulary, so one mapping and one error breakdown cover both.
 */
export function normalizeGupshupReport(report: DeliveryReport): DeliveryReport {
  if (Object.hasOwn(report, "status") || !Object.hasOwn(report, "eventType")) return report;
  const event = typeof report.eventType === "string" ? report.eventType.trim().toUpperCase() : "";
  const status = event === "DELIVERED" ? "SUCCESS" : event === "UNKNOWN" ? "UNKNOWN" : "FAILURE";
  const hasCause = typeof report.cause === "string" ? report.cause.trim() !== "" : report.cause !== undefined && report.cause !== null;
  // Without a cause the event itself (UNDELIVERED, EXPIRED …) is the most telling reason.
  return { ...report, status, ...(hasCause || event === "" ? {} : { cause: event }) };
}

export const gupshupPreset = definePreset<GupshupSettings, "gupshup">({
  kind: "gupshup",
  label: "Gupshup",
  settingsSchema: gupshupSettingsSchema,
  secretFields: ["password"],
  defaults: {
    dltTemplateId: "",
    principalEntityId: "",
    method: "POST",
    messageType: "auto",
    unknownStatus: "failure",
    baseUrl: GUPSHUP_DEFAULT_BASE_URL,
  },
  advancedFields: ["method", "messageType", "unknownStatus", "baseUrl"],
  buildConfig,
  normalizeReport: normalizeGupshupReport,
  dlrUrlNote:
    "Gupshup does not take a callback URL with each message: paste this URL in the Gupshup Enterprise console as your account's delivery-report (push DLR) URL, or send it to Gupshup support. Both the GET reports and the JSON POST reports are read.",
  signatureNote:
    "Gupshup does not sign delivery reports: the long, unguessable DLR URL is what protects them, so keep it private.",
  assumptions: [
    "UNKNOWN (the operator never confirmed) counts as not delivered; set \"UNKNOWN status\" to pending to leave such messages as sent.",
    "POST reports: eventType DELIVERED means delivered, UNKNOWN unknown, and every other event not delivered.",
    "msg_type follows the text: TEXT when it fits GSM-7, Unicode_Text when it needs UCS-2. Gupshup's pages spell it Unicode_text and Unicode_Text; the value is assumed to be read without regard to case.",
    "The DLT template ID is sent empty when neither the message nor the connector has one; Gupshup is assumed to ignore it outside India.",
  ],
});
