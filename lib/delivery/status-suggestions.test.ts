import { describe, expect, it } from "vitest";
import { isMappingComplete, likelyPendingValues, likelySuccessValues, matchByMismatch, missingFields, suggestedMapping } from "./status-suggestions";
import type { DeliveryField } from "./tracking";

const SEEN = ["DELIVRD", "ACCEPTD", "UNDELIV", "delivered", "Sent", "EXPIRED", "read", "queued", "readable"];

describe("likely success and pending values", () => {
  it("pick the statuses providers use for delivered and for not final yet, in any case", () => {
    expect(likelySuccessValues(SEEN)).toEqual(["DELIVRD", "delivered", "read"]);
    expect(likelyPendingValues(SEEN)).toEqual(["ACCEPTD", "Sent", "queued"]);
  });

  it("leave failures and look-alikes to the user", () => {
    expect(likelySuccessValues(["UNDELIV", "EXPIRED", "not delivered", "readable"])).toEqual([]);
    expect(likelyPendingValues(["REJECTD", "sent_failed"])).toEqual([]);
  });
});

describe("suggestedMapping", () => {
  const fields = {
    suggestion: { messageIdField: "msg.id", statusField: "msg.state", failureReasonField: "err", matchBy: "provider-id" as const },
    statusValues: ["DELIVRD", "ACCEPTD", "UNDELIV"],
  };

  it("fills an empty mapping from the latest callback", () => {
    expect(suggestedMapping({ messageIdField: "", statusField: "", failureReasonField: "", successValues: [], pendingValues: [] }, fields)).toEqual({
      messageIdField: "msg.id",
      statusField: "msg.state",
      failureReasonField: "err",
      successValues: ["DELIVRD"],
      pendingValues: ["ACCEPTD"],
    });
  });

  it("never overrides a mapping the user started", () => {
    expect(suggestedMapping({ messageIdField: "id" }, fields)).toBeNull();
    expect(suggestedMapping({ statusField: "status" }, fields)).toBeNull();
  });

  it("fills only what is still empty", () => {
    expect(suggestedMapping({ failureReasonField: "reason", successValues: ["OK"] }, fields)).toEqual({
      messageIdField: "msg.id",
      statusField: "msg.state",
      pendingValues: ["ACCEPTD"],
    });
  });

  it("suggests nothing without a suggestion, and no values that look like nothing known", () => {
    expect(suggestedMapping({}, { suggestion: null, statusValues: ["DELIVRD"] })).toBeNull();
    expect(suggestedMapping({}, { suggestion: { messageIdField: null, statusField: null, failureReasonField: null, matchBy: "provider-id" }, statusValues: ["X"] })).toBeNull();
    expect(suggestedMapping({}, { suggestion: { messageIdField: null, statusField: "state", failureReasonField: null, matchBy: "provider-id" }, statusValues: ["X"] })).toEqual({ statusField: "state" });
  });
});

describe("matching by Switchboard's own id", () => {
  const field = (path: string, holds: DeliveryField["holds"]): DeliveryField => ({ path, sample: "x", samples: ["x"], count: 1, holds });
  const kannel = { fields: [field("type", null), field("ref", "message-id"), field("answer", null)] };

  it("proposes matching by message id when the suggested field carries our ids", () => {
    const fields = { suggestion: { messageIdField: "ref", statusField: "type", failureReasonField: "answer", matchBy: "message-id" as const }, statusValues: ["1", "2", "8"] };
    expect(suggestedMapping({}, fields)).toEqual({ messageIdField: "ref", matchBy: "message-id", statusField: "type", failureReasonField: "answer" });
  });

  it("says when the chosen field holds our ids but reports are matched as provider ids, and not otherwise", () => {
    expect(matchByMismatch({ messageIdField: "ref" }, kannel)).toBe("message-id");
    expect(matchByMismatch({ messageIdField: "ref", matchBy: "message-id" }, kannel)).toBeNull();
    expect(matchByMismatch({ messageIdField: "type" }, kannel)).toBeNull();
    expect(matchByMismatch({ messageIdField: "ref" }, null)).toBeNull();
  });

  it("names mapped fields the recent reports no longer carry", () => {
    expect(missingFields({ messageIdField: "msgId", statusField: "type", failureReasonField: "err" }, kannel)).toEqual(["msgId"]);
    expect(missingFields({ messageIdField: "msgId" }, { fields: [] })).toEqual([]);
  });
});

describe("isMappingComplete", () => {
  it("needs the message id field, the status field and a success value", () => {
    expect(isMappingComplete({ messageIdField: "id", statusField: "status", successValues: ["DELIVRD"] })).toBe(true);
    expect(isMappingComplete({ messageIdField: " ", statusField: "status", successValues: ["DELIVRD"] })).toBe(false);
    expect(isMappingComplete({ messageIdField: "id", statusField: "", successValues: ["DELIVRD"] })).toBe(false);
    expect(isMappingComplete({ messageIdField: "id", statusField: "status", successValues: [] })).toBe(false);
    expect(isMappingComplete({ messageIdField: "id", statusField: "status", successValues: [" "] })).toBe(false);
    expect(isMappingComplete({})).toBe(false);
  });
});
