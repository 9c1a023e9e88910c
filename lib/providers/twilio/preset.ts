// Twilio Programmable Messaging: form-encoded sends with HTTP Basic auth, signed status callbacks.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { IncomingCallback } from "@/lib/delivery/callback-types";
import type { DeliveryReport } from "@/lib/delivery/parse-callback";
import { baseUrlSchema, formRow, identifierSchema } from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const TWILIO_SENDER_TYPES = ["long_code", "short_code", "messaging_service", "alphanumeric"] as const;
export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";

/** Statuses Twilio reports on the way to a final one; "accepted" and "scheduled" come from Messaging Services. */
export const TWILIO_PENDING_STATUSES = ["accepted", "queued", "sending", "sent", "scheduled"];

export const TWILIO_AUTH_METHODS = ["auth_token", "api_key"] as const;

export const twilioSettingsSchema = z
  .object({
    accountSid: identifierSchema("Account SID", /^AC[0-9a-fA-F]{32}$/, "must be AC followed by 32 letters and digits (Twilio Console → Account info)"),
    /** Twilio's recommended way is an API key (SID + secret); the auth token still verifies status callbacks. */
    authMethod: z.enum(TWILIO_AUTH_METHODS, { message: "Authentication must be the auth token or an API key" }).default("auth_token"),
    authToken: z.string({ message: "Auth token must be text" }).trim().max(1000, "Auth token must be at most 1000 characters").default(""),
    apiKeySid: z.string({ message: "API key SID must be text" }).trim().default(""),
    apiKeySecret: z.string({ message: "API key secret must be text" }).trim().max(1000, "API key secret must be at most 1000 characters").default(""),
    senderType: z.enum(TWILIO_SENDER_TYPES, { message: "Sender type must be long code, short code, messaging service or alphanumeric" }).default("long_code"),
    messagingServiceSid: z.string({ message: "Messaging Service SID must be text" }).trim().default(""),
    baseUrl: baseUrlSchema("API base URL").default(TWILIO_DEFAULT_BASE_URL),
  })
  .superRefine((settings, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (settings.authMethod === "auth_token" && settings.authToken === "") issue("authToken", "Auth token is required");
    if (settings.authMethod === "api_key") {
      if (settings.apiKeySid === "") issue("apiKeySid", "API key SID is required");
      else if (!/^SK[0-9a-fA-F]{32}$/.test(settings.apiKeySid)) issue("apiKeySid", "API key SID must be SK followed by 32 letters and digits (Twilio Console → API keys)");
      if (settings.apiKeySecret === "") issue("apiKeySecret", "API key secret is required");
    }
    for (const [field, value] of [["authToken", settings.authToken], ["apiKeySecret", settings.apiKeySecret]] as const) {
      if (/\{%-?\s*endraw/.test(value)) issue(field, `${field === "authToken" ? "Auth token" : "API key secret"} cannot contain "{% endraw"`);
    }
    if (settings.senderType !== "messaging_service") return;
    if (settings.messagingServiceSid === "") {
      issue("messagingServiceSid", "Messaging Service SID is required for the messaging service sender type");
    } else if (!/^MG[0-9a-fA-F]{32}$/.test(settings.messagingServiceSid)) {
      issue("messagingServiceSid", "Messaging Service SID must be MG followed by 32 letters and digits");
    }
  })
  .transform((settings) => (settings.baseUrl === "" ? { ...settings, baseUrl: TWILIO_DEFAULT_BASE_URL } : settings));
export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

/**
 * Twilio's error codes as its documentation names them, for the codes a status callback's ErrorCode carries most
 * often: a failure then reads "undelivered: 30003 Unreachable destination handset", not a bare number.
 */
export const TWILIO_ERROR_CODES: Readonly<Record<string, string>> = {
  "30001": "Queue overflow",
  "30002": "Account suspended",
  "30003": "Unreachable destination handset",
  "30004": "Message blocked",
  "30005": "Unknown destination handset",
  "30006": "Landline or unreachable carrier",
  "30007": "Message filtered",
  "30008": "Unknown error",
  "30009": "Missing segment",
  "30010": "Message price exceeds max price",
  "30032": "Toll-free number has not been verified",
  "30034": "Message from an unregistered number",
  "21211": "Invalid 'To' phone number",
  "21408": "Permission to send an SMS has not been enabled for the region",
  "21610": "Attempt to send to unsubscribed recipient",
  "21614": "'To' number is not a valid mobile number",
};

/** Status callbacks carry ErrorCode alone; the report gets the code with Twilio's name for it. */
export function describeTwilioReport(report: DeliveryReport): DeliveryReport {
  const code = typeof report.ErrorCode === "string" ? report.ErrorCode.trim() : typeof report.ErrorCode === "number" ? String(report.ErrorCode) : "";
  const name = TWILIO_ERROR_CODES[code];
  return name ? { ...report, ErrorCode: `${code} ${name}` } : report;
}

function buildConfig(settings: TwilioSettings): PresetConfig {
  // An API key authenticates as its SID and secret; the account stays in the URL. Otherwise the account SID and token.
  const [user, password] = settings.authMethod === "api_key" ? [settings.apiKeySid, settings.apiKeySecret] : [settings.accountSid, settings.authToken];
  const credentials = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  const sender =
    settings.senderType === "messaging_service"
      ? formRow("MessagingServiceSid", settings.messagingServiceSid)
      : formRow("From", "{{sender}}");
  return {
    request: {
      method: "POST",
      url: `${settings.baseUrl}/2010-04-01/Accounts/${settings.accountSid}/Messages.json`,
      params: [],
      headers: [formRow("Authorization", `Basic ${credentials}`, true)],
      body: {
        type: "form",
        fields: [formRow("To", "{{destination | e164}}"), sender, formRow("Body", "{{message}}"), formRow("StatusCallback", "{{dlr_url}}")],
      },
      auth: { type: "none" },
    },
    // Refusals are {"code": 21211, "message": "The 'To' number …", "more_info": …, "status": 400}.
    response: { sentId: { from: "json", path: "sid" }, accepted: null, allowMissingId: false, errorReason: { codePath: "code", messagePath: "message" } },
    deliveryTracking: {
      messageIdField: "MessageSid",
      statusField: "MessageStatus",
      successValues: ["delivered"],
      pendingValues: [...TWILIO_PENDING_STATUSES],
      failureReasonField: "ErrorCode",
      caseInsensitive: false,
      authentication: { type: "none" },
    },
  };
}

/**
 * X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each POST parameter name and value, by name)).
 * The URL must be the one Twilio called (scheme, host, path and query), so behind a proxy it has to be
 * built from SWITCHBOARD_PUBLIC_URL, not from the address the app sees.
 */
export function verifyTwilioSignature(callback: IncomingCallback, settings: Pick<TwilioSettings, "authToken">): string | null {
  // With an API key and no auth token there is nothing to verify with (an API key secret cannot check the signature).
  if (settings.authToken === "") return null;
  const given = callback.headers.get("x-twilio-signature")?.trim();
  if (!given) return "Missing X-Twilio-Signature header";
  const params = isFormPost(callback) ? sortedParams(callback.body) : "";
  const signed = urlVariants(callback.url).some((url) => safeEqual(given, twilioSignatureFor(settings.authToken, url + params)));
  return signed ? null : "Invalid X-Twilio-Signature (check the auth token, and that SWITCHBOARD_PUBLIC_URL is the address Twilio calls)";
}

function twilioSignatureFor(authToken: string, payload: string): string {
  return createHmac("sha1", authToken).update(payload, "utf8").digest("base64");
}

/** Twilio signs the POST parameters of a form body only; a GET callback is signed on its URL alone. */
function isFormPost(callback: IncomingCallback): boolean {
  if (callback.method.toUpperCase() !== "POST") return false;
  const type = callback.headers.get("content-type") ?? "";
  return type === "" || type.toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** Name + value of every parameter, sorted by name (then value, for a repeated name), concatenated. */
function sortedParams(body: string): string {
  const pairs = [...new URLSearchParams(body)];
  pairs.sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  return pairs.map(([name, value]) => name + value).join("");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The URL as called, and the same with the default port written out or left out: Twilio's own helpers
 * accept both, because proxies differ on whether the port stays in the Host header.
 */
function urlVariants(raw: string): string[] {
  const match = /^(https?):\/\/([^/?#]*)/i.exec(raw);
  if (!match) return [raw];
  const [prefix, scheme, authority] = match;
  const defaultPort = scheme.toLowerCase() === "https" ? "443" : "80";
  const rest = raw.slice(prefix.length);
  const withoutPort = authority.replace(new RegExp(`:${defaultPort}$`), "");
  const variants = [raw, `${scheme}://${withoutPort}${rest}`];
  // An IPv6 literal ends in "]"; any other authority without ":" has no port written.
  if (!/:\d*$/.test(authority)) variants.push(`${scheme}://${authority}:${defaultPort}${rest}`);
  return [...new Set(variants)];
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkSender(sender: string, settings: TwilioSettings): string | null {
  switch (settings.senderType) {
    case "long_code":
      return /^\+[1-9]\d{6,14}$/.test(sender) ? null : "A long code sender must be a phone number in E.164 format, such as +15557654321";
    case "short_code":
      return /^\d{3,8}$/.test(sender) ? null : "A short code sender is 3 to 8 digits, such as 89798";
    case "alphanumeric":
      return /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(sender)
        ? null
        : "An alphanumeric sender ID has at most 11 letters, digits and spaces, with at least one letter";
    case "messaging_service":
      // Twilio picks the number from the service's pool; the sender name is only a label here.
      return null;
  }
}

export const twilioPreset = definePreset<TwilioSettings, "twilio">({
  kind: "twilio",
  label: "Twilio",
  settingsSchema: twilioSettingsSchema,
  secretFields: ["authToken", "apiKeySecret"],
  defaults: { authMethod: "auth_token", senderType: "long_code", messagingServiceSid: "", baseUrl: TWILIO_DEFAULT_BASE_URL },
  advancedFields: ["baseUrl"],
  senderTypes: {
    field: "senderType",
    options: [
      { value: "long_code", label: "Long code", hint: "A phone number in E.164 format, such as +15557654321" },
      { value: "short_code", label: "Short code", hint: "3 to 8 digits, such as 89798" },
      { value: "messaging_service", label: "Messaging service", hint: "Twilio picks a number from the service; senders are labels" },
      { value: "alphanumeric", label: "Alphanumeric sender ID", hint: "Up to 11 letters and digits, in countries that allow it" },
    ],
  },
  checkSender,
  buildConfig,
  verifyCallback: verifyTwilioSignature,
  normalizeReport: describeTwilioReport,
  dlrUrlNote: "Sent with each message as StatusCallback; nothing to set in the Twilio Console.",
  signatureNote:
    "Signed by Twilio (X-Twilio-Signature) and verified with the auth token. With an API key, add the auth token too, or callbacks are accepted unverified. Behind a proxy or load balancer, set SWITCHBOARD_PUBLIC_URL to the address Twilio calls, or every callback fails the check.",
  assumptions: [],
});
