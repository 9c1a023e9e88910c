// How the fake SMS provider imitates ICS Mobile. ASSUMED: no public reference exists, so this is the
// shape the preset expects, not one copied from the provider:
//   POST /ics/v1/messages, Bearer token, JSON {username, password, type, sender, to, message, callback_url}
//   → 200 {"status":"success","messageId":"…"}; reports as generic JSON {messageId, status, reason, to}.
import type { ProviderEmulation } from "@/lib/providers/emulation";
import { bearerToken, callbackTarget, field, firstScalar, isRecord, jsonReply, params, plainFields } from "@/lib/providers/emulation-kit";

export const emulation: ProviderEmulation = {
  routes: [{ methods: ["POST"], path: "/ics/v1/messages", pattern: /^\/ics\/v1\/messages$/, bodyFallback: "json" }],
  note: "assumed API",
  reports: { format: "json", intermediate: [], success: "DELIVERED", failure: "UNDELIVERED", failureReason: "Absent subscriber" },
  errors: {
    unauthorized: { status: 401, code: "UNAUTHORIZED", message: "Invalid token" },
    rejected: { status: 200, code: "INSUFFICIENT_CREDIT", message: "Insufficient credit" },
    "rate-limit": { status: 429, code: "RATE_LIMITED", message: "Too many requests" },
    unavailable: { status: 503, code: "UNAVAILABLE", message: "Service unavailable" },
  },
  authorized: (send, apiKey) => bearerToken(send.headers) === apiKey,
  fields(send) {
    const body = params(send);
    return plainFields({
      to: firstScalar(isRecord(body) ? body.to : null),
      from: field(body, "sender") ?? field(body, "senderId"),
      text: field(body, "message"),
      reference: field(body, "reference"),
      callback: callbackTarget(field(body, "callback_url") ?? field(body, "callbackUrl")),
    });
  },
  invalid: (fields) => (fields.to ? null : { status: 400, code: "INVALID_REQUEST", message: "to is required" }),
  newId: (ids) => `ics-${ids.hex}-${ids.next()}`,
  accepted: (id, fields) => jsonReply(200, { status: "success", messageId: id, to: fields.to }),
  renderError: (spec) => jsonReply(spec.status, { status: "error", code: spec.code, message: spec.message }),
};
