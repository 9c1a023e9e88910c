import { describe, expect, it } from "vitest";
import { deliveryTrackingSchema, type DeliveryTracking } from "@/lib/connectors/schema";
import { parseCallback, type CallbackRequest, type DeliveryReport } from "./parse-callback";
import {
  GUPSHUP_ID,
  SINCH_BATCH_ID,
  TWILIO_SID,
  gupshupGetDelivered,
  gupshupGetFailed,
  gupshupPostEvents,
  kaleyraFailed,
  sinchDelivered,
  sinchExpired,
  smppReceiptText,
  twilioDelivered,
  twilioSent,
  twilioUndelivered,
  xmlBatch,
} from "./provider-callbacks.fixture";
import {
  DELIVERY_OUTCOMES,
  MAX_REASON_LENGTH,
  readText,
  resolveStatus,
  type DeliveryOutcome,
} from "./resolve-status";

/** A mapping as the API would store it: through the real schema, defaults filled in. */
const tracking = (input: Partial<DeliveryTracking>): DeliveryTracking => deliveryTrackingSchema.parse(input);

const reportsOf = (request: CallbackRequest) => parseCallback(request).reports;
const resolveFirst = (request: CallbackRequest, mapping: DeliveryTracking) => resolveStatus(reportsOf(request)[0], mapping);

describe("resolveStatus: provider callbacks", () => {
  const twilioMapping = tracking({
    messageIdField: "MessageSid",
    statusField: "MessageStatus",
    successValues: ["delivered"],
    pendingValues: ["accepted", "queued", "sending", "sent"],
    failureReasonField: "ErrorCode",
  });

  it("Twilio delivered", () => {
    expect(resolveFirst(twilioDelivered, twilioMapping)).toEqual({
      ok: true,
      providerMessageId: TWILIO_SID,
      messageId: null,
      outcome: "delivered",
      status: "delivered",
      reason: null,
    });
  });

  it("Twilio sent is pending, not a failure", () => {
    expect(resolveFirst(twilioSent, twilioMapping)).toMatchObject({ ok: true, outcome: "pending", status: "sent", reason: null });
  });

  it("Twilio undelivered carries the status and the error code", () => {
    expect(resolveFirst(twilioUndelivered, twilioMapping)).toMatchObject({
      ok: true,
      outcome: "undelivered",
      reason: "undelivered: 30003",
    });
  });

  it("Twilio failed without an error code gives the status as the reason", () => {
    const failed = { ...twilioDelivered, body: twilioDelivered.body.replaceAll("=delivered", "=failed") };
    expect(resolveFirst(failed, twilioMapping)).toMatchObject({ outcome: "undelivered", reason: "failed" });
  });

  const sinchMapping = tracking({
    messageIdField: "batch_id",
    statusField: "status",
    successValues: ["Delivered"],
    pendingValues: ["Queued", "Dispatched"],
    failureReasonField: "code",
  });

  it("Sinch delivered", () => {
    expect(resolveFirst(sinchDelivered, sinchMapping)).toEqual({
      ok: true,
      providerMessageId: SINCH_BATCH_ID,
      messageId: null,
      outcome: "delivered",
      status: "Delivered",
      reason: null,
    });
  });

  it("Sinch expired: the numeric code is written as text after the status", () => {
    expect(resolveFirst(sinchExpired, sinchMapping)).toMatchObject({ outcome: "undelivered", reason: "Expired: 402" });
  });

  it("Sinch: a code of 0 is a value, not an empty field", () => {
    const mapping = tracking({ ...sinchMapping, statusField: "code", successValues: ["0"] });
    expect(resolveFirst(sinchDelivered, mapping)).toMatchObject({ outcome: "delivered", status: "0" });
  });

  it("Sinch: 'Delivered' does not match 'delivered' unless the match is case-insensitive", () => {
    const lower = tracking({ ...sinchMapping, successValues: ["delivered"] });
    expect(resolveFirst(sinchDelivered, lower)).toMatchObject({ outcome: "undelivered", reason: "Delivered: 0" });
    expect(resolveFirst(sinchDelivered, { ...lower, caseInsensitive: true })).toMatchObject({ outcome: "delivered" });
  });

  const gupshupGetMapping = tracking({
    messageIdField: "externalId",
    statusField: "status",
    successValues: ["SUCCESS"],
    pendingValues: ["UNKNOWN"],
    failureReasonField: "cause",
  });

  it("Gupshup GET success and failure", () => {
    expect(resolveFirst(gupshupGetDelivered, gupshupGetMapping)).toMatchObject({
      ok: true,
      providerMessageId: GUPSHUP_ID,
      messageId: null,
      outcome: "delivered",
      reason: null,
    });
    expect(resolveFirst(gupshupGetFailed, gupshupGetMapping)).toMatchObject({
      outcome: "undelivered",
      status: "FAILURE",
      reason: "FAILURE: ABSENT_SUBSCRIBER",
    });
  });

  it("Gupshup POST: each event of the array resolves on its own", () => {
    const mapping = tracking({
      messageIdField: "externalId",
      statusField: "eventType",
      successValues: ["DELIVERED"],
      failureReasonField: "cause",
    });
    expect(reportsOf(gupshupPostEvents).map((report) => resolveStatus(report, mapping))).toEqual([
      { ok: true, providerMessageId: GUPSHUP_ID, messageId: null, outcome: "delivered", status: "DELIVERED", reason: null },
      {
        ok: true,
        providerMessageId: "3798318073013708082-252169030017029882",
        messageId: null,
        outcome: "undelivered",
        status: "FAILED",
        reason: "FAILED: UNKNOWN_SUBSCRIBER",
      },
    ]);
  });

  it("Gupshup POST: a numeric field reads as its digits", () => {
    const mapping = tracking({ messageIdField: "destAddr", statusField: "eventType", successValues: ["DELIVERED"] });
    expect(resolveFirst(gupshupPostEvents, mapping)).toMatchObject({ providerMessageId: "919999999999" });
  });

  it("Kaleyra (assumed shape) with the documented statuses", () => {
    const mapping = tracking({
      messageIdField: "message_id",
      statusField: "status",
      successValues: ["Delivered"],
      pendingValues: ["Sent"],
      failureReasonField: "error",
    });
    expect(resolveFirst(kaleyraFailed, mapping)).toEqual({
      ok: true,
      providerMessageId: "c4d1e2f3-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
      messageId: null,
      outcome: "undelivered",
      status: "Failed",
      reason: "Failed: DND number",
    });
  });

  it("SMPP receipt text", () => {
    const mapping = tracking({
      messageIdField: "id",
      statusField: "stat",
      successValues: ["DELIVRD"],
      pendingValues: ["ACCEPTD", "ENROUTE"],
      failureReasonField: "err",
    });
    expect(resolveFirst(smppReceiptText, mapping)).toEqual({
      ok: true,
      providerMessageId: "0123456789",
      messageId: null,
      outcome: "undelivered",
      status: "UNDELIV",
      reason: "UNDELIV: 001",
    });
  });

  it("XML batch: attributes and element text", () => {
    const mapping = tracking({
      messageIdField: "DELIVERYREPORT.MESSAGE.@_ID",
      statusField: "DELIVERYREPORT.MESSAGE.STATUS.@_REASON",
      successValues: ["DELIVRD"],
      // The element path itself: its text is read.
      failureReasonField: "DELIVERYREPORT.MESSAGE.STATUS",
    });
    expect(reportsOf(xmlBatch).map((report) => resolveStatus(report, mapping))).toEqual([
      { ok: true, providerMessageId: "7001", messageId: null, outcome: "delivered", status: "DELIVRD", reason: null },
      { ok: true, providerMessageId: "7002", messageId: null, outcome: "undelivered", status: "EXPIRED", reason: "EXPIRED: Failed" },
    ]);
  });
});

describe("resolveStatus: values", () => {
  const base = tracking({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"], pendingValues: ["ACCEPTD"] });

  it("trims report values and configured values", () => {
    const mapping = { ...base, successValues: ["  DELIVRD "] };
    expect(resolveStatus({ id: "  42 ", status: "\tDELIVRD\n" }, mapping)).toEqual({
      ok: true,
      providerMessageId: "42",
      messageId: null,
      outcome: "delivered",
      status: "DELIVRD",
      reason: null,
    });
  });

  it("matches exactly unless case-insensitive", () => {
    expect(resolveStatus({ id: "1", status: "delivrd" }, base)).toMatchObject({ outcome: "undelivered" });
    expect(resolveStatus({ id: "1", status: "delivrd" }, { ...base, caseInsensitive: true })).toMatchObject({
      outcome: "delivered",
    });
    expect(resolveStatus({ id: "1", status: "acceptd" }, { ...base, caseInsensitive: true })).toMatchObject({
      outcome: "pending",
    });
  });

  it("compares unicode values case-insensitively", () => {
    const mapping = { ...base, successValues: ["ZUGESTELLT"], pendingValues: ["ÉN COURS"], caseInsensitive: true };
    expect(resolveStatus({ id: "1", status: "zugestellt" }, mapping)).toMatchObject({ outcome: "delivered" });
    expect(resolveStatus({ id: "1", status: "én cours" }, mapping)).toMatchObject({ outcome: "pending" });
    expect(resolveStatus({ id: "1", status: "配達失敗" }, mapping)).toMatchObject({ outcome: "undelivered", reason: "配達失敗" });
  });

  it("counts a value listed as both success and pending as success", () => {
    expect(resolveStatus({ id: "1", status: "DONE" }, { ...base, successValues: ["DONE"], pendingValues: ["DONE"] })).toMatchObject({
      outcome: "delivered",
    });
  });

  it("treats any unlisted status as a failure", () => {
    expect(resolveStatus({ id: "1", status: "EXPIRED" }, base)).toMatchObject({ outcome: "undelivered", reason: "EXPIRED" });
  });

  it("reads booleans and numbers as text", () => {
    const mapping = { ...base, statusField: "delivered", successValues: ["true"] };
    expect(resolveStatus({ id: 7, delivered: true }, mapping)).toMatchObject({ providerMessageId: "7", outcome: "delivered" });
    expect(resolveStatus({ id: 7, delivered: false }, mapping)).toMatchObject({ outcome: "undelivered", reason: "false" });
  });

  it("reads a one-element list as its element", () => {
    expect(resolveStatus({ id: ["abc"], status: ["DELIVRD"] }, base)).toMatchObject({
      providerMessageId: "abc",
      messageId: null,
      outcome: "delivered",
    });
  });

  it("reads nested paths and array indexes", () => {
    const mapping = { ...base, messageIdField: "data.messages[0].id", statusField: "data.messages[0].state" };
    const report = { data: { messages: [{ id: "m-1", state: "ACCEPTD" }] } };
    expect(resolveStatus(report, mapping)).toMatchObject({ providerMessageId: "m-1", outcome: "pending" });
  });

  it("reads a form key typed with a dot as written", () => {
    const mapping = { ...base, messageIdField: "msg.id" };
    expect(resolveStatus({ "msg.id": "9", status: "DELIVRD" }, mapping)).toMatchObject({ providerMessageId: "9" });
  });

  it("reads the id from URL parameters merged into a POST report", () => {
    const [report] = parseCallback({ method: "POST", contentType: "application/json", query: "id=from-url", body: '{"status":"DELIVRD"}' }).reports;
    expect(resolveStatus(report, base)).toMatchObject({ providerMessageId: "from-url", outcome: "delivered" });
  });
});

describe("resolveStatus: failure reason", () => {
  const mapping = tracking({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"], failureReasonField: "err" });

  it("joins status and reason", () => {
    expect(resolveStatus({ id: "1", status: "undelivered", err: "30003: Unreachable destination handset" }, mapping)).toMatchObject({
      reason: "undelivered: 30003: Unreachable destination handset",
    });
  });

  it("uses the reason alone when it already begins with the status", () => {
    expect(resolveStatus({ id: "1", status: "UNDELIV", err: "undeliv - absent subscriber" }, mapping)).toMatchObject({
      reason: "undeliv - absent subscriber",
    });
    expect(resolveStatus({ id: "1", status: "FAILED", err: "FAILED" }, mapping)).toMatchObject({ reason: "FAILED" });
    // A short status inside a longer reason is not enough: "0" is not the start of "30003".
    expect(resolveStatus({ id: "1", status: "0", err: "30003" }, mapping)).toMatchObject({ reason: "0: 30003" });
  });

  it("falls back to the status when the reason is missing, empty, null or a list", () => {
    for (const report of [
      { id: "1", status: "UNDELIV" },
      { id: "1", status: "UNDELIV", err: "" },
      { id: "1", status: "UNDELIV", err: "   " },
      { id: "1", status: "UNDELIV", err: null },
      { id: "1", status: "UNDELIV", err: ["a", "b"] },
    ]) {
      expect(resolveStatus(report, mapping)).toMatchObject({ outcome: "undelivered", reason: "UNDELIV" });
    }
  });

  it("uses the status when no reason field is mapped", () => {
    const unmapped = { ...mapping, failureReasonField: "" };
    expect(resolveStatus({ id: "1", status: "UNDELIV", err: "001" }, unmapped)).toMatchObject({ reason: "UNDELIV" });
  });

  it("gives no reason for delivered or pending reports, even when the field has a value", () => {
    const withPending = { ...mapping, pendingValues: ["ENROUTE"] };
    expect(resolveStatus({ id: "1", status: "DELIVRD", err: "000" }, withPending)).toMatchObject({ reason: null });
    expect(resolveStatus({ id: "1", status: "ENROUTE", err: "000" }, withPending)).toMatchObject({ reason: null });
  });

  it("caps a long reason", () => {
    const result = resolveStatus({ id: "1", status: "FAILED", err: "x".repeat(5000) }, mapping);
    expect(result.ok && result.reason).toHaveLength(MAX_REASON_LENGTH);
    expect(result.ok && result.reason?.startsWith("FAILED: xxx")).toBe(true);
  });
});

describe("resolveStatus: reports that cannot be applied", () => {
  const mapping = tracking({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"] });
  const report: DeliveryReport = { id: "1", status: "DELIVRD" };

  it("no mapping yet", () => {
    for (const missing of [null, undefined]) {
      expect(resolveStatus(report, missing)).toEqual({
        ok: false,
        problem: "not_configured",
        message: "Delivery tracking is not set up for this connector",
      });
    }
  });

  it("a mapping without a message id field, status field or success value", () => {
    expect(resolveStatus(report, { ...mapping, messageIdField: " " })).toEqual({
      ok: false,
      problem: "not_configured",
      message: "Choose the report field that holds the message id",
    });
    expect(resolveStatus(report, { ...mapping, statusField: "" })).toMatchObject({
      problem: "not_configured",
      message: "Choose the report field that holds the delivery status",
    });
    expect(resolveStatus(report, { ...mapping, successValues: [] })).toMatchObject({
      problem: "not_configured",
      message: "Add at least one status value that means delivered",
    });
    expect(resolveStatus(report, tracking({}))).toMatchObject({ ok: false, problem: "not_configured" });
  });

  it("the message id is missing, empty or not a single value", () => {
    const cases: [DeliveryReport, string][] = [
      [{ status: "DELIVRD" }, 'Message id: the report has no field "id"'],
      [{ id: null, status: "DELIVRD" }, 'Message id: "id" is empty'],
      [{ id: "  ", status: "DELIVRD" }, 'Message id: "id" is empty'],
      [{ id: ["a", "b"], status: "DELIVRD" }, 'Message id: "id" holds a list of 2 values, not one'],
      [{ id: { value: "a" }, status: "DELIVRD" }, 'Message id: "id" holds an object, not a value'],
    ];
    for (const [input, message] of cases) {
      expect(resolveStatus(input, mapping)).toEqual({ ok: false, problem: "message_id_missing", message });
    }
  });

  it("the status is missing", () => {
    expect(resolveStatus({ id: "1", state: "DELIVRD" }, mapping)).toEqual({
      ok: false,
      problem: "status_missing",
      message: 'Delivery status: the report has no field "status"',
    });
    expect(resolveStatus({ id: "1", status: "" }, mapping)).toMatchObject({ problem: "status_missing" });
  });

  it("a mapping made for another provider's callback", () => {
    const wrong = tracking({ messageIdField: "MessageSid", statusField: "MessageStatus", successValues: ["delivered"] });
    expect(resolveFirst(sinchDelivered, wrong)).toMatchObject({ ok: false, problem: "message_id_missing" });
  });
});

describe("readText", () => {
  it("reads XML element text beside attributes", () => {
    expect(readText({ s: { "@_code": "1", "#text": " DELIVRD " } }, "s")).toEqual({ ok: true, value: "DELIVRD" });
  });
});

// Kannel's %A, as its dlr-url escape hands it over: the SMSC's receipt, composite, with per-message parts.
const KANNEL_ANSWER_UNDELIVERED = "id:0a1b2c3d sub:001 dlvrd:000 submit date:2511261200 done date:2511261201 stat:UNDELIV err:034 text:Your code is 4711";
const KANNEL_ANSWER_DELIVERED = "id:0a1b2c3e sub:001 dlvrd:001 submit date:2511261200 done date:2511261201 stat:DELIVRD err:000 text:Your code is 4712";

describe("resolveStatus: matching by Switchboard's own message id", () => {
  const kannel = tracking({
    matchBy: "message-id",
    messageIdField: "ref",
    statusField: "type",
    successValues: ["1"],
    pendingValues: ["4", "8"],
    failureReasonField: "answer",
    failureReasonPattern: "err:(\\d+)",
    reasonCodes: [{ code: "034", text: "Network error" }],
  });

  it("names the message by our id, not the provider's", () => {
    expect(resolveStatus({ type: "1", ref: "cmsg123", answer: KANNEL_ANSWER_DELIVERED }, kannel)).toEqual({
      ok: true,
      providerMessageId: null,
      messageId: "cmsg123",
      outcome: "delivered",
      status: "1",
      reason: null,
    });
  });

  it("reads the reason out of the composite answer and gives it the connector's words", () => {
    expect(resolveStatus({ type: "2", ref: "cmsg124", answer: KANNEL_ANSWER_UNDELIVERED }, kannel)).toMatchObject({
      messageId: "cmsg124",
      outcome: "undelivered",
      reason: "034 Network error",
    });
  });

  it("keeps intermediate types pending", () => {
    expect(resolveStatus({ type: "8", ref: "cmsg125", answer: "ACK/" }, kannel)).toMatchObject({ outcome: "pending", reason: null });
    expect(resolveStatus({ type: "4", ref: "cmsg125", answer: "" }, kannel)).toMatchObject({ outcome: "pending", reason: null });
  });

  it("falls back to the whole value when the reason pattern finds nothing", () => {
    expect(resolveStatus({ type: "16", ref: "cmsg126", answer: "NACK/0x0000000b/Invalid Destination Address" }, kannel)).toMatchObject({
      outcome: "undelivered",
      reason: "16: NACK/0x0000000b/Invalid Destination Address",
    });
  });
});

describe("resolveStatus: patterns on mapped fields", () => {
  const composite = tracking({
    messageIdField: "answer",
    messageIdPattern: "id:(\\S+)",
    statusField: "answer",
    statusPattern: "stat:(\\w+)",
    successValues: ["DELIVRD"],
    failureReasonField: "answer",
    failureReasonPattern: "err:(\\d+)",
  });

  it("reads id, status and reason out of one composite field", () => {
    expect(resolveStatus({ answer: KANNEL_ANSWER_UNDELIVERED }, composite)).toEqual({
      ok: true,
      providerMessageId: "0a1b2c3d",
      messageId: null,
      outcome: "undelivered",
      status: "UNDELIV",
      reason: "034",
    });
    expect(resolveStatus({ answer: KANNEL_ANSWER_DELIVERED }, composite)).toMatchObject({ outcome: "delivered", status: "DELIVRD", reason: null });
  });

  it("says which pattern found nothing", () => {
    expect(resolveStatus({ answer: "ACK/" }, composite)).toEqual({
      ok: false,
      problem: "message_id_missing",
      message: 'Message id: "answer" does not match the pattern id:(\\S+)',
    });
    expect(resolveStatus({ answer: "id:77 ACK/" }, composite)).toEqual({
      ok: false,
      problem: "status_missing",
      message: 'Delivery status: "answer" does not match the pattern stat:(\\w+)',
    });
  });

  it("treats an empty pattern as no pattern", () => {
    expect(resolveStatus({ id: "9", status: "DELIVRD" }, tracking({ messageIdField: "id", messageIdPattern: "", statusField: "status", successValues: ["DELIVRD"] }))).toMatchObject({
      providerMessageId: "9",
      outcome: "delivered",
    });
  });

  it("applies reason codes to the status when it is the only reason", () => {
    const mapping = tracking({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"], reasonCodes: [{ code: "REJECTD", text: "Rejected by the operator" }] });
    expect(resolveStatus({ id: "1", status: "REJECTD" }, mapping)).toMatchObject({ reason: "REJECTD Rejected by the operator" });
  });

  it("labels an unextracted reason and keeps the status in front", () => {
    const mapping = tracking({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"], failureReasonField: "err", reasonCodes: [{ code: "034", text: "Network error" }] });
    expect(resolveStatus({ id: "1", status: "UNDELIV", err: "034" }, mapping)).toMatchObject({ reason: "UNDELIV: 034 Network error" });
    expect(resolveStatus({ id: "1", status: "UNDELIV", err: "035" }, mapping)).toMatchObject({ reason: "UNDELIV: 035" });
  });
});

describe("the mapping schema's extractors", () => {
  it("refuses a pattern RE2 cannot run or without exactly one group, naming the field", () => {
    const result = deliveryTrackingSchema.safeParse({ statusPattern: "stat:\\w+", failureReasonPattern: "(?<=err:)\\d+", messageIdPattern: "id:(\\S+)" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues).toEqual([
      ["statusPattern", "Use exactly one capture group ( … ) around the value"],
      ["failureReasonPattern", expect.stringMatching(/lookbehind/)],
    ]);
  });

  it("refuses a reason code listed twice", () => {
    const result = deliveryTrackingSchema.safeParse({ reasonCodes: [{ code: "034", text: "a" }, { code: "034", text: "b" }] });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["reasonCodes.1.code"]);
  });

  it("leaves the new parts out when they were never set, so stored mappings stay as they are", () => {
    expect(Object.keys(deliveryTrackingSchema.parse({}))).not.toContain("matchBy");
  });
});
