import { describe, expect, it } from "vitest";
import {
  MAX_ARRAY_ITEMS,
  MAX_FIELD_DEPTH,
  MAX_FIELDS,
  MAX_PATH_LENGTH,
  MAX_SAMPLE_LENGTH,
  flattenFields,
  formatPath,
  getPath,
  parsePath,
  suggestMapping,
  truncate,
  type FieldSample,
} from "./fields";
import { parseCallback, type CallbackRequest } from "./parse-callback";
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

const fieldsOf = (request: CallbackRequest, index = 0) => flattenFields(parseCallback(request).reports[index]);
const paths = (fields: FieldSample[]) => fields.map((f) => f.path);

describe("flattenFields", () => {
  it("lists Twilio's form keys in document order with their values", () => {
    expect(fieldsOf(twilioUndelivered)).toEqual([
      { path: "MessageSid", sample: TWILIO_SID },
      { path: "SmsSid", sample: TWILIO_SID },
      { path: "MessageStatus", sample: "undelivered" },
      { path: "SmsStatus", sample: "undelivered" },
      { path: "To", sample: "+17035550123" },
      { path: "From", sample: "+13365550199" },
      { path: "AccountSid", sample: "AC7c5d2ec1c3a1d9e4f0b2a8e6d5c4b3a2" },
      { path: "ApiVersion", sample: "2010-04-01" },
      { path: "ErrorCode", sample: "30003" },
    ]);
  });

  it("writes Sinch's numeric code as text", () => {
    expect(fieldsOf(sinchDelivered)).toEqual([
      { path: "type", sample: "recipient_delivery_report_sms" },
      { path: "batch_id", sample: SINCH_BATCH_ID },
      { path: "recipient", sample: "+46700000000" },
      { path: "code", sample: "0" },
      { path: "status", sample: "Delivered" },
      { path: "at", sample: "2024-05-01T10:00:02.123Z" },
      { path: "operator_status_at", sample: "2024-05-01T10:00:01Z" },
      { path: "client_reference", sample: "msg_01HX3Q9ZP4S7" },
    ]);
  });

  it("lists each Gupshup POST event with its own values", () => {
    expect(fieldsOf(gupshupPostEvents, 1)).toEqual([
      { path: "externalId", sample: "3798318073013708082-252169030017029882" },
      { path: "eventType", sample: "FAILED" },
      { path: "eventTs", sample: "1526347800000" },
      { path: "destAddr", sample: "919892377777" },
      { path: "srcAddr", sample: "TESTIN" },
      { path: "cause", sample: "UNKNOWN_SUBSCRIBER" },
      { path: "errCode", sample: "001" },
      { path: "noOfFrags", sample: "1" },
    ]);
  });

  it("lists XML attributes before child elements, and element text as #text", () => {
    expect(fieldsOf(xmlBatch, 1)).toEqual([
      { path: "DELIVERYREPORT.@_account", sample: "acme" },
      { path: "DELIVERYREPORT.MESSAGE.@_ID", sample: "7002" },
      { path: "DELIVERYREPORT.MESSAGE.@_SEQ", sample: "1" },
      { path: "DELIVERYREPORT.MESSAGE.STATUS.@_REASON", sample: "EXPIRED" },
      { path: "DELIVERYREPORT.MESSAGE.STATUS.@_ERR", sample: "027" },
      { path: "DELIVERYREPORT.MESSAGE.STATUS.#text", sample: "Failed" },
    ]);
  });

  it("writes nested objects with dots and array elements with indexes", () => {
    const report = { data: { messages: [{ id: "m1", to: ["+1", "+2"] }] }, ok: true };
    expect(flattenFields(report)).toEqual([
      { path: "data.messages[0].id", sample: "m1" },
      { path: "data.messages[0].to[0]", sample: "+1" },
      { path: "data.messages[0].to[1]", sample: "+2" },
      { path: "ok", sample: "true" },
    ]);
  });

  it("lists a top-level array with leading indexes", () => {
    expect(flattenFields([{ id: "a" }, "b"])).toEqual([
      { path: "[0].id", sample: "a" },
      { path: "[1]", sample: "b" },
    ]);
  });

  it("shows null, empty text and empty containers as fields", () => {
    expect(flattenFields({ error_code: null, note: "", tags: [], meta: {}, n: -1.5 })).toEqual([
      { path: "error_code", sample: "null" },
      { path: "note", sample: "" },
      { path: "tags", sample: "[]" },
      { path: "meta", sample: "{}" },
      { path: "n", sample: "-1.5" },
    ]);
  });

  it("has no fields for an empty report or a value that is not a container", () => {
    expect(flattenFields({})).toEqual([]);
    expect(flattenFields([])).toEqual([]);
    expect(flattenFields("text")).toEqual([]);
    expect(flattenFields(null)).toEqual([]);
  });

  it("truncates long samples to the limit without splitting an emoji", () => {
    const [field] = flattenFields({ body: "😀".repeat(150) });
    expect(Array.from(field.sample)).toHaveLength(MAX_SAMPLE_LENGTH);
    expect(field.sample).toBe(`${"😀".repeat(MAX_SAMPLE_LENGTH - 1)}…`);
    expect(flattenFields({ body: "x".repeat(MAX_SAMPLE_LENGTH) })[0].sample).toHaveLength(MAX_SAMPLE_LENGTH);
  });

  it("keeps unicode keys and values", () => {
    expect(flattenFields({ "स्थिति": "वितरित", "配達": { "状態": "済" } })).toEqual([
      { path: "स्थिति", sample: "वितरित" },
      { path: "配達.状態", sample: "済" },
    ]);
  });

  it("quotes keys that a plain path could not hold, and getPath reads them back", () => {
    const report = { "data.id": "1", "a[b]": "2", "": "3", " padded ": "4", $: "5", 'say "hi"': "6", x: { "$": "7" } };
    const fields = flattenFields(report);
    expect(paths(fields)).toEqual(['["data.id"]', '["a[b]"]', '[""]', '[" padded "]', '["$"]', 'say "hi"', "x.$"]);
    for (const field of fields) expect(getPath(report, field.path)).toBe(field.sample);
  });

  it("lists only the first elements of a huge array, so later fields still show", () => {
    const report = { to: Array.from({ length: 10_000 }, (_, i) => `+1555${i}`), status: "DELIVRD" };
    const fields = flattenFields(report);
    expect(fields).toHaveLength(MAX_ARRAY_ITEMS + 1);
    expect(fields[MAX_ARRAY_ITEMS - 1].path).toBe(`to[${MAX_ARRAY_ITEMS - 1}]`);
    expect(fields.at(-1)).toEqual({ path: "status", sample: "DELIVRD" });
  });

  it("stops at the field limit", () => {
    const report = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const fields = flattenFields(report);
    expect(fields).toHaveLength(MAX_FIELDS);
    expect(fields.at(-1)).toEqual({ path: `k${MAX_FIELDS - 1}`, sample: String(MAX_FIELDS - 1) });
  });

  it("marks containers below the depth limit instead of walking into them", () => {
    let deep: unknown = { leaf: "x" };
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const fields = flattenFields({ deep, after: "y" });
    expect(fields).toEqual([
      { path: ["deep", ...Array(MAX_FIELD_DEPTH - 1).fill("a")].join("."), sample: "{…}" },
      { path: "after", sample: "y" },
    ]);
    expect(flattenFields({ list: [[[[]]]] })).toEqual([{ path: "list[0][0][0]", sample: "[]" }]);
  });

  it("marks a deep array the same way", () => {
    let deep: unknown = ["x"];
    for (let i = 0; i < 40; i++) deep = [deep];
    const [field] = flattenFields({ deep });
    expect(field.sample).toBe("[…]");
    expect(parsePath(field.path)).toHaveLength(MAX_FIELD_DEPTH);
  });

  it("leaves out fields whose path is too long to be saved as a mapping", () => {
    const long = "k".repeat(MAX_PATH_LENGTH + 1);
    expect(flattenFields({ [long]: "x", id: "1" })).toEqual([{ path: "id", sample: "1" }]);
  });

  it("lists integer-like keys first, as JavaScript orders them", () => {
    expect(paths(flattenFields(JSON.parse('{"b":1,"2":2,"a":3}')))).toEqual(["2", "b", "a"]);
  });
});

describe("getPath", () => {
  const report = {
    data: { messages: [{ id: "m1", status: "sent" }], count: 0, empty: null },
    to: ["+1", "+2"],
    "0": "zero",
  };

  it("reads nested paths, indexes and a leading $", () => {
    expect(getPath(report, "data.messages[0].id")).toBe("m1");
    expect(getPath(report, "$.data.messages[0].status")).toBe("sent");
    expect(getPath(report, "to[1]")).toBe("+2");
    expect(getPath(report, "to.1")).toBe("+2");
    expect(getPath(report, "data.count")).toBe(0);
    expect(getPath(report, "data.empty")).toBeNull();
    expect(getPath(report, "data")).toBe(report.data);
    expect(getPath(report, "[0]")).toBe("zero");
  });

  it("reads a top-level array with a leading index", () => {
    const batch = [{ id: "a" }, { id: "b" }];
    expect(getPath(batch, "[1].id")).toBe("b");
    expect(getPath(batch, "$[0].id")).toBe("a");
  });

  it("returns undefined when the path leads nowhere", () => {
    expect(getPath(report, "data.messages[1].id")).toBeUndefined();
    expect(getPath(report, "data.missing.deeper")).toBeUndefined();
    expect(getPath(report, "to[0].x")).toBeUndefined();
    expect(getPath(report, "to.first")).toBeUndefined();
    expect(getPath(null, "a")).toBeUndefined();
    expect(getPath("text", "length")).toBeUndefined();
  });

  it("reads own data only: no prototype, no array length", () => {
    expect(getPath(report, "constructor")).toBeUndefined();
    expect(getPath(report, "__proto__")).toBeUndefined();
    expect(getPath(report, "data.toString")).toBeUndefined();
    expect(getPath(report, "to.length")).toBeUndefined();
    expect(getPath(report, "to.push")).toBeUndefined();
  });

  it("returns undefined for paths that are not valid", () => {
    for (const path of ["", "$", "a..b", ".a", "a.", "a[", "a[x]", "a[-1]", "a]b", "a[0]b", '["unterminated]', "a[0"]) {
      expect(getPath({ a: [{ b: 1 }], "": 2 }, path), path).toBeUndefined();
    }
  });

  it("falls back to a top-level key equal to the whole path", () => {
    const form = { "data.id": "from-form", "a[b]": "bracket" };
    expect(getPath(form, "data.id")).toBe("from-form");
    expect(getPath(form, "a[b]")).toBe("bracket");
  });

  it("prefers the nested field over a literal key with the same spelling", () => {
    expect(getPath({ data: { id: "nested" }, "data.id": "literal" }, "data.id")).toBe("nested");
  });
});

describe("parsePath and formatPath", () => {
  it("parse into keys and indexes", () => {
    expect(parsePath("data.messages[0].id")).toEqual(["data", "messages", 0, "id"]);
    expect(parsePath('[0]["a.b"][2].c')).toEqual([0, "a.b", 2, "c"]);
    expect(parsePath('x["with \\"quote\\""]')).toEqual(["x", 'with "quote"']);
    expect(parsePath("DLR.status.@_code")).toEqual(["DLR", "status", "@_code"]);
    expect(parsePath("submit date")).toEqual(["submit date"]);
  });

  it("round-trip", () => {
    const cases: (string | number)[][] = [["a", 0, "b"], [0, "x"], ["a.b", "c"], ["", 1], ["$", "y"], ["x", "$"], ["a", "]"]];
    for (const segments of cases) expect(parsePath(formatPath(segments))).toEqual(segments);
  });

  it("reject what is not a path", () => {
    expect(parsePath("a[1234567890]")).toBeNull();
    expect(parsePath("a[01x]")).toBeNull();
  });
});

describe("truncate", () => {
  it("keeps short text and cuts long text with an ellipsis", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcd", 3)).toBe("ab…");
    // Four code points in eight UTF-16 units fit a limit of four.
    expect(truncate("👍👍👍👍", 4)).toBe("👍👍👍👍");
  });
});

describe("suggestMapping", () => {
  const suggest = (request: CallbackRequest, index = 0) => suggestMapping(fieldsOf(request, index));
  const picks = (request: CallbackRequest, index = 0) => {
    const { messageIdField, statusField, failureReasonField } = suggest(request, index);
    return { messageIdField, statusField, failureReasonField };
  };

  it("Twilio: MessageSid over SmsSid, MessageStatus over SmsStatus, never AccountSid", () => {
    expect(picks(twilioDelivered)).toEqual({
      messageIdField: "MessageSid",
      statusField: "MessageStatus",
      failureReasonField: null,
    });
    const { candidates } = suggest(twilioSent);
    expect(paths(candidates.messageId)).toEqual(["MessageSid", "SmsSid"]);
    expect(paths(candidates.status)).toEqual(["MessageStatus", "SmsStatus"]);
  });

  it("Twilio failure: ErrorCode is the reason", () => {
    expect(picks(twilioUndelivered).failureReasonField).toBe("ErrorCode");
  });

  it("Sinch: batch_id over client_reference, status, and the numeric code as reason", () => {
    expect(picks(sinchDelivered)).toEqual({ messageIdField: "batch_id", statusField: "status", failureReasonField: "code" });
    expect(paths(suggest(sinchExpired).candidates.messageId)).toEqual(["batch_id", "client_reference"]);
  });

  it("Gupshup GET: externalId, status, and cause over errCode", () => {
    expect(picks(gupshupGetDelivered)).toEqual({
      messageIdField: "externalId",
      statusField: "status",
      failureReasonField: "cause",
    });
    expect(paths(suggest(gupshupGetFailed).candidates.failureReason)).toEqual(["cause", "errCode"]);
  });

  it("Gupshup POST: eventType is the status", () => {
    expect(picks(gupshupPostEvents, 1)).toEqual({
      messageIdField: "externalId",
      statusField: "eventType",
      failureReasonField: "cause",
    });
  });

  it("Kaleyra (assumed shape): message_id, status, error", () => {
    expect(picks(kaleyraFailed)).toEqual({ messageIdField: "message_id", statusField: "status", failureReasonField: "error" });
  });

  it("SMPP receipt: id, stat, err", () => {
    expect(picks(smppReceiptText)).toEqual({ messageIdField: "id", statusField: "stat", failureReasonField: "err" });
  });

  it("XML: an ID attribute, the element text of STATUS, and its REASON attribute", () => {
    expect(picks(xmlBatch)).toEqual({
      messageIdField: "DELIVERYREPORT.MESSAGE.@_ID",
      statusField: "DELIVERYREPORT.MESSAGE.STATUS.#text",
      failureReasonField: "DELIVERYREPORT.MESSAGE.STATUS.@_REASON",
    });
  });

  it("prefers the shallower of two equal names, then the earlier", () => {
    const fields = flattenFields({ data: { id: "nested" }, id: "top", other: { id: "later" } });
    expect(paths(suggestMapping(fields).candidates.messageId)).toEqual(["id", "data.id", "other.id"]);
  });

  it("scores an id under a message object as a message id", () => {
    const fields = flattenFields({ request_id: "r1", id: "evt_1", message: { id: "m1" } });
    expect(suggestMapping(fields).messageIdField).toBe("message.id");
  });

  it("recognises message ids and statuses by their endings", () => {
    const fields = flattenFields({ dlr_msg_id: "x1", final_status: "DELIVRD" });
    expect(suggestMapping(fields)).toMatchObject({ messageIdField: "dlr_msg_id", statusField: "final_status" });
  });

  it("reads an error object's message as the reason", () => {
    const fields = flattenFields({ id: "1", status: "failed", error: { code: 30003, message: "Unreachable" } });
    expect(paths(suggestMapping(fields).candidates.failureReason)).toEqual(["error.message", "error.code"]);
  });

  it("ranks an empty id below one that has a value", () => {
    const fields = flattenFields({ message_id: "", sid: "SM1" });
    expect(suggestMapping(fields).candidates.messageId).toEqual([
      { path: "sid", sample: "SM1", score: 70 },
      { path: "message_id", sample: "", score: 70 },
    ]);
  });

  it("suggests nothing when no field looks right", () => {
    expect(suggestMapping(flattenFields({ to: "+1", body: "hi" }))).toEqual({
      messageIdField: null,
      statusField: null,
      failureReasonField: null,
      candidates: { messageId: [], status: [], failureReason: [] },
    });
  });

  it("never offers an empty container", () => {
    expect(suggestMapping(flattenFields({ id: {}, status: [] })).messageIdField).toBeNull();
  });

  it("picks a distinct path for each role", () => {
    const fields: FieldSample[] = [{ path: "error.status", sample: "x" }];
    const suggestion = suggestMapping(fields);
    expect(suggestion.statusField).toBe("error.status");
    expect(suggestion.failureReasonField).toBeNull();
  });
});
