// The fake provider's Kaleyra emulation over real HTTP: replies, credentials and reports by the callback's method.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { closeBoth, postForm, postJson, resetBoth, startFakeAndReceiver, type Receiver } from "@/tools/fake-provider/test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

describe("Kaleyra emulation", () => {
  it("202 with data[0].message_id, then a report by the callback's method", async () => {
    fake.setAutoDlr({});
    const response = await postJson(`${fake.url}/v1/SID1/messages`, {
      to: "919999999999",
      sender: "KLRHXA",
      body: "Hi",
      type: "TXN",
      ref: "our-7",
      callback: JSON.stringify({ url: `${receiver.base}/kaleyra`, method: "GET" }),
    }, { "api-key": "any" });
    const reply = (await response.json()) as { data: Array<{ message_id: string; recipient: string }> };

    expect(response.status).toBe(202);
    expect(reply.data[0]).toMatchObject({ message_id: expect.any(String), recipient: "919999999999" });
    await fake.waitForDeliveryReport(() => true);
    expect(receiver.callbacks[0].method).toBe("GET");
    expect(Object.fromEntries(receiver.callbacks[0].query)).toMatchObject({ id: reply.data[0].message_id, status: "Delivered", to: "919999999999", ref: "our-7" });
  });
});

describe("Kaleyra's form-encoded send", () => {
  it("reads the fields and the callback JSON string of a form body, as Kaleyra's samples send them", async () => {
    fake.setAutoDlr({});
    const response = await postForm(
      `${fake.url}/v1/SID1/messages`,
      { to: "+919999999999", sender: "KLRHXA", body: "Hi & bye", type: "MKT", callback: JSON.stringify({ url: `${receiver.base}/kaleyra`, method: "POST" }) },
      { "api-key": "any" },
    );
    expect(response.status).toBe(202);
    expect(fake.received.at(-1)).toMatchObject({ to: "+919999999999", text: "Hi & bye", callbackUrl: `${receiver.base}/kaleyra` });
    await fake.waitForDeliveryReport(() => true);
    expect(receiver.callbacks[0]).toMatchObject({ method: "POST" });
  });
});

describe("Kaleyra with the fake's apiKey", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("api-key header, else 401 JSON", async () => {
    const url = `${locked.url}/v1/SID1/messages`;
    const body = { to: "919999999999", sender: "KLRHXA", body: "hi", type: "TXN" };
    const good = await postJson(url, body, { "api-key": "k-123" });
    const bad = await postJson(url, body, { "api-key": "nope" });

    expect(good.status).toBe(202);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: "E401", message: "Invalid API key" });
  });
});
