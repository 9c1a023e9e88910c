// Twilio Programmable Messaging: form-encoded sends with HTTP Basic auth, signed status callbacks.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { IncomingCallback } from "@/lib/delivery/callback-types";
import { baseUrlSchema, formRow, identifierSchema, secretSchema } from "../kit";
import { definePreset, type PresetConfig } from "../types";

export const TWILIO_SENDER_TYPES = ["long_code", "short_code", "messaging_service", "alphanumeric"] as const;
export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";

/** Statuses Twilio reports on the way to a final one; "accepted" and "scheduled" come from Messaging Services. */
export const TWILIO_PENDING_STATUSES = ["accepted", "queued", "sending", "sent", "scheduled"];

export const twilioSettingsSchema = z
  .object({
    accountSid: identifierSchema("Account SID", /^AC[0-9a-fA-F]{32}$/, "must be AC followed by 32 letters and digits (Twilio Console → Account info)"),
    authToken: secretSchema("Auth token"),
    senderType: z.enum(TWILIO_SENDER_TYPES, { message: "Sender type must be long code, short code, messaging service or alphanumeric" }).default("long_code"),
    messagingServiceSid: z.string({ message: "Messaging Service SID must be text" }).trim().default(""),
    baseUrl: baseUrlSchema("API base URL").default(TWILIO_DEFAULT_BASE_URL),
  })
  .superRefine((settings, ctx) => {
    if (settings.senderType !== "messaging_service") return;
    if (settings.messagingServiceSid === "") {
      ctx.addIssue({ code: "custom", path: ["messagingServiceSid"], message: "Messaging Service SID is required for the messaging service sender type" });
    } else if (!/^MG[0-9a-fA-F]{32}$/.test(settings.messagingServiceSid)) {
      ctx.addIssue({ code: "custom", path: ["messagingServiceSid"], message: "Messaging Service SID must be MG followed by 32 letters and digits" });
    }
  })
  .transform((settings) => (settings.baseUrl === "" ? { ...settings, baseUrl: TWILIO_DEFAULT_BASE_URL } : settings));
export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

function buildConfig(settings: TwilioSettings): PresetConfig {
  const credentials = Buffer.from(`${settings.accountSid}:${settings.authToken}`, "utf8").toString("base64");
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
    response: { sentId: { from: "json", path: "sid" }, accepted: null, allowMissingId: false },
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
  secretFields: ["authToken"],
  defaults: { senderType: "long_code", messagingServiceSid: "", baseUrl: TWILIO_DEFAULT_BASE_URL },
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
  dlrUrlNote: "Sent with each message as StatusCallback; nothing to set in the Twilio Console.",
  signatureNote:
    "Signed by Twilio (X-Twilio-Signature) and verified with the auth token. Behind a proxy or load balancer, set SWITCHBOARD_PUBLIC_URL to the address Twilio calls, or every callback fails the check.",
  assumptions: [],
});
