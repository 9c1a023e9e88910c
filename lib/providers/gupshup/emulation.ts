// How the fake SMS provider imitates Gupshup's Enterprise SMS API:
//   POST (the connector's default: a form body) or GET /GatewayAPI/rest with method=SendMessage&send_to=…&msg=…
//   &msg_type=TEXT|Unicode_Text&mask=…&password=… → `success | phone | id`
//   (or JSON with format=json). Gupshup takes no callback URL per message: reports go to the URL set on the
//   account (the fake's dlrUrl), as GET query strings, or on demand as the POST array of its newer API.
// Refusals are HTTP 200 with an error line; the codes are unverified except 105.
import type { ProviderEmulation, ReportParts } from "@/lib/providers/emulation";
import { compact, digitsOnly, field, getReport, jsonReply, numericPairId, params, plainFields, postJson, textReply } from "@/lib/providers/emulation-kit";

function getReportOf(url: string, { messageId, status, reason, recipient, message }: ReportParts) {
  const success = status.toUpperCase() === "SUCCESS";
  return getReport(url, compact({
    externalId: messageId,
    deliveredTS: Date.now(),
    status,
    cause: reason ?? (success ? "SUCCESS" : "UNKNOWN"),
    phoneNo: digitsOnly(recipient),
    errCode: success ? "000" : "001",
    noOfFrags: 1,
    mask: message?.from,
  }));
}

function postReportOf(url: string, { messageId, status, reason, recipient, message }: ReportParts) {
  const delivered = status.toUpperCase() === "DELIVERED";
  const destination = digitsOnly(recipient);
  return postJson(url, [compact({
    externalId: messageId,
    eventType: status,
    eventTs: Date.now(),
    destAddr: destination === "" ? null : Number(destination),
    srcAddr: message?.from,
    cause: reason ?? (delivered ? "SUCCESS" : "UNKNOWN"),
    errCode: delivered ? "000" : "001",
    noOfFrags: 1,
  })]);
}

export const emulation: ProviderEmulation = {
  routes: [{ methods: ["GET", "POST"], path: "/GatewayAPI/rest", pattern: /^\/GatewayAPI\/rest$/, bodyFallback: "form" }],
  reports: { format: "gupshup-get", intermediate: [], success: "SUCCESS", failure: "FAILURE", failureReason: "ABSENT_SUBSCRIBER" },
  reportFormats: { "gupshup-get": getReportOf, "gupshup-post": postReportOf },
  errors: {
    unauthorized: { status: 200, code: 105, message: "Invalid userid" },
    rejected: { status: 200, code: 322, message: "Insufficient credit" },
    "rate-limit": { status: 429, code: 429, message: "Too many requests" },
    unavailable: { status: 503, code: 503, message: "Service unavailable" },
  },
  authorized: (send, apiKey) => field(params(send), "password") === apiKey,
  fields(send) {
    const body = params(send);
    return plainFields({ to: field(body, "send_to"), from: field(body, "mask"), text: field(body, "msg") });
  },
  invalid(fields, send) {
    if ((field(params(send), "method") ?? "").toLowerCase() !== "sendmessage") return { code: 101, message: "Unsupported method" };
    // Gupshup lists TEXT, Unicode_text, flash, VCARD and binary; the codes of its refusal are unverified.
    const type = (field(params(send), "msg_type") ?? "TEXT").toLowerCase();
    if (!["text", "unicode_text", "flash", "vcard", "binary"].includes(type)) return { code: 175, message: "Invalid message type" };
    if (!fields.to) return { code: 102, message: "The phone number is missing" };
    return null;
  },
  newId: (ids) => numericPairId(ids),
  accepted(id, fields, send) {
    const phone = digitsOnly(fields.to);
    if ((field(params(send), "format") ?? "").toLowerCase() === "json") {
      return jsonReply(200, { response: { id, phone, details: "", status: "success" } });
    }
    return textReply(200, `success | ${phone} | ${id}`);
  },
  renderError: (spec) => textReply(spec.status, `error | ${spec.code} | ${spec.message}`),
};
