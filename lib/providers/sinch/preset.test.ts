import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import type { CallbackRequest } from "@/lib/delivery/parse-callback";
import { classifyResponse } from "@/lib/connectors/classify";
import { buildRequest } from "@/lib/connectors/request";
import { sinchPreset, sinchSettingsSchema, type SinchSettings } from "./preset";
import { SAMPLE_SETTINGS, SAMPLE_VARS, outcomeOf, sendBuilt, startCallbackCatcher } from "../test-helpers";

const settings = (extra: Partial<Record<keyof SinchSettings, unknown>> = {}) => sinchSettingsSchema.parse({ ...SAMPLE_SETTINGS.sinch, ...extra });
const TOKEN = "sinch-token-456";

describe("Sinch settings", () => {
  it("defaults to the US region and its URL", () => {
    const parsed = sinchSettingsSchema.parse({ servicePlanId: "plan123", apiToken: TOKEN });
    expect(parsed).toEqual({ region: "us", servicePlanId: "plan123", apiToken: TOKEN, baseUrl: "" });
    expect(buildRequest(sinchPreset.buildConfig(parsed), SAMPLE_VARS).request.url).toBe("https://us.sms.api.sinch.com/xms/v1/plan123/batches");
  });

  it("names the field in each message", () => {
    const result = sinchSettingsSchema.safeParse({ region: "mars", servicePlanId: "plan/123", apiToken: "  " });
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      region: "Region must be one of us, eu, au, br or ca",
      servicePlanId: expect.stringMatching(/^Service plan ID may only contain/),
      apiToken: "API token is required",
    });
  });
});

describe("Sinch request", () => {
  it("posts one batch per message with per-recipient reports", () => {
    const { request, masked } = buildRequest(sinchPreset.buildConfig(settings()), SAMPLE_VARS);
    expect(request).toEqual({
      method: "POST",
      url: "https://eu.sms.api.sinch.com/xms/v1/plan123/batches",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body:
        '{"from":"+15557654321","to":["+15551234567"],"body":"Hi \\"Ann\\" & co 👋","delivery_report":"per_recipient",' +
        '"callback_url":"https://sb.example/sms/dlr/native/pub_abc","client_reference":"msg_01HX"}',
    });
    expect(masked.headers.Authorization).toBe("••••••••");
  });

  it("uses a base URL override instead of the region", () => {
    const { request } = buildRequest(sinchPreset.buildConfig(settings({ baseUrl: "http://127.0.0.1:9999/" })), SAMPLE_VARS);
    expect(request.url).toBe("http://127.0.0.1:9999/xms/v1/plan123/batches");
  });

  it("keeps a token with template syntax literal", () => {
    const { request } = buildRequest(sinchPreset.buildConfig(settings({ apiToken: "a{{b}}c{%d%}" })), SAMPLE_VARS);
    expect(request.headers.Authorization).toBe("Bearer a{{b}}c{%d%}");
  });
});

describe("Sinch reply", () => {
  const { response } = sinchPreset.buildConfig(settings());

  it("takes the batch id from id", () => {
    const body = JSON.stringify({ id: "01FC66621XXXXX119Z8PMV1QPQ", to: ["+46700000000"], canceled: false, type: "mt_text" });
    expect(classifyResponse({ status: 201, headers: {}, body }, response)).toEqual({ accepted: true, sentId: "01FC66621XXXXX119Z8PMV1QPQ", sentIdProblem: null });
  });

  it("fails an error reply with Sinch's text as the reason", () => {
    const body = JSON.stringify({ code: "syntax_invalid_parameter_format", text: "Invalid recipient" });
    expect(classifyResponse({ status: 400, headers: {}, body }, response)).toEqual({ accepted: false, reason: "HTTP 400: syntax_invalid_parameter_format Invalid recipient" });
  });
});

describe("Sinch delivery reports", () => {
  const config = sinchPreset.buildConfig(settings());
  const callback = (status: string, code: number): CallbackRequest => ({
    method: "POST",
    contentType: "application/json",
    query: "",
    body: JSON.stringify({
      type: "recipient_delivery_report_sms",
      batch_id: "01FC66621XXXXX119Z8PMV1QPQ",
      recipient: "+46700000000",
      code,
      status,
      at: "2024-05-01T10:00:02.123Z",
      client_reference: "msg_01HX",
    }),
  });

  it("counts Delivered as delivered", () => {
    expect(outcomeOf(sinchPreset, config, callback("Delivered", 0))).toEqual({ id: "01FC66621XXXXX119Z8PMV1QPQ", outcome: "delivered", reason: null });
  });

  it.each([
    ["Queued", 400],
    ["Dispatched", 401],
  ])("keeps %s pending", (status, code) => {
    expect(outcomeOf(sinchPreset, config, callback(status, code)).outcome).toBe("pending");
  });

  it.each(["Aborted", "Cancelled", "Rejected", "Deleted", "Failed", "Expired", "Unknown"])("counts %s as not delivered, with its code", (status) => {
    expect(outcomeOf(sinchPreset, config, callback(status, 402))).toEqual({ id: "01FC66621XXXXX119Z8PMV1QPQ", outcome: "undelivered", reason: `${status}: 402` });
  });
});

describe("Sinch against the fake provider", () => {
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

  it("is accepted, yields the batch id, and its reports resolve", async () => {
    const config = sinchPreset.buildConfig(settings({ baseUrl: fake.url }));
    const dlrUrl = catcher.url("/sms/dlr/sinch/pub_abc");
    const classification = classifyResponse(await sendBuilt(buildRequest(config, { ...SAMPLE_VARS, dlrUrl }).request), config.response);
    const recorded = fake.received.at(-1)!;
    expect(recorded).toMatchObject({ route: "sinch", status: 201, to: "+15551234567", text: SAMPLE_VARS.message, callbackUrl: dlrUrl });
    expect(fake.sentMessage(recorded.messageId!)).toMatchObject({ reference: "msg_01HX", wantsReports: true });
    expect(classification).toEqual({ accepted: true, sentId: recorded.messageId, sentIdProblem: null });
    if (!classification.accepted) return;

    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "Dispatched" });
    await fake.sendDeliveryReport({ messageId: classification.sentId!, status: "Expired", reason: "406" });
    const [dispatched, expired] = await catcher.waitFor(2);
    expect(outcomeOf(sinchPreset, config, dispatched)).toEqual({ id: classification.sentId, outcome: "pending", reason: null });
    expect(outcomeOf(sinchPreset, config, expired)).toEqual({ id: classification.sentId, outcome: "undelivered", reason: "Expired: 406" });
  });

  it("fails with a readable reason when the token is wrong", async () => {
    const config = sinchPreset.buildConfig(settings({ baseUrl: fake.url, apiToken: "wrong" }));
    const classification = classifyResponse(await sendBuilt(buildRequest(config, SAMPLE_VARS).request), config.response);
    expect(classification).toEqual({ accepted: false, reason: "HTTP 401: unauthorized Invalid authentication token" });
  });
});
