// The fake provider's Gupshup emulation over real HTTP: text and JSON replies, error lines, credentials and GET / POST reports.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { closeBoth, postForm, resetBoth, startFakeAndReceiver, type Receiver } from "@/tools/fake-provider/test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

describe("Gupshup emulation", () => {
  it("text reply, JSON variant, and GET / POST-array reports", async () => {
    const gupshup = await createFakeProvider({ dlrUrl: `${receiver.base}/gupshup`, autoDlr: {} });
    try {
      const textReply = await fetch(`${gupshup.url}/GatewayAPI/rest?method=SendMessage&send_to=919999999999&msg=Hello%20World&msg_type=TEXT&userid=u&password=p&mask=TESTIN&v=1.1&format=text`);
      const jsonReply = await postForm(`${gupshup.url}/GatewayAPI/rest`, { method: "sendMessage", send_to: "919999990000", msg: "Hi", format: "json", mask: "TESTIN" });
      const id = /^success \| 919999999999 \| (\S+)$/.exec(await textReply.text())?.[1] ?? "";
      const json = (await jsonReply.json()) as { response: { id: string; phone: string; status: string } };

      expect(id).toMatch(/^\d{19}-\d{18}$/);
      expect(json.response).toMatchObject({ phone: "919999990000", status: "success" });
      await gupshup.waitForDeliveryReport((report) => report.messageId === json.response.id);
      await gupshup.waitForDeliveryReport((report) => report.messageId === id);

      const byId = new Map(receiver.callbacks.map((callback) => [callback.query.get("externalId"), Object.fromEntries(callback.query)]));
      expect(byId.get(id)).toMatchObject({ status: "SUCCESS", cause: "SUCCESS", phoneNo: "919999999999", errCode: "000", mask: "TESTIN" });
      expect(byId.get(json.response.id)).toMatchObject({ status: "FAILURE", cause: "ABSENT_SUBSCRIBER", phoneNo: "919999990000" });

      await gupshup.sendDeliveryReport({ messageId: id, status: "DELIVERED", format: "gupshup-post" });
      expect(JSON.parse(receiver.callbacks.at(-1)?.body ?? "")).toEqual([expect.objectContaining({ externalId: id, eventType: "DELIVERED", destAddr: 919999999999, srcAddr: "TESTIN", cause: "SUCCESS" })]);
    } finally {
      await gupshup.close();
    }
  });

  it("takes msg_type TEXT or Unicode_Text, in any case, and refuses an unknown one", async () => {
    const send = (msgType: string) => postForm(`${fake.url}/GatewayAPI/rest`, { method: "SendMessage", send_to: "919999999999", msg: "नमस्ते", msg_type: msgType, mask: "TESTIN" });
    expect(await (await send("Unicode_Text")).text()).toMatch(/^success \|/);
    expect(await (await send("unicode_text")).text()).toMatch(/^success \|/);
    expect(await (await send("WHATEVER")).text()).toBe("error | 175 | Invalid message type");
  });

  it("error line for an unsupported method and for error-200", async () => {
    const wrongMethod = await fetch(`${fake.url}/GatewayAPI/rest?method=Nope&send_to=919999999999&msg=x`);
    const rejected = await fetch(`${fake.url}/GatewayAPI/rest?method=SendMessage&send_to=919999999999&msg=x&behavior=error-200`);

    expect(await wrongMethod.text()).toMatch(/^error \| \d+ \| Unsupported method$/);
    expect(rejected.status).toBe(200);
    expect(await rejected.text()).toMatch(/^error \| \d+ \| Insufficient credit$/);
  });
});

describe("Gupshup with the fake's apiKey", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it("password param, else 200 `error | 105 | …`", async () => {
    const query = "method=SendMessage&send_to=919999999999&msg=hi&userid=u1";
    const good = await fetch(`${locked.url}/GatewayAPI/rest?${query}&password=k-123`);
    const bad = await fetch(`${locked.url}/GatewayAPI/rest?${query}&password=nope`);

    expect(await good.text()).toMatch(/^success \| 919999999999 \| /);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toBe("error | 105 | Invalid userid");
  });
});
