// The fake provider's ICS Mobile emulation over real HTTP: replies, credentials and JSON reports.
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

describe("ICS Mobile emulation", () => {
  it("200 with messageId, then a JSON report", async () => {
    fake.setAutoDlr({});
    const response = await postJson(`${fake.url}/ics/v1/messages`, { username: "u", password: "p", type: "service_implicit", sender: "ACME", to: "+6591234567", message: "Hi", callback_url: `${receiver.base}/ics` }, { authorization: "Bearer t" });
    const reply = (await response.json()) as { status: string; messageId: string };

    expect(response.status).toBe(200);
    expect(reply.status).toBe("success");
    await fake.waitForDeliveryReport(() => true);
    expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ messageId: reply.messageId, status: "DELIVERED", to: "+6591234567" });
  });
});

describe("ICS Mobile with the fake's apiKey", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("Bearer token, else 401 JSON", async () => {
    const url = `${locked.url}/ics/v1/messages`;
    const body = { username: "u", password: "p", type: "promotional", sender: "ACME", to: "+6591234567", message: "hi" };
    const good = await postJson(url, body, { authorization: "Bearer k-123" });
    const bad = await postJson(url, body);

    expect(good.status).toBe(200);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ status: "error", code: "UNAUTHORIZED" });

  });
});
