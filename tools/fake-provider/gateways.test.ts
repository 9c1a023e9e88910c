// Kannel's sendsms and DLR escapes, and scripted provider shapes, over real HTTP on port 0.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { kannelAnswer, kannelType } from "./gateways";
import type { FakeProvider } from "./index";
import { closeBoth, resetBoth, startFakeAndReceiver, type Receiver } from "./test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver({
    apiKey: "kannel-pass",
    scripted: [
      {
        path: "/sms/json",
        reply: { status: 200, contentType: "application/json", body: '{"message-count":"1","messages":[{"to":"{{to}}","message-id":"{{id}}","status":"0","client-ref":"{{reference}}"}]}' },
        fields: { reference: ["client-ref"] },
        report: { method: "GET", query: "messageId={{id}}&status={{status}}&err-code={{reason}}&client-ref={{reference}}" },
      },
      {
        path: "/v2/messages",
        reply: { status: 200, contentType: "application/json", body: '{"data":{"id":"{{id}}"}}' },
        fields: { callback: ["webhook_url"] },
        report: { method: "POST", contentType: "application/json", body: '{"data":{"payload":{"id":"{{id}}","to":[{"status":"{{status}}"}],"errors":[{"code":"{{reason}}"}]}}}' },
      },
    ],
  }));
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

function sendsms(query: Record<string, string>) {
  return fetch(`${fake.url}/cgi-bin/sendsms?${new URLSearchParams(query)}`);
}

describe("Kannel", () => {
  it("accepts a send with 202 and no id, and refuses a wrong password the way Kannel does", async () => {
    const accepted = await sendsms({ username: "sb", password: "kannel-pass", to: "+46701234567", text: "Hej", "dlr-mask": "31", "dlr-url": `${receiver.base}/dlr?type=%d&ref=msg1&answer=%A` });
    expect(accepted.status).toBe(202);
    expect(await accepted.text()).toBe("0: Accepted for delivery");
    expect(fake.received[0]).toMatchObject({ route: "kannel", provider: "kannel", to: "+46701234567", text: "Hej", callbackUrl: `${receiver.base}/dlr?type=%d&ref=msg1&answer=%A` });
    expect(fake.received[0].messageId).toBeTruthy();

    const refused = await sendsms({ username: "sb", password: "wrong", to: "+46701234567", text: "Hej" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Authorization failed for sendsms");
  });

  it("reports to the dlr-url with its escapes filled in, keeping the sender's own reference", async () => {
    await sendsms({ password: "kannel-pass", from: "ACME", to: "+46701234567", text: "Hej", "dlr-mask": "31", "dlr-url": `${receiver.base}/dlr?type=%d&ref=msg1&to=%p&from=%P&answer=%A&keep=%Z` });
    const id = fake.received[0].messageId!;

    await fake.sendDeliveryReport({ messageId: id, status: "submitted" });
    await fake.sendDeliveryReport({ messageId: id, status: "undelivered", reason: "034" });

    const [submitted, failed] = receiver.callbacks.map((callback) => Object.fromEntries(callback.query));
    expect(receiver.callbacks.map((callback) => callback.method)).toEqual(["GET", "GET"]);
    expect(submitted).toEqual({ type: "8", ref: "msg1", to: "+46701234567", from: "ACME", answer: "ACK/", keep: "%Z" });
    expect(failed).toMatchObject({ type: "2", ref: "msg1" });
    expect(failed.answer).toMatch(new RegExp(`^id:${id} sub:001 dlvrd:000 submit date:\\d{10} done date:\\d{10} stat:UNDELIV err:034 text:$`));
  });

  it("reports each send automatically: submitted, then delivered or, for a failing number, undelivered", async () => {
    fake.setAutoDlr({});
    await sendsms({ password: "kannel-pass", to: "+46701234567", text: "a", "dlr-mask": "31", "dlr-url": `${receiver.base}/dlr?type=%d&answer=%A` });
    await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered");
    expect(receiver.callbacks.map((callback) => callback.query.get("type"))).toEqual(["8", "1"]);
    expect(receiver.callbacks[1].query.get("answer")).toMatch(/stat:DELIVRD err:000/);
  });

  it("sends nothing when the send asked for no reports", async () => {
    fake.setAutoDlr({});
    await sendsms({ password: "kannel-pass", to: "+46701234567", text: "a", "dlr-url": `${receiver.base}/dlr?type=%d` });
    await sendsms({ password: "kannel-pass", to: "+46701234568", text: "b", "dlr-mask": "31", "dlr-url": `${receiver.base}/dlr?type=%d` });
    await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered");
    expect(fake.deliveryReports.every((report) => report.url.includes("type="))).toBe(true);
    expect(new Set(fake.deliveryReports.map((report) => report.messageId))).toEqual(new Set([fake.received[1].messageId]));
  });

  it("knows the DLR types and answers", () => {
    expect(["delivered", "undelivered", "buffered", "submitted", "rejected", "16"].map(kannelType)).toEqual([1, 2, 4, 8, 16, 16]);
    expect(kannelAnswer(1, { messageId: "k1", reason: null }, new Date("2025-11-26T12:00:00Z"))).toBe("id:k1 sub:001 dlvrd:001 submit date:2511261200 done date:2511261200 stat:DELIVRD err:000 text:");
    expect(kannelAnswer(16, { messageId: "k1", reason: null })).toBe("NACK/0x0000000b/Invalid Destination Address");
  });
});

describe("scripted provider shapes", () => {
  it("answers with the scripted reply and reports with the scripted GET query", async () => {
    const response = await fetch(`${fake.url}/sms/json`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ to: "447700900000", text: "Hi", "client-ref": "sb-1", callback: `${receiver.base}/dlr` }) });
    const reply = (await response.json()) as { messages: Array<{ "message-id": string; to: string; "client-ref": string }> };
    const id = reply.messages[0]["message-id"];
    expect(reply.messages[0]).toMatchObject({ to: "447700900000", "client-ref": "sb-1" });
    expect(fake.received[0]).toMatchObject({ route: "scripted", provider: "scripted:/sms/json", messageId: id });

    await fake.sendDeliveryReport({ messageId: id, status: "failed", reason: "6 & more" });
    expect(Object.fromEntries(receiver.callbacks[0].query)).toEqual({ messageId: id, status: "failed", "err-code": "6 & more", "client-ref": "sb-1" });
  });

  it("escapes values for a JSON report body and finds the callback under the route's own name", async () => {
    await fetch(`${fake.url}/v2/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: "+15551234567", text: "x", webhook_url: `${receiver.base}/hook` }) });
    const id = fake.received[0].messageId!;
    await fake.sendDeliveryReport({ messageId: id, status: "delivery_failed", reason: 'say "hi"' });
    expect(JSON.parse(receiver.callbacks[0].body)).toEqual({ data: { payload: { id, to: [{ status: "delivery_failed" }], errors: [{ code: 'say "hi"' }] } } });
    expect(new URL(receiver.callbacks[0].url).pathname).toBe("/hook");
  });
});
