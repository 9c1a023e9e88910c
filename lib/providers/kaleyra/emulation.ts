// How the fake SMS provider imitates Kaleyra's v1 messages API:
//   POST /v1/:sid/messages, header api-key, a form body (to, sender, body, type, ref, callback={"url","method"} as a
//   JSON string, as Kaleyra's samples send it) or the same fields as JSON with callback as an object
//   → 202 {"data":[{"message_id"}]}; reports go to callback.url with callback.method (GET or POST JSON).
// The callback field names and the error codes are unverified.
import type { ProviderEmulation, ReportParts } from "@/lib/providers/emulation";
import { callbackTarget, compact, field, getReport, header, isRecord, jsonReply, params, plainFields, postJson, uuidId } from "@/lib/providers/emulation-kit";

function callbackReport(url: string, { messageId, status, reason, recipient, message }: ReportParts) {
  const values = compact({ id: messageId, status, to: recipient, sender: message?.from, reason, ref: message?.reference });
  return message?.callbackMethod === "GET" ? getReport(url, values) : postJson(url, values);
}

export const emulation: ProviderEmulation = {
  routes: [{ methods: ["POST"], path: "/v1/:sid/messages", pattern: /^\/v1\/([^/]+)\/messages$/, bodyFallback: "json" }],
  reports: { format: "kaleyra", intermediate: [], success: "Delivered", failure: "Failed", failureReason: "Absent subscriber" },
  reportFormats: { kaleyra: callbackReport },
  errors: {
    unauthorized: { status: 401, code: "E401", message: "Invalid API key" },
    rejected: { status: 400, code: "E413", message: "Insufficient balance" },
    "rate-limit": { status: 429, code: "E429", message: "Too many requests" },
    unavailable: { status: 503, code: "E503", message: "Service unavailable" },
  },
  authorized: (send, apiKey) => header(send.headers, "api-key") === apiKey,
  fields(send) {
    const body = params(send);
    return plainFields({
      to: field(body, "to"),
      from: field(body, "sender"),
      text: field(body, "body"),
      reference: field(body, "ref"),
      callback: callbackTarget(isRecord(body) ? body.callback : null),
    });
  },
  invalid: (fields) => (fields.to ? null : { code: "E110", message: "Invalid or missing recipient" }),
  newId: (ids) => uuidId(ids),
  accepted(id, fields, send) {
    const body = params(send);
    return jsonReply(202, {
      id,
      sender: fields.from,
      type: field(body, "type") ?? "DEFAULT",
      body: fields.text,
      createdDateTime: new Date().toISOString(),
      totalCount: 1,
      data: [{ message_id: id, recipient: fields.to }],
      error: {},
      ...(fields.reference ? { ref: fields.reference } : {}),
    });
  },
  renderError: (spec) => jsonReply(spec.status, { code: spec.code, message: spec.message, data: [], error: { message: spec.message } }),
};
