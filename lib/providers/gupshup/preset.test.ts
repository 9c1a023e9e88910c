import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import type { CallbackRequest } from "@/lib/delivery/parse-callback";
import { classifyResponse } from "@/lib/connectors/classify";
import { buildRequest } from "@/lib/connectors/request";
import { gupshupPreset, gupshupSettingsSchema, normalizeGupshupReport, type GupshupSettings } from "./preset";
import { SAMPLE_SETTINGS, SAMPLE_VARS, outcomeOf, resolveCallback, sendBuilt, startCallbackCatcher } from "../test-helpers";

const settings = (extra: Partial<Record<keyof GupshupSettings, unknown>> = {}) => gupshupSettingsSchema.parse({ ...SAMPLE_SETTINGS.gupshup, ...extra });
const PASSWORD = "gs-pass-789";
const VARS = { ...SAMPLE_VARS, sender: "ACMEIN" };
const fields = (msgType: string) =>
  "method=SendMessage&send_to=15551234567&msg=Hi+%22Ann%22+%26+co+%F0%9F%91%8B" +
  `&msg_type=${msgType}&userid=2000123456&password=${PASSWORD}&auth_scheme=plain&v=1.1&format=text&mask=ACMEIN&dltTemplateId=`;
// SAMPLE_VARS' message has an emoji: it needs UCS-2.
const QUERY = fields("Unicode_Text");

describe("Gupshup settings", () => {
  it("fills the defaults: POST, msg_type following the text, the real API", () => {
    expect(settings()).toEqual({
      userId: "2000123456",
      password: PASSWORD,
      dltTemplateId: "",
      principalEntityId: "",
      method: "POST",
      messageType: "auto",
      unknownStatus: "failure",
      baseUrl: "https://enterprise.smsgupshup.com",
    });
  });

  it("names the field in each message", () => {
    const result = gupshupSettingsSchema.safeParse({ userId: "", password: "", dltTemplateId: "12a", method: "PUT" });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      userId: "User ID is required",
      password: "Password is required",
      dltTemplateId: "DLT template ID may only contain digits",
      method: "Method must be GET or POST",
    });
  });
});

describe("Gupshup request", () => {
  it("POSTs every field as a form body by default, so the password stays out of URLs", () => {
    const { request, masked } = buildRequest(gupshupPreset.buildConfig(settings()), VARS);
    expect(request).toEqual({
      method: "POST",
      url: "https://enterprise.smsgupshup.com/GatewayAPI/rest",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: QUERY,
    });
    expect(masked.body).not.toContain(PASSWORD);
  });

  it("sends the same fields in the query with method GET, digits-only number", () => {
    const { request, masked } = buildRequest(gupshupPreset.buildConfig(settings({ method: "GET" })), VARS);
    expect(request).toEqual({ method: "GET", url: `https://enterprise.smsgupshup.com/GatewayAPI/rest?${QUERY}`, headers: {}, body: null });
    expect(masked.url).not.toContain(PASSWORD);
    expect(masked.url).toContain("password=••••••••&");
  });

  it("sets msg_type from the text: TEXT for GSM-7, Unicode_Text when the message needs UCS-2", () => {
    const config = gupshupPreset.buildConfig(settings());
    const msgType = (message: string) => new URLSearchParams(buildRequest(config, { ...VARS, message }).request.body!).get("msg_type");
    expect(msgType("Your code is 1234 (valid 5 min) €")).toBe("TEXT");
    expect(msgType("आपका कोड 1234 है")).toBe("Unicode_Text");
    expect(msgType("Hi 👋")).toBe("Unicode_Text");
    // A fixed type when the account needs one.
    expect(new URLSearchParams(buildRequest(gupshupPreset.buildConfig(settings({ messageType: "TEXT" })), VARS).request.body!).get("msg_type")).toBe("TEXT");
  });

  it("takes the mask from the connector's sender, and prefers the message's DLT template id over the connector's", () => {
    const config = gupshupPreset.buildConfig(settings({ method: "GET", dltTemplateId: "1007000000000000001", principalEntityId: "1201000000000000002" }));
    const query = (vars: typeof SAMPLE_VARS) => new URL(buildRequest(config, vars).request.url).searchParams;
    const sent = query(VARS);
    expect(sent.get("mask")).toBe("ACMEIN");
    expect(sent.get("dltTemplateId")).toBe("1007000000000000001");
    expect(sent.get("principalEntityId")).toBe("1201000000000000002");
    expect(query({ ...VARS, dltTemplateId: "1007999999999999999" }).get("dltTemplateId")).toBe("1007999999999999999");
  });

  it("keeps a password with template syntax and URL characters literal", () => {
    const password = "p&ss {{word}} %20";
    const { request, masked } = buildRequest(gupshupPreset.buildConfig(settings({ password, method: "GET" })), VARS);
    expect(new URL(request.url).searchParams.get("password")).toBe(password);
    expect(new URL(masked.url).searchParams.get("password")).toBe("••••••••");
  });
});

describe("Gupshup reply", () => {
  const { response } = gupshupPreset.buildConfig(settings());
  const text = (body: string, status = 200) => ({ status, headers: { "content-type": "text/plain" }, body });

  it("takes the id from the third field of a success line", () => {
    expect(classifyResponse(text("success | 919999999999 | 3562707498794989059-328736121207676738\n"), response)).toEqual({
      accepted: true,
      sentId: "3562707498794989059-328736121207676738",
      sentIdProblem: null,
    });
  });

  it("fails an error line although the HTTP status is 200", () => {
    expect(classifyResponse(text("error | 105 | Invalid userid"), response)).toEqual({ accepted: false, reason: "Provider rejected: error | 105 | Invalid userid" });
  });
});

describe("Gupshup delivery reports", () => {
  const config = gupshupPreset.buildConfig(settings());
  const get = (status: string, cause: string): CallbackRequest => ({
    method: "GET",
    contentType: null,
    query: `externalId=3562707498794989059-328736121207676738&deliveredTS=1526347800000&status=${status}&cause=${cause}&phoneNo=919999999999&errCode=000&noOfFrags=1&mask=TESTIN`,
    body: "",
  });
  const post = (...events: Array<{ eventType: string; cause?: string }>): CallbackRequest => ({
    method: "POST",
    contentType: "application/json",
    query: "",
    body: JSON.stringify(
      events.map((event, i) => ({ externalId: `id-${i}`, eventTs: 1526347800000, destAddr: 919999999999, srcAddr: "TESTIN", errCode: "000", noOfFrags: 1, ...event })),
    ),
  });
  const ID = "3562707498794989059-328736121207676738";

  it("reads GET reports: SUCCESS delivered, FAILURE and UNKNOWN not delivered, with the cause", () => {
    expect(outcomeOf(gupshupPreset, config, get("SUCCESS", "SUCCESS"))).toEqual({ id: ID, outcome: "delivered", reason: null });
    expect(outcomeOf(gupshupPreset, config, get("FAILURE", "ABSENT_SUBSCRIBER"))).toEqual({ id: ID, outcome: "undelivered", reason: "FAILURE: ABSENT_SUBSCRIBER" });
    expect(outcomeOf(gupshupPreset, config, get("UNKNOWN", "UNKNOWN"))).toEqual({ id: ID, outcome: "undelivered", reason: "UNKNOWN" });
  });

  it("can keep UNKNOWN pending", () => {
    const lenient = gupshupPreset.buildConfig(settings({ unknownStatus: "pending" }));
    expect(outcomeOf(gupshupPreset, lenient, get("UNKNOWN", "UNKNOWN")).outcome).toBe("pending");
  });

  it("reads POST arrays in the same vocabulary, one report per event", () => {
    const results = resolveCallback(
      gupshupPreset,
      config,
      post({ eventType: "DELIVERED", cause: "SUCCESS" }, { eventType: "UNDELIVERED", cause: "ABSENT_SUBSCRIBER" }, { eventType: "FAILED" }, { eventType: "UNKNOWN" }),
    );
    expect(results).toEqual([
      expect.objectContaining({ ok: true, providerMessageId: "id-0", outcome: "delivered", status: "SUCCESS", reason: null }),
      expect.objectContaining({ ok: true, providerMessageId: "id-1", outcome: "undelivered", status: "FAILURE", reason: "FAILURE: ABSENT_SUBSCRIBER" }),
      expect.objectContaining({ ok: true, providerMessageId: "id-2", outcome: "undelivered", status: "FAILURE", reason: "FAILURE: FAILED" }),
      expect.objectContaining({ ok: true, providerMessageId: "id-3", outcome: "undelivered", status: "UNKNOWN", reason: "UNKNOWN" }),
    ]);
  });

  it("leaves GET reports and unrelated shapes as they are", () => {
    const report = { externalId: "x", status: "SUCCESS", cause: "SUCCESS" };
    expect(normalizeGupshupReport(report)).toBe(report);
    expect(normalizeGupshupReport({ text: "hello" })).toEqual({ text: "hello" });
    expect(normalizeGupshupReport({ externalId: "x", eventType: "delivered" })).toEqual({ externalId: "x", eventType: "delivered", status: "SUCCESS", cause: "DELIVERED" });
  });
});

describe("Gupshup against the fake provider", () => {
  let fake: FakeProvider;
  let catcher: Awaited<ReturnType<typeof startCallbackCatcher>>;

  beforeAll(async () => {
    catcher = await startCallbackCatcher();
    // Gupshup reports go to the URL set on the account, which is the fake's dlrUrl option.
    fake = await createFakeProvider({ apiKey: PASSWORD, dlrUrl: catcher.url("/sms/dlr/gupshup/pub_abc") });
  });
  afterAll(async () => {
    await fake?.close();
    await catcher?.close();
  });

  it.each(["GET", "POST"])("is accepted by %s, yields the id, and both report shapes resolve", async (method) => {
    const config = gupshupPreset.buildConfig(settings({ baseUrl: fake.url, method }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, VARS).request), config.response);
    const recorded = fake.received.at(-1)!;
    expect(recorded).toMatchObject({ route: "gupshup", method, status: 200, to: "15551234567", text: VARS.message });
    expect(classification).toEqual({ accepted: true, sentId: recorded.messageId, sentIdProblem: null });
    if (!classification.accepted) return;

    const before = catcher.caught.length;
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "FAILURE", reason: "ABSENT_SUBSCRIBER", format: "gupshup-get" });
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "DELIVERED", format: "gupshup-post" });
    const [failure, delivered] = (await catcher.waitFor(before + 2)).slice(before);
    expect(failure.method).toBe("GET");
    expect(outcomeOf(gupshupPreset, config, failure)).toEqual({ id: classification.sentId, outcome: "undelivered", reason: "FAILURE: ABSENT_SUBSCRIBER" });
    expect(outcomeOf(gupshupPreset, config, delivered)).toEqual({ id: classification.sentId, outcome: "delivered", reason: null });
  });

  it("fails with Gupshup's error line when the password is wrong", async () => {
    const config = gupshupPreset.buildConfig(settings({ baseUrl: fake.url, password: "wrong" }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, VARS).request), config.response);
    expect(classification).toEqual({ accepted: false, reason: "Provider rejected: error | 105 | Invalid userid" });
  });
});
