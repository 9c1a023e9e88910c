// How the fake SMS provider imitates Sinch's XMS API:
//   POST /xms/v1/:plan/batches, Bearer token, JSON {from, to[], body, delivery_report, callback_url, client_reference}
//   → 201 {"id":"01…"}; a recipient_delivery_report_sms per recipient when delivery_report is per_recipient(_final).
// Error codes and texts are unverified beyond the {code, text} shape of XMS errors.
import type { ProviderEmulation, ReportParts } from "@/lib/providers/emulation";
import { bearerToken, callbackTarget, compact, field, firstScalar, isRecord, jsonReply, plainFields, postJson } from "@/lib/providers/emulation-kit";

function sinchCode(status: string, reason: string | null): number {
  if (status === "Delivered") return 0;
  if (status === "Queued") return 400;
  if (status === "Dispatched") return 401;
  return reason && /^\d+$/.test(reason) ? Number(reason) : 402;
}

function recipientReport(url: string, { messageId, status, reason, recipient, message }: ReportParts) {
  const now = new Date().toISOString();
  return postJson(url, compact({
    type: "recipient_delivery_report_sms",
    batch_id: messageId,
    recipient,
    code: sinchCode(status, reason),
    status,
    at: now,
    operator_status_at: now,
    client_reference: message?.reference,
  }));
}

export const emulation: ProviderEmulation = {
  routes: [{ methods: ["POST"], path: "/xms/v1/:plan/batches", pattern: /^\/xms\/v1\/([^/]+)\/batches$/, bodyFallback: "json" }],
  reports: { format: "sinch", intermediate: [], success: "Delivered", failure: "Failed", failureReason: "402" },
  reportFormats: { sinch: recipientReport },
  errors: {
    unauthorized: { status: 401, code: "unauthorized", message: "Invalid authentication token" },
    rejected: { status: 400, code: "syntax_invalid_parameter_format", message: "Invalid recipient" },
    "rate-limit": { status: 429, code: "too_many_requests", message: "Too many requests" },
    unavailable: { status: 503, code: "service_unavailable", message: "Service unavailable" },
  },
  authorized: (send, apiKey) => bearerToken(send.headers) === apiKey,
  fields(send) {
    const deliveryReport = field(send.body, "delivery_report") ?? "none";
    return plainFields({
      to: isRecord(send.body) ? firstScalar(send.body.to) : null,
      from: field(send.body, "from"),
      text: field(send.body, "body"),
      reference: field(send.body, "client_reference"),
      callback: callbackTarget(field(send.body, "callback_url")),
      // Batch-level reports (summary/full) are not emulated; per_recipient(_final) ones are.
      wantsReports: deliveryReport.startsWith("per_recipient"),
    });
  },
  invalid(fields) {
    if (!fields.to) return { code: "syntax_constraint_violation", message: "to: must not be empty" };
    if (!fields.text) return { code: "syntax_constraint_violation", message: "body: must not be null" };
    return null;
  },
  newId: (ids) => `01${ids.hex.toUpperCase()}${ids.next().toString(16).toUpperCase().padStart(12, "0")}`,
  accepted(id, fields, send) {
    const now = new Date();
    return jsonReply(201, {
      id,
      to: isRecord(send.body) && Array.isArray(send.body.to) ? send.body.to : [fields.to],
      from: fields.from,
      canceled: false,
      body: fields.text,
      type: "mt_text",
      created_at: now.toISOString(),
      modified_at: now.toISOString(),
      delivery_report: field(send.body, "delivery_report") ?? "none",
      expire_at: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      flash_message: false,
      ...(fields.reference ? { client_reference: fields.reference } : {}),
    });
  },
  renderError: (spec) => jsonReply(spec.status, { code: spec.code, text: spec.message }),
};
