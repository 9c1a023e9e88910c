import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { twilioSignature } from "./emulation";
import type { IncomingCallback } from "@/lib/delivery/callback-types";
import type { CallbackRequest } from "@/lib/delivery/parse-callback";
import { classifyResponse } from "@/lib/connectors/classify";
import { buildRequest } from "@/lib/connectors/request";
import { SAMPLE_SETTINGS, SAMPLE_VARS, TWILIO_ACCOUNT_SID, asIncoming, outcomeOf, sendBuilt, startCallbackCatcher } from "../test-helpers";
import { twilioPreset, twilioSettingsSchema, type TwilioSettings } from "./preset";

const settings = (extra: Partial<Record<keyof TwilioSettings, unknown>> = {}) => twilioSettingsSchema.parse({ ...SAMPLE_SETTINGS.twilio, ...extra });
const TOKEN = "twilio-token-123";
const BASIC = `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TOKEN}`).toString("base64")}`;
const API_KEY_SID = "SK0123456789abcdef0123456789abcdef";

describe("Twilio settings", () => {
  it("fills the defaults: long code, the real API", () => {
    expect(settings()).toEqual({
      accountSid: TWILIO_ACCOUNT_SID,
      authMethod: "auth_token",
      authToken: TOKEN,
      apiKeySid: "",
      apiKeySecret: "",
      senderType: "long_code",
      messagingServiceSid: "",
      baseUrl: "https://api.twilio.com",
    });
  });

  it("names the field in each message", () => {
    const result = twilioSettingsSchema.safeParse({ accountSid: "XX1", authToken: "", senderType: "messaging_service" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages.accountSid).toMatch(/^Account SID must be AC followed by 32/);
    expect(messages.authToken).toBe("Auth token is required");
  });

  it("takes an API key instead of the auth token, which then only verifies callbacks", () => {
    const withKey = twilioSettingsSchema.safeParse({ accountSid: TWILIO_ACCOUNT_SID, authMethod: "api_key", apiKeySid: API_KEY_SID, apiKeySecret: "key-secret" });
    expect(withKey.success).toBe(true);
    const missing = twilioSettingsSchema.safeParse({ accountSid: TWILIO_ACCOUNT_SID, authMethod: "api_key", apiKeySid: "AC123" });
    expect(Object.fromEntries(missing.error!.issues.map((issue) => [issue.path.join("."), issue.message]))).toEqual({
      apiKeySid: "API key SID must be SK followed by 32 letters and digits (Twilio Console → API keys)",
      apiKeySecret: "API key secret is required",
    });
  });

  it("needs a Messaging Service SID for the messaging service sender type", () => {
    const missing = twilioSettingsSchema.safeParse({ ...SAMPLE_SETTINGS.twilio, senderType: "messaging_service" });
    expect(missing.error?.issues).toEqual([expect.objectContaining({ path: ["messagingServiceSid"], message: "Messaging Service SID is required for the messaging service sender type" })]);
    const wrong = twilioSettingsSchema.safeParse({ ...SAMPLE_SETTINGS.twilio, senderType: "messaging_service", messagingServiceSid: "PN123" });
    expect(wrong.error?.issues[0].message).toMatch(/^Messaging Service SID must be MG/);
  });

  it("takes a base URL without its trailing slash and refuses one with a query", () => {
    expect(settings({ baseUrl: "http://127.0.0.1:4010/" }).baseUrl).toBe("http://127.0.0.1:4010");
    expect(twilioSettingsSchema.safeParse({ ...SAMPLE_SETTINGS.twilio, baseUrl: "https://api.twilio.com?x=1" }).error?.issues[0].message).toBe(
      "API base URL cannot have a query or fragment",
    );
  });

  it("checks sender names against the sender type", () => {
    const check = (senderType: string, sender: string) => twilioPreset.checkSender!(sender, settings({ senderType, messagingServiceSid: "MG0123456789abcdef0123456789abcdef" }));
    expect(check("long_code", "+15557654321")).toBeNull();
    expect(check("long_code", "15557654321")).toMatch(/E\.164/);
    expect(check("short_code", "89798")).toBeNull();
    expect(check("short_code", "+89798")).toMatch(/3 to 8 digits/);
    expect(check("alphanumeric", "ACME Ltd")).toBeNull();
    expect(check("alphanumeric", "12345")).toMatch(/at least one letter/);
    expect(check("alphanumeric", "ACME Limited")).toMatch(/at most 11/);
    expect(check("messaging_service", "anything")).toBeNull();
  });
});

describe("Twilio request", () => {
  it("posts the form Twilio documents, with Basic auth", () => {
    const { request, masked } = buildRequest(twilioPreset.buildConfig(settings()), SAMPLE_VARS);
    expect(request).toEqual({
      method: "POST",
      url: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages.json`,
      headers: { Authorization: BASIC, "Content-Type": "application/x-www-form-urlencoded" },
      body:
        "To=%2B15551234567&From=%2B15557654321&Body=Hi+%22Ann%22+%26+co+%F0%9F%91%8B" +
        "&StatusCallback=https%3A%2F%2Fsb.example%2Fsms%2Fdlr%2Fnative%2Fpub_abc",
    });
    expect(masked.headers.Authorization).toBe("••••••••");
  });

  it("authenticates with an API key SID and secret as Basic credentials, the account SID staying in the URL", () => {
    const { request, masked } = buildRequest(twilioPreset.buildConfig(settings({ authMethod: "api_key", apiKeySid: API_KEY_SID, apiKeySecret: "key-secret" })), SAMPLE_VARS);
    expect(request.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(request.headers.Authorization).toBe(`Basic ${Buffer.from(`${API_KEY_SID}:key-secret`).toString("base64")}`);
    expect(JSON.stringify(masked)).not.toContain("key-secret");
  });

  it("sends MessagingServiceSid instead of From for a messaging service", () => {
    const sid = "MG0123456789abcdef0123456789abcdef";
    const { request } = buildRequest(twilioPreset.buildConfig(settings({ senderType: "messaging_service", messagingServiceSid: sid })), SAMPLE_VARS);
    expect(new URLSearchParams(request.body!).get("MessagingServiceSid")).toBe(sid);
    expect(new URLSearchParams(request.body!).has("From")).toBe(false);
  });

  it("normalizes the recipient to E.164", () => {
    const { request } = buildRequest(twilioPreset.buildConfig(settings()), { ...SAMPLE_VARS, destination: "1 (555) 123-4567" });
    expect(new URLSearchParams(request.body!).get("To")).toBe("+15551234567");
  });
});

describe("Twilio reply", () => {
  const { response } = twilioPreset.buildConfig(settings());

  it("takes the id from sid", () => {
    const reply = { status: 201, headers: {}, body: JSON.stringify({ sid: "SM1f0e8ae6ade43cb3c0ce4525424e404f", status: "queued", error_code: null, num_segments: "1" }) };
    expect(classifyResponse(reply, response)).toEqual({ accepted: true, sentId: "SM1f0e8ae6ade43cb3c0ce4525424e404f", sentIdProblem: null });
  });

  it("fails an error reply with Twilio's code and message as the reason, not its raw JSON", () => {
    const body = JSON.stringify({ code: 21211, message: "The 'To' number +1555 is not a valid phone number.", more_info: "https://www.twilio.com/docs/errors/21211", status: 400 });
    expect(classifyResponse({ status: 400, headers: {}, body }, response)).toEqual({ accepted: false, reason: "HTTP 400: 21211 The 'To' number +1555 is not a valid phone number." });
    // A reply that is not Twilio's JSON is still quoted.
    expect(classifyResponse({ status: 502, headers: {}, body: "Bad gateway" }, response)).toEqual({ accepted: false, reason: "HTTP 502: Bad gateway" });
  });
});

describe("Twilio delivery reports", () => {
  const config = twilioPreset.buildConfig(settings());
  const callback = (status: string, extra = ""): CallbackRequest => ({
    method: "POST",
    contentType: "application/x-www-form-urlencoded",
    query: "",
    body: `MessageSid=SM1&SmsSid=SM1&MessageStatus=${status}&SmsStatus=${status}&To=%2B15551234567&AccountSid=${TWILIO_ACCOUNT_SID}&ApiVersion=2010-04-01${extra}`,
  });

  it("counts delivered as delivered", () => {
    expect(outcomeOf(twilioPreset, config, callback("delivered"))).toEqual({ id: "SM1", outcome: "delivered", reason: null });
  });

  it.each(["accepted", "queued", "sending", "sent", "scheduled"])("keeps %s pending", (status) => {
    expect(outcomeOf(twilioPreset, config, callback(status)).outcome).toBe("pending");
  });

  it.each([
    ["undelivered", "&ErrorCode=30003", "undelivered: 30003 Unreachable destination handset"],
    ["failed", "&ErrorCode=30007", "failed: 30007 Message filtered"],
    ["failed", "&ErrorCode=30999", "failed: 30999"],
    ["canceled", "", "canceled"],
  ])("counts %s as not delivered with the error code", (status, extra, reason) => {
    expect(outcomeOf(twilioPreset, config, callback(status, extra))).toEqual({ id: "SM1", outcome: "undelivered", reason });
  });
});

describe("Twilio signature", () => {
  const url = "https://sb.example/sms/dlr/twilio/pub_abc";
  const params = { MessageSid: "SM1", MessageStatus: "delivered", To: "+15551234567", AccountSid: TWILIO_ACCOUNT_SID, ApiVersion: "2010-04-01" };
  const body = new URLSearchParams(params).toString();
  const incoming = (overrides: Partial<IncomingCallback> & { signature?: string | null } = {}): IncomingCallback => {
    const { signature = twilioSignature(TOKEN, url, params), ...rest } = overrides;
    const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
    if (signature !== null) headers.set("X-Twilio-Signature", signature);
    const callback = { kind: "twilio", publicId: "pub_abc", method: "POST", url, headers, body, ...rest };
    return { ...callback, rawBody: Buffer.from(callback.body, "utf8") };
  };
  const verify = (callback: IncomingCallback, token = TOKEN) => twilioPreset.verifyCallback!(callback, settings({ authToken: token }));

  it("accepts a callback Twilio signed", () => {
    expect(verify(incoming())).toBeNull();
  });

  it("refuses a tampered body", () => {
    expect(verify(incoming({ body: body.replace("delivered", "undelivered") }))).toMatch(/^Invalid X-Twilio-Signature/);
  });

  it("refuses a signature made with another token", () => {
    expect(verify(incoming(), "another-token")).toMatch(/^Invalid X-Twilio-Signature/);
  });

  it("refuses a signature made for another URL", () => {
    expect(verify(incoming({ url: "https://sb.example/sms/dlr/twilio/pub_other" }))).toMatch(/^Invalid X-Twilio-Signature/);
    expect(verify(incoming({ url: `${url}?extra=1` }))).toMatch(/^Invalid X-Twilio-Signature/);
  });

  it("accepts callbacks unverified when an API key authenticates and no auth token was given", () => {
    const keyOnly = settings({ authMethod: "api_key", apiKeySid: API_KEY_SID, apiKeySecret: "key-secret", authToken: "" });
    expect(twilioPreset.verifyCallback!(incoming({ signature: null }), keyOnly)).toBeNull();
  });

  it("refuses a callback without the header", () => {
    expect(verify(incoming({ signature: null }))).toBe("Missing X-Twilio-Signature header");
  });

  it("signs the parameters in name order, whatever order they arrive in", () => {
    const reordered = new URLSearchParams(Object.entries(params).reverse()).toString();
    expect(verify(incoming({ body: reordered }))).toBeNull();
  });

  it("accepts the URL with or without the default port", () => {
    expect(verify(incoming({ url: "https://sb.example:443/sms/dlr/twilio/pub_abc" }))).toBeNull();
    const signedWithPort = twilioSignature(TOKEN, "https://sb.example:443/sms/dlr/twilio/pub_abc", params);
    expect(verify(incoming({ signature: signedWithPort }))).toBeNull();
    expect(verify(incoming({ url: "https://sb.example:8443/sms/dlr/twilio/pub_abc" }))).toMatch(/^Invalid/);
  });

  it("checks a GET callback on its URL alone", () => {
    const getUrl = `${url}?MessageSid=SM1&MessageStatus=delivered`;
    const callback = incoming({ method: "GET", url: getUrl, body: "", signature: twilioSignature(TOKEN, getUrl, {}) });
    expect(verify(callback)).toBeNull();
    expect(verify({ ...callback, url: getUrl.replace("delivered", "failed") })).toMatch(/^Invalid/);
  });
});

describe("Twilio against the fake provider", () => {
  let fake: FakeProvider;
  let catcher: Awaited<ReturnType<typeof startCallbackCatcher>>;

  beforeAll(async () => {
    fake = await createFakeProvider({ apiKey: TOKEN });
    catcher = await startCallbackCatcher();
  });
  afterAll(async () => {
    await fake?.close();
    await catcher?.close();
  });

  it("is accepted, yields the id, and its signed callbacks verify and resolve", async () => {
    const current = settings({ baseUrl: fake.url });
    const config = twilioPreset.buildConfig(current);
    const dlrUrl = catcher.url("/sms/dlr/twilio/pub_abc");
    const { request } = buildRequest(config, { ...SAMPLE_VARS, dlrUrl });

    const classification = classifyResponse(await sendBuilt(request), config.response);
    const recorded = fake.received.at(-1)!;
    expect(recorded).toMatchObject({ route: "twilio", status: 201, to: "+15551234567", text: SAMPLE_VARS.message, callbackUrl: dlrUrl });
    expect(classification).toEqual({ accepted: true, sentId: recorded.messageId, sentIdProblem: null });
    if (!classification.accepted) return;

    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "sent" });
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "undelivered", reason: "30003" });
    const [sent, undelivered] = await catcher.waitFor(2);
    for (const callback of [sent, undelivered]) expect(twilioPreset.verifyCallback!(asIncoming(callback, "twilio"), current)).toBeNull();
    expect(outcomeOf(twilioPreset, config, sent)).toEqual({ id: classification.sentId, outcome: "pending", reason: null });
    expect(outcomeOf(twilioPreset, config, undelivered)).toEqual({ id: classification.sentId, outcome: "undelivered", reason: "undelivered: 30003 Unreachable destination handset" });
  });

  it("fails with a readable reason when the token is wrong", async () => {
    const config = twilioPreset.buildConfig(settings({ baseUrl: fake.url, authToken: "wrong" }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toEqual({ accepted: false, reason: "HTTP 401: 20003 Authenticate" });
  });

  it("is accepted with an API key of the account", async () => {
    const config = twilioPreset.buildConfig(settings({ baseUrl: fake.url, authMethod: "api_key", apiKeySid: API_KEY_SID, apiKeySecret: TOKEN }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toMatchObject({ accepted: true, sentId: expect.stringMatching(/^SM/) });
  });
});
