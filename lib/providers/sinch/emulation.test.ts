// The fake provider's Sinch emulation over real HTTP: batches, errors, credentials and recipient reports.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { closeBoth, postJson, resetBoth, startFakeAndReceiver, type Receiver } from "@/tools/fake-provider/test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

describe("Sinch emulation", () => {
  it("201 batch, then a recipient_delivery_report_sms echoing client_reference", async () => {
    fake.setAutoDlr({});
    const response = await postJson(`${fake.url}/xms/v1/plan-1/batches`, {
      from: "12345",
      to: ["+46701234567"],
      body: "Hi",
      delivery_report: "per_recipient",
      callback_url: `${receiver.base}/sinch`,
      client_reference: "our-42",
    }, { authorization: "Bearer any" });
    const reply = (await response.json()) as { id: string; to: string[]; type: string };

    expect(response.status).toBe(201);
    expect(reply).toMatchObject({ id: expect.stringMatching(/^01[0-9A-F]{24}$/), to: ["+46701234567"], type: "mt_text", canceled: false });
    await fake.waitForDeliveryReport(() => true);
    expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ type: "recipient_delivery_report_sms", batch_id: reply.id, recipient: "+46701234567", code: 0, status: "Delivered", client_reference: "our-42" });
  });

  it("no reports when delivery_report is none (its default)", async () => {
    const response = await postJson(`${fake.url}/xms/v1/plan-1/batches`, { from: "12345", to: ["+46700000000"], body: "Hi", callback_url: `${receiver.base}/sinch` });
    const { id } = (await response.json()) as { id: string };

    expect(fake.sentMessage(id)).toMatchObject({ provider: "sinch", wantsReports: false, callbackUrl: `${receiver.base}/sinch` });
  });
});

describe("Sinch with the fake's apiKey", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("Bearer token, else 401 {code, text}", async () => {
    const url = `${locked.url}/xms/v1/plan1/batches`;
    const body = { from: "12345", to: ["+46700000000"], body: "hi" };
    const good = await postJson(url, body, { authorization: "Bearer k-123" });
    const bad = await postJson(url, body, { authorization: "Bearer nope" });

    expect(good.status).toBe(201);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ code: "unauthorized", text: expect.any(String) });
  });
});
