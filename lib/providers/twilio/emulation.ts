// How the fake SMS provider imitates Twilio Programmable Messaging:
//   POST /2010-04-01/Accounts/:sid/Messages.json, Basic sid:token (or an API key, Basic SK…:secret, with the account
//   SID in the URL), form To/From|MessagingServiceSid/Body/StatusCallback
//   → 201 {"sid":"SM…","status":"queued"}; reports queued → sent → delivered|undelivered as form posts
//   signed with X-Twilio-Signature.
import { createHmac } from "node:crypto";
import type { ProviderEmulation, ReportParts, SendRequest } from "@/lib/providers/emulation";
import { basicCredentials, callbackTarget, compact, field, jsonReply, params, plainFields, postForm, stringEntries } from "@/lib/providers/emulation-kit";

/** Signs reports when neither the fake's apiKey nor a Basic password gave us the real token. */
export const DEFAULT_TWILIO_AUTH_TOKEN = "fake-twilio-auth-token";

/** base64(HMAC-SHA1(token, url + each POST param name and value, sorted by name)), as Twilio signs. */
export function twilioSignature(authToken: string, url: string, values: Record<string, string>): string {
  const payload = Object.keys(values)
    .sort()
    .reduce((acc, key) => acc + key + values[key], url);
  return createHmac("sha1", authToken).update(payload, "utf8").digest("base64");
}

function statusCallback(url: string, { messageId, status, reason, recipient, message }: ReportParts) {
  const values = stringEntries(compact({
    AccountSid: message?.accountSid ?? "AC00000000000000000000000000000000",
    ApiVersion: "2010-04-01",
    ErrorCode: reason,
    From: message?.from,
    MessageSid: messageId,
    MessageStatus: status,
    SmsSid: messageId,
    SmsStatus: status,
    To: recipient,
  }));
  const report = postForm(url, values);
  report.headers["x-twilio-signature"] = twilioSignature(message?.signingKey ?? DEFAULT_TWILIO_AUTH_TOKEN, url, values);
  return report;
}

function authTokenOf(send: SendRequest): string | null {
  const basic = basicCredentials(send.headers);
  return basic && basic.user === send.pathParams[0] ? basic.password : null;
}

export const emulation: ProviderEmulation = {
  routes: [{ methods: ["POST"], path: "/2010-04-01/Accounts/:sid/Messages.json", pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/, bodyFallback: "form" }],
  reports: { format: "twilio", intermediate: ["queued", "sent"], success: "delivered", failure: "undelivered", failureReason: "30003" },
  reportFormats: { twilio: statusCallback },
  errors: {
    unauthorized: { status: 401, code: 20003, message: "Authenticate" },
    rejected: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
    "rate-limit": { status: 429, code: 20429, message: "Too Many Requests" },
    unavailable: { status: 503, code: 20503, message: "Service Unavailable" },
  },
  authorized(send, apiKey) {
    const basic = basicCredentials(send.headers);
    // The account SID and auth token, or an API key (SID SK…) and its secret for the account in the URL.
    return basic !== null && (basic.user === send.pathParams[0] || /^SK[0-9a-fA-F]{32}$/.test(basic.user)) && basic.password === apiKey;
  },
  fields(send) {
    const body = params(send);
    return plainFields({
      to: field(body, "To"),
      from: field(body, "From") ?? field(body, "MessagingServiceSid"),
      text: field(body, "Body"),
      callback: callbackTarget(field(body, "StatusCallback")),
      accountSid: send.pathParams[0] ?? null,
      // Twilio signs with the account's auth token: the Basic password when the app authenticated with it (an API
      // key's secret is not the token, so then the default stands in for the account's token).
      signingKey: send.apiKey ?? authTokenOf(send) ?? DEFAULT_TWILIO_AUTH_TOKEN,
    });
  },
  invalid(fields) {
    if (!fields.to) return { code: 21604, message: "A 'To' phone number is required." };
    if (!fields.from) return { code: 21603, message: "A 'From' phone number is required." };
    if (!fields.text) return { code: 21602, message: "Message body is required." };
    return null;
  },
  newId: (ids) => `SM${ids.hex}${ids.next().toString(16).padStart(20, "0")}`,
  accepted(id, fields, send) {
    const body = params(send);
    const serviceSid = field(body, "MessagingServiceSid");
    const now = new Date().toUTCString();
    const account = send.pathParams[0];
    return jsonReply(201, {
      account_sid: account,
      api_version: "2010-04-01",
      body: fields.text,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: field(body, "From"),
      messaging_service_sid: serviceSid,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid: id,
      status: serviceSid && !field(body, "From") ? "accepted" : "queued",
      to: fields.to,
      uri: `/2010-04-01/Accounts/${account}/Messages/${id}.json`,
    });
  },
  renderError(spec) {
    const headers: Record<string, string> = spec.status === 401 ? { "www-authenticate": 'Basic realm="Twilio API"' } : {};
    return jsonReply(spec.status, { code: spec.code, message: spec.message, more_info: `https://www.twilio.com/docs/errors/${spec.code}`, status: spec.status }, headers);
  },
};
