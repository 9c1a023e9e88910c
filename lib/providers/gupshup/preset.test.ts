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
const QUERY =
  "method=SendMessage&send_to=15551234567&msg=Hi+%22Ann%22+%26+co+%F0%9F%91%8B&msg_type=TEXT&userid=2000123456" +
  `&password=${PASSWORD}&auth_scheme=plain&v=1.1&format=text&mask=ACMEIN&dltTemplateId=`;

describe("Gupshup settings", () => {
  it("fills the defaults: GET, TEXT, the real API", () => {
    expect(settings()).toEqual({
      userId: "2000123456",
      password: PASSWORD,
      senderMask: "TESTIN",
      dltTemplateId: "",
      principalEntityId: "",
      method: "GET",
      messageType: "TEXT",
      unknownStatus: "failure",
      baseUrl: "https://enterprise.smsgupshup.com",
    });
  });

  it("names the field in each message", () => {
    const result = gupshupSettingsSchema.safeParse({ userId: "", password: "", senderMask: 'AC"ME', dltTemplateId: "12a", method: "PUT" });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      userId: "User ID is required",
      password: "Password is required",
      senderMask: "Sender mask may only contain letters, digits, spaces and + . _ -",
      dltTemplateId: "DLT template ID may only contain digits",
      method: "Method must be GET or POST",
    });
  });
});

describe("Gupshup request", () => {
  it("sends a GET with every field in the query, digits-only number", () => {
    const { request, masked } = buildRequest(gupshupPreset.buildConfig(settings()), VARS);
    expect(request).toEqual({ method: "GET", url: `https://enterprise.smsgupshup.com/GatewayAPI/rest?${QUERY}`, headers: {}, body: null });
    expect(masked.url).not.toContain(PASSWORD);
    expect(masked.url).toContain("password=••••••••&");
  });

  it("sends the same fields as a form body with method POST", () => {
    const { request } = buildRequest(gupshupPreset.buildConfig(settings({ method: "POST" })), VARS);
    expect(request).toEqual({
      method: "POST",
      url: "https://enterprise.smsgupshup.com/GatewayAPI/rest",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: QUERY,
    });
  });

  it("falls back to the sender mask, and prefers the message's DLT template id over the connector's", () => {
    const config = gupshupPreset.buildConfig(settings({ dltTemplateId: "1007000000000000001", principalEntityId: "1201000000000000002", messageType: "Unicode_Text" }));
    const query = (vars: typeof SAMPLE_VARS) => new URL(buildRequest(config, vars).request.url).searchParams;
    const withoutSender = query({ ...SAMPLE_VARS, sender: undefined });
    expect(withoutSender.get("mask")).toBe("TESTIN");
    expect(withoutSender.get("dltTemplateId")).toBe("1007000000000000001");
    expect(withoutSender.get("principalEntityId")).toBe("1201000000000000002");
    expect(withoutSender.get("msg_type")).toBe("Unicode_Text");
    expect(query({ ...VARS, dltTemplateId: "1007999999999999999" }).get("dltTemplateId")).toBe("1007999999999999999");
  });

  it("keeps a password with template syntax and URL characters literal", () => {
    const password = "p&ss {{word}} %20";
    const { request, masked } = buildRequest(gupshupPreset.buildConfig(settings({ password })), VARS);
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
