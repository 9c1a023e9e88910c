import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import type { CallbackRequest } from "@/lib/delivery/parse-callback";
import { classifyResponse } from "@/lib/connectors/classify";
import { buildRequest } from "@/lib/connectors/request";
import { icsMobilePreset, icsMobileSettingsSchema, type IcsMobileSettings } from "./preset";
import { SAMPLE_SETTINGS, SAMPLE_VARS, outcomeOf, sendBuilt, startCallbackCatcher } from "../test-helpers";

const settings = (extra: Partial<Record<keyof IcsMobileSettings, unknown>> = {}) => icsMobileSettingsSchema.parse({ ...SAMPLE_SETTINGS["ics-mobile"], ...extra });
const TOKEN = "ics-bearer-000";

describe("ICS Mobile settings", () => {
  it("fills the assumed defaults", () => {
    expect(settings()).toEqual({
      baseUrl: "https://api.ics.example",
      path: "/ics/v1/messages",
      token: TOKEN,
      username: "acme",
      password: "ics-pass-111",
      type: "service_implicit",
      numberFormat: "e164",
      fields: { username: "username", password: "password", type: "type", sender: "sender", to: "to", message: "message", callbackUrl: "callback_url" },
      idPath: "messageId",
      acceptedPath: "status",
      acceptedValues: ["success"],
      deliveryReport: {
        messageIdField: "messageId",
        statusField: "status",
        reasonField: "reason",
        successValues: ["DELIVERED"],
        pendingValues: ["ACCEPTED", "SENT", "SUBMITTED", "PENDING"],
      },
    });
  });

  it("names the field in each message", () => {
    const result = icsMobileSettingsSchema.safeParse({
      baseUrl: "",
      path: "ics/send",
      token: "",
      username: "",
      password: "",
      fields: { to: "recipient", message: "recipient", sender: "a..b" },
    });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      baseUrl: "API base URL is required (ask ICS Mobile for it)",
      path: "Endpoint path must start with / and contain no spaces, query or placeholders",
      token: "Bearer token is required",
      username: "Username is required",
      password: "Password is required",
      "fields.sender": "Sender field: use a field name or a path such as message.text or to[0]",
      "fields.message": 'Field name "recipient" is already used for to',
    });
    const clash = icsMobileSettingsSchema.safeParse({ ...SAMPLE_SETTINGS["ics-mobile"], fields: { to: "recipient", message: "recipient" } });
    expect(clash.error?.issues).toEqual([expect.objectContaining({ path: ["fields", "message"], message: 'Field name "recipient" is already used for to' })]);
  });
});

describe("ICS Mobile request", () => {
  it("posts the assumed JSON with a Bearer token and the credentials in the body", () => {
    const { request, masked } = buildRequest(icsMobilePreset.buildConfig(settings()), SAMPLE_VARS);
    expect(request).toEqual({
      method: "POST",
      url: "https://api.ics.example/ics/v1/messages",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body:
        '{"username":"acme","password":"ics-pass-111","type":"service_implicit","sender":"+15557654321","to":"+15551234567",' +
        '"message":"Hi \\"Ann\\" & co 👋","callback_url":"https://sb.example/sms/dlr/native/pub_abc"}',
    });
    expect(masked.headers.Authorization).toBe("••••••••");
    expect(masked.body).toContain('"password":"••••••••"');
  });

  it("follows edited endpoint, field names, type and number format", () => {
    const config = icsMobilePreset.buildConfig(
      settings({
        path: "/api/v2/sms",
        type: "promotional",
        numberFormat: "digits",
        fields: { username: "auth.user", password: "auth.pass", to: "recipients[0]", message: "text", callbackUrl: "dlr.url" },
      }),
    );
    const { request } = buildRequest(config, { ...SAMPLE_VARS, sender: "ACME" });
    expect(request.url).toBe("https://api.ics.example/api/v2/sms");
    expect(JSON.parse(request.body!)).toEqual({
      auth: { user: "acme", pass: "ics-pass-111" },
      type: "promotional",
      sender: "ACME",
      recipients: ["15551234567"],
      text: SAMPLE_VARS.message,
      dlr: { url: SAMPLE_VARS.dlrUrl },
    });
  });
});

describe("ICS Mobile reply", () => {
  const { response } = icsMobilePreset.buildConfig(settings());
  const reply = (status: number, value: unknown) => ({ status, headers: {}, body: JSON.stringify(value) });

  it("takes the id from messageId when status is success", () => {
    expect(classifyResponse(reply(200, { status: "success", messageId: "ics-1", to: "+15551234567" }), response)).toEqual({
      accepted: true,
      sentId: "ics-1",
      sentIdProblem: null,
    });
  });

  it("fails a 200 reply whose status is not success, showing the body", () => {
    const body = { status: "error", code: "INSUFFICIENT_CREDIT", message: "Insufficient credit" };
    expect(classifyResponse(reply(200, body), response)).toEqual({ accepted: false, reason: `Provider rejected: status=error (${JSON.stringify(body)})` });
  });

  it("accepts any 2xx when the accepted path is cleared", () => {
    const lenient = icsMobilePreset.buildConfig(settings({ acceptedPath: "" })).response;
    expect(lenient.accepted).toBeNull();
    expect(classifyResponse(reply(200, { messageId: "ics-2" }), lenient)).toMatchObject({ accepted: true, sentId: "ics-2" });
  });
});

describe("ICS Mobile delivery reports", () => {
  const config = icsMobilePreset.buildConfig(settings());
  const callback = (status: string, reason?: string): CallbackRequest => ({
    method: "POST",
    contentType: "application/json",
    query: "",
    body: JSON.stringify({ messageId: "ics-1", status, ...(reason ? { reason } : {}), to: "+15551234567" }),
  });

  it("counts DELIVERED as delivered, in any case", () => {
    expect(outcomeOf(icsMobilePreset, config, callback("DELIVERED"))).toEqual({ id: "ics-1", outcome: "delivered", reason: null });
    expect(outcomeOf(icsMobilePreset, config, callback("delivered")).outcome).toBe("delivered");
  });

  it.each(["ACCEPTED", "SENT", "SUBMITTED", "PENDING"])("keeps %s pending", (status) => {
    expect(outcomeOf(icsMobilePreset, config, callback(status)).outcome).toBe("pending");
  });

  it.each(["UNDELIVERED", "FAILED", "EXPIRED", "REJECTED"])("counts %s as not delivered, with the reason", (status) => {
    expect(outcomeOf(icsMobilePreset, config, callback(status, "Absent subscriber"))).toEqual({ id: "ics-1", outcome: "undelivered", reason: `${status}: Absent subscriber` });
  });
});

describe("ICS Mobile against the fake provider", () => {
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

  it("is accepted, yields the id, and its reports resolve", async () => {
    const config = icsMobilePreset.buildConfig(settings({ baseUrl: fake.url }));
    const dlrUrl = catcher.url("/sms/dlr/ics-mobile/pub_abc");
    const classification = classifyResponse(await sendBuilt(buildRequest(config, { ...SAMPLE_VARS, dlrUrl }).request), config.response);
    const recorded = fake.received.at(-1)!;
    expect(recorded).toMatchObject({ route: "ics-mobile", status: 200, to: "+15551234567", text: SAMPLE_VARS.message, callbackUrl: dlrUrl });
    expect(recorded.body).toMatchObject({ username: "acme", password: "ics-pass-111", type: "service_implicit" });
    expect(classification).toEqual({ accepted: true, sentId: recorded.messageId, sentIdProblem: null });
    if (!classification.accepted) return;

    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "DELIVERED" });
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "UNDELIVERED", reason: "Absent subscriber" });
    const [delivered, undelivered] = await catcher.waitFor(2);
    expect(outcomeOf(icsMobilePreset, config, delivered)).toEqual({ id: classification.sentId, outcome: "delivered", reason: null });
    expect(outcomeOf(icsMobilePreset, config, undelivered)).toEqual({ id: classification.sentId, outcome: "undelivered", reason: "UNDELIVERED: Absent subscriber" });
  });

  it("fails the fake's 200-with-error reply with a readable reason", async () => {
    const config = icsMobilePreset.buildConfig(settings({ baseUrl: fake.url }));
    fake.setBehavior("error-200", { times: 1 });
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toMatchObject({ accepted: false, reason: expect.stringMatching(/^Provider rejected: status=error \(.*Insufficient credit/) });
  });

  it("fails with a readable reason when the token is wrong", async () => {
    const config = icsMobilePreset.buildConfig(settings({ baseUrl: fake.url, token: "wrong" }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toEqual({ accepted: false, reason: 'HTTP 401: {"status":"error","code":"UNAUTHORIZED","message":"Invalid token"}' });
  });
});
