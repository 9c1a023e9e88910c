import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import type { CallbackRequest } from "@/lib/delivery/parse-callback";
import { classifyResponse } from "@/lib/connectors/classify";
import { buildRequest } from "@/lib/connectors/request";
import { kaleyraPreset, kaleyraSettingsSchema, type KaleyraSettings } from "./preset";
import { SAMPLE_SETTINGS, SAMPLE_VARS, outcomeOf, sendBuilt, startCallbackCatcher } from "../test-helpers";

const settings = (extra: Partial<Record<keyof KaleyraSettings, unknown>> = {}) => kaleyraSettingsSchema.parse({ ...SAMPLE_SETTINGS.kaleyra, ...extra });
const API_KEY = "Aa1b2c3d4e5f";

describe("Kaleyra settings", () => {
  it("fills the defaults, including the unverified id path and report fields", () => {
    expect(settings()).toEqual({
      region: "default",
      sid: "HXAP1234567890IN",
      apiKey: API_KEY,
      messageType: "DEFAULT",
      templateId: "",
      bodyFormat: "form",
      baseUrl: "",
      idPath: "data[0].message_id",
      deliveryReport: { messageIdField: "id", statusField: "status", reasonField: "reason", successValues: ["Delivered"], pendingValues: ["Sent"] },
    });
  });

  it("names the field in each message", () => {
    const result = kaleyraSettingsSchema.safeParse({
      region: "us",
      sid: "",
      apiKey: "",
      messageType: "PROMO",
      deliveryReport: { statusField: "", successValues: [] },
    });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      region: "Region must be default, in or eu",
      sid: "SID is required",
      apiKey: "API key is required",
      messageType: "Message type must be MKT, TXN, OTP or DEFAULT",
      "deliveryReport.statusField": "Report status field is required",
      "deliveryReport.successValues": "Delivered statuses: add at least one status that means delivered",
    });
  });
});

describe("Kaleyra request", () => {
  it("posts a form with the api-key header and the callback as a JSON string, as Kaleyra's samples do", () => {
    const { request, masked } = buildRequest(kaleyraPreset.buildConfig(settings()), SAMPLE_VARS);
    expect(request).toMatchObject({
      method: "POST",
      url: "https://api.kaleyra.io/v1/HXAP1234567890IN/messages",
      headers: { "api-key": API_KEY, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(Object.fromEntries(new URLSearchParams(request.body!))).toEqual({
      to: "+15551234567",
      sender: "+15557654321",
      body: 'Hi "Ann" & co 👋',
      type: "DEFAULT",
      ref: "msg_01HX",
      callback: '{"url":"https://sb.example/sms/dlr/native/pub_abc","method":"POST"}',
    });
    expect(JSON.parse(new URLSearchParams(request.body!).get("callback")!)).toEqual({ url: SAMPLE_VARS.dlrUrl, method: "POST" });
    expect(masked.headers["api-key"]).toBe("••••••••");
  });

  it("posts JSON with the callback as an object when the setting says so", () => {
    const { request } = buildRequest(kaleyraPreset.buildConfig(settings({ bodyFormat: "json" })), SAMPLE_VARS);
    expect(request.headers["Content-Type"]).toBe("application/json");
    expect(request.body).toBe(
      '{"to":"+15551234567","sender":"+15557654321","body":"Hi \\"Ann\\" & co 👋","type":"DEFAULT","ref":"msg_01HX",' +
        '"callback":{"url":"https://sb.example/sms/dlr/native/pub_abc","method":"POST"}}',
    );
  });

  it.each([
    ["default", "https://api.kaleyra.io"],
    ["in", "https://api.in.kaleyra.io"],
    ["eu", "https://api.eu.kaleyra.io"],
  ])("uses the %s region's host", (region, host) => {
    expect(buildRequest(kaleyraPreset.buildConfig(settings({ region })), SAMPLE_VARS).request.url).toBe(`${host}/v1/HXAP1234567890IN/messages`);
  });

  it("sends the template id in India always and elsewhere when set; the message's own id wins", () => {
    const body = (extra: Partial<Record<keyof KaleyraSettings, unknown>>, vars = SAMPLE_VARS) =>
      Object.fromEntries(new URLSearchParams(buildRequest(kaleyraPreset.buildConfig(settings(extra)), vars).request.body!));
    expect(body({ region: "in", messageType: "TXN" })).toMatchObject({ type: "TXN", template_id: "" });
    expect(body({ templateId: "1107000000000000001" })).toMatchObject({ template_id: "1107000000000000001" });
    expect(body({ templateId: "1107000000000000001" }, { ...SAMPLE_VARS, dltTemplateId: "1107999" })).toMatchObject({ template_id: "1107999" });
    expect(body({ templateId: "" })).not.toHaveProperty("template_id");
  });
});

describe("Kaleyra reply", () => {
  const reply = (status: number, value: unknown) => ({ status, headers: {}, body: JSON.stringify(value) });
  const accepted = { id: "5c1d6f8a-0000", totalCount: 1, data: [{ message_id: "5c1d6f8a-0000", recipient: "+15551234567" }], error: {} };

  it("takes the id from data[0].message_id", () => {
    expect(classifyResponse(reply(202, accepted), kaleyraPreset.buildConfig(settings()).response)).toEqual({ accepted: true, sentId: "5c1d6f8a-0000", sentIdProblem: null });
  });

  it("takes the id from an edited path when the reply differs", () => {
    const response = kaleyraPreset.buildConfig(settings({ idPath: "data[0].id" })).response;
    expect(classifyResponse(reply(202, { data: [{ id: "k-1" }] }), response)).toEqual({ accepted: true, sentId: "k-1", sentIdProblem: null });
  });

  it("fails an error reply with Kaleyra's message as the reason", () => {
    const body = { code: "E413", message: "Insufficient balance", data: [], error: { message: "Insufficient balance" } };
    expect(classifyResponse(reply(400, body), kaleyraPreset.buildConfig(settings()).response)).toEqual({ accepted: false, reason: `HTTP 400: ${JSON.stringify(body)}` });
  });
});

describe("Kaleyra delivery reports", () => {
  const config = kaleyraPreset.buildConfig(settings());
  const callback = (status: string, reason?: string): CallbackRequest => ({
    method: "POST",
    contentType: "application/json",
    query: "",
    body: JSON.stringify({ id: "k-1", status, to: "+15551234567", sender: "KLRHXA", ...(reason ? { reason } : {}), ref: "msg_01HX" }),
  });

  it("counts Delivered as delivered, in any case", () => {
    expect(outcomeOf(kaleyraPreset, config, callback("Delivered"))).toEqual({ id: "k-1", outcome: "delivered", reason: null });
    expect(outcomeOf(kaleyraPreset, config, callback("DELIVERED")).outcome).toBe("delivered");
  });

  it("keeps Sent pending", () => {
    expect(outcomeOf(kaleyraPreset, config, callback("Sent")).outcome).toBe("pending");
  });

  it.each(["Failed", "Undelivered"])("counts %s as not delivered, with the reason", (status) => {
    expect(outcomeOf(kaleyraPreset, config, callback(status, "Absent subscriber"))).toEqual({ id: "k-1", outcome: "undelivered", reason: `${status}: Absent subscriber` });
  });

  it("reads edited field names and statuses", () => {
    const edited = kaleyraPreset.buildConfig(
      settings({ deliveryReport: { messageIdField: "message_id", statusField: "dlr.state", reasonField: "", successValues: ["DELIVRD"], pendingValues: [] } }),
    );
    const report: CallbackRequest = { method: "POST", contentType: "application/json", query: "", body: '{"message_id":"k-9","dlr":{"state":"delivrd"}}' };
    expect(outcomeOf(kaleyraPreset, edited, report)).toEqual({ id: "k-9", outcome: "delivered", reason: null });
  });
});

describe("Kaleyra against the fake provider", () => {
  let fake: FakeProvider;
  let catcher: Awaited<ReturnType<typeof startCallbackCatcher>>;

  beforeAll(async () => {
    fake = await createFakeProvider({ apiKey: API_KEY });
    catcher = await startCallbackCatcher();
  });
  afterAll(async () => {
    await fake?.close();
    await catcher?.close();
  });

  it("is accepted, yields the id, reads the callback object, and its reports resolve", async () => {
    const config = kaleyraPreset.buildConfig(settings({ baseUrl: fake.url }));
    const dlrUrl = catcher.url("/sms/dlr/kaleyra/pub_abc");
    const classification = classifyResponse(await sendBuilt(buildRequest(config, { ...SAMPLE_VARS, dlrUrl }).request), config.response);
    const recorded = fake.received.at(-1)!;
    expect(recorded).toMatchObject({ route: "kaleyra", status: 202, to: "+15551234567", text: SAMPLE_VARS.message, callbackUrl: dlrUrl });
    expect(fake.sentMessage(recorded.messageId!)).toMatchObject({ callbackMethod: "POST", reference: "msg_01HX" });
    expect(classification).toEqual({ accepted: true, sentId: recorded.messageId, sentIdProblem: null });
    if (!classification.accepted) return;

    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "Sent" });
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "Failed", reason: "Absent subscriber" });
    const [sent, failed] = await catcher.waitFor(2);
    expect(outcomeOf(kaleyraPreset, config, sent)).toEqual({ id: classification.sentId, outcome: "pending", reason: null });
    expect(outcomeOf(kaleyraPreset, config, failed)).toEqual({ id: classification.sentId, outcome: "undelivered", reason: "Failed: Absent subscriber" });
  });

  it("fails with a readable reason when the key is wrong", async () => {
    const config = kaleyraPreset.buildConfig(settings({ baseUrl: fake.url, apiKey: "wrong" }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toMatchObject({ accepted: false, reason: expect.stringMatching(/^HTTP 401: .*Invalid API key/) });
  });
});
