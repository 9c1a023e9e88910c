// The fake provider's Twilio emulation over real HTTP: replies, errors, credentials and signed status callbacks.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { basicAuth, closeBoth, postForm, resetBoth, startFakeAndReceiver, type Receiver } from "@/tools/fake-provider/test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

/** Twilio's documented algorithm, written independently of the emulation's own implementation. */
function expectedTwilioSignature(token: string, url: string, form: URLSearchParams): string {
  const sorted = [...form.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const payload = url + sorted.map(([key, value]) => key + value).join("");
  return createHmac("sha1", token).update(payload).digest("base64");
}

describe("Twilio emulation", () => {
  it("201 with sid, then signed queued → sent → delivered callbacks", async () => {
    fake.setAutoDlr({});
    const statusCallback = `${receiver.base}/sms/dlr/twilio/abc?x=1`;
    const response = await postForm(
      `${fake.url}/2010-04-01/Accounts/AC123/Messages.json`,
      { To: "+15551234567", From: "+15557654321", Body: "Hi", StatusCallback: statusCallback },
      { authorization: basicAuth("AC123", "auth-token-1") },
    );
    const reply = (await response.json()) as { sid: string; status: string; account_sid: string };

    expect(response.status).toBe(201);
    expect(reply).toMatchObject({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: "queued", account_sid: "AC123" });
    await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered");

    const forms = receiver.callbacks.map((callback) => new URLSearchParams(callback.body));
    expect(forms.map((form) => form.get("MessageStatus"))).toEqual(["queued", "sent", "delivered"]);
    expect(Object.fromEntries(forms[2])).toMatchObject({ MessageSid: reply.sid, SmsSid: reply.sid, SmsStatus: "delivered", To: "+15551234567", From: "+15557654321", AccountSid: "AC123", ApiVersion: "2010-04-01" });
    for (const [i, callback] of receiver.callbacks.entries()) {
      expect(callback.url).toBe(statusCallback);
      expect(callback.headers["x-twilio-signature"]).toBe(expectedTwilioSignature("auth-token-1", callback.url, forms[i]));
    }
  });

  it("undelivered with ErrorCode for a failing recipient", async () => {
    fake.setAutoDlr({});
    await postForm(`${fake.url}/2010-04-01/Accounts/AC123/Messages.json`, { To: "+15550000000", MessagingServiceSid: "MG1", Body: "Hi", StatusCallback: `${receiver.base}/tw` }, { authorization: basicAuth("AC123", "t") });

    await fake.waitForDeliveryReport((report) => report.reportStatus === "undelivered");

    expect(Object.fromEntries(new URLSearchParams(receiver.callbacks[2].body))).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
  });

  it("its own error shapes for a missing To and for a forced rate limit", async () => {
    const url = `${fake.url}/2010-04-01/Accounts/AC123/Messages.json`;
    const missingTo = await postForm(url, { From: "+15557654321", Body: "Hi" });
    const limited = await postForm(`${url}?behavior=rate-limit`, { To: "+15551234567", From: "+15557654321", Body: "Hi" });

    expect(missingTo.status).toBe(400);
    expect(await missingTo.json()).toMatchObject({ code: 21604, status: 400 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ code: 20429, status: 429 });
  });

  it("picks the provider's own format for an on-demand report of a native send", async () => {
    const response = await postForm(`${fake.url}/2010-04-01/Accounts/AC9/Messages.json`, { To: "+15551234567", From: "+15557654321", Body: "Hi", StatusCallback: `${receiver.base}/tw` });
    const { sid } = (await response.json()) as { sid: string };

    const result = await fake.sendDeliveryReport({ messageId: sid, status: "failed", reason: "30007" });

    expect(result.format).toBe("twilio");
    const form = new URLSearchParams(receiver.callbacks[0].body);
    expect(Object.fromEntries(form)).toMatchObject({ MessageSid: sid, MessageStatus: "failed", ErrorCode: "30007", AccountSid: "AC9" });
    // No Basic auth and no apiKey: signed with the documented default token.
    expect(receiver.callbacks[0].headers["x-twilio-signature"]).toBe(expectedTwilioSignature("fake-twilio-auth-token", `${receiver.base}/tw`, form));

  });
});

describe("Twilio with the fake's apiKey", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("Basic sid:token, else 401 with code 20003", async () => {
    const url = `${locked.url}/2010-04-01/Accounts/AC1/Messages.json`;
    const form = { To: "+15551234567", From: "+15557654321", Body: "hi" };
    const good = await postForm(url, form, { authorization: basicAuth("AC1", "k-123") });
    const wrongSid = await postForm(url, form, { authorization: basicAuth("AC2", "k-123") });

    expect(good.status).toBe(201);
    expect(wrongSid.status).toBe(401);
    expect(wrongSid.headers.get("www-authenticate")).toContain("Basic");
    expect(await wrongSid.json()).toMatchObject({ code: 20003, status: 401 });
  });
});

describe("Twilio emulation with an API key", () => {
  let locked: FakeProvider;
  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "secret-1" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("accepts the account's credential as an API key SID and secret, and refuses an unknown key", async () => {
    const url = `${locked.url}/2010-04-01/Accounts/AC123/Messages.json`;
    const form = { To: "+15551234567", From: "+15557654321", Body: "Hi" };
    expect((await postForm(url, form, { authorization: basicAuth("SK0123456789abcdef0123456789abcdef", "secret-1") })).status).toBe(201);
    expect((await postForm(url, form, { authorization: basicAuth("AC123", "secret-1") })).status).toBe(201);
    const refused = await postForm(url, form, { authorization: basicAuth("SK0123456789abcdef0123456789abcdef", "nope") });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 20003, message: "Authenticate" });
  });
});
