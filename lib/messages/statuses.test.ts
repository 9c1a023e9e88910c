// The transition table: every pair of statuses, allowed or refused, as the lifecycle's guards use them.
import { describe, expect, it } from "vitest";
import { canTransition, FINAL_STATUSES, MESSAGE_STATUSES, sourcesOf, type MessageStatus } from "./statuses";

const ALLOWED: Array<[MessageStatus, MessageStatus]> = [
  ["queued", "sending"],
  ["queued", "failed"],
  ["queued", "cancelled"],
  ["queued", "sent"],
  ["queued", "delivered"],
  ["queued", "undelivered"],
  ["sending", "sent"],
  ["sending", "failed"],
  ["sending", "queued"],
  ["sending", "delivered"],
  ["sending", "undelivered"],
  ["sent", "delivered"],
  ["sent", "undelivered"],
];

describe("message transitions", () => {
  const pairs = MESSAGE_STATUSES.flatMap((from) => MESSAGE_STATUSES.map((to) => [from, to] as [MessageStatus, MessageStatus]));
  const allowed = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));

  it.each(pairs)("%s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
  });

  it("has final states that nothing leaves: delivered, undelivered, failed, cancelled", () => {
    expect([...FINAL_STATUSES].sort()).toEqual(["cancelled", "delivered", "failed", "undelivered"]);
  });

  it("never lets a final state move, and never moves a message back to sending once it was sent", () => {
    for (const to of MESSAGE_STATUSES) {
      for (const final of FINAL_STATUSES) expect(sourcesOf(to)).not.toContain(final);
    }
    expect(sourcesOf("sending")).toEqual(["queued"]);
    expect(sourcesOf("cancelled")).toEqual(["queued"]);
  });

  it("keeps the first final state through a stream of reports", () => {
    // Twilio-like: intermediate statuses, delivered, then a late failure for another part of the message.
    const stream: MessageStatus[] = ["sent", "sent", "delivered", "sent", "undelivered", "delivered"];
    let status: MessageStatus = "sending";
    const applied: MessageStatus[] = [];
    for (const next of stream) {
      if (!canTransition(status, next)) continue;
      status = next;
      applied.push(next);
    }
    expect(applied).toEqual(["sent", "delivered"]);
  });
});
