// Generic sends over real HTTP on port 0: replies per behaviour, parsing, recording and credentials.
import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "./index";
import { postForm, postJson, xml } from "./test-support";

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe("generic sends", () => {
  it("ok: 201 with a nested id, and records the request", async () => {
    const response = await postJson(`${fake.url}/json/send?channel=sms`, { to: "+15551234567", text: "Hi & \"bye\"", meta: { tag: "a" } }, { "x-client": "switchboard" });
    const reply = (await response.json()) as { data: { messages: Array<{ id: string }> } };

    expect(response.status).toBe(201);
    const id = reply.data.messages[0].id;
    expect(id).toMatch(/^fake-/);
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({
      method: "POST",
      path: "/json/send",
      query: { channel: "sms" },
      route: "json",
      provider: "generic",
      behavior: "ok",
      status: 201,
      messageId: id,
      to: "+15551234567",
      text: "Hi & \"bye\"",
      body: { to: "+15551234567", text: "Hi & \"bye\"", meta: { tag: "a" } },
      parseError: null,
    });
    expect(fake.received[0].headers["x-client"]).toBe("switchboard");
    expect(JSON.parse(fake.received[0].rawBody)).toEqual({ to: "+15551234567", text: "Hi & \"bye\"", meta: { tag: "a" } });
  });

  it("text (X-Fake-Behavior header): Gupshup-style line whose third field is the recorded id", async () => {
    const response = await postJson(`${fake.url}/json/send`, { to: "+919999999999", text: "x" }, { "x-fake-behavior": "text" });
    const body = await response.text();

    expect(response.status).toBe(200);
    const match = /^success \| 919999999999 \| (\d{19}-\d{18})$/.exec(body);
    expect(match).not.toBeNull();
    expect(fake.received[0].messageId).toBe(match?.[1]);
  });

  it("xml: XML reply carrying the id", async () => {
    const response = await fetch(`${fake.url}/xml/send?behavior=xml`, { method: "POST", headers: { "content-type": "application/xml" }, body: "<sms><to>+15551234567</to><text>a &amp; b</text></sms>" });
    const parsed = xml.parse(await response.text()) as { response: { status: string; message: { id: string; to: string } } };

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(parsed.response.status).toBe("OK");
    expect(parsed.response.message.id).toBe(fake.received[0].messageId);
    expect(fake.received[0]).toMatchObject({ to: "+15551234567", text: "a & b", body: { sms: { to: "+15551234567", text: "a & b" } } });
  });

  it("error-200: 200 with the failure inside the body and no id", async () => {
    const response = await postJson(`${fake.url}/json/send?behavior=error-200`, { to: "+15551234567" });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "error", message: "Insufficient credit" });
    expect(fake.received[0].messageId).toBeNull();
  });

  it("unauthorized: 401 bad key", async () => {
    const response = await postJson(`${fake.url}/json/send?behavior=unauthorized`, { to: "+15551234567" });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "bad key" });
  });

  it("rate-limit: 429 with Retry-After: 1", async () => {
    const response = await postJson(`${fake.url}/json/send?behavior=rate-limit`, { to: "+15551234567" });

    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
  });

  it("unavailable: 503", async () => {
    const response = await postJson(`${fake.url}/json/send?behavior=unavailable`, { to: "+15551234567" });

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "service unavailable" });
  });

  it("slow: records the request at once but answers only after the delay", async () => {
    const started = performance.now();
    let answered = false;
    const pending = postJson(`${fake.url}/json/send?behavior=slow&delay_ms=300`, { to: "+15551234567" }).then((response) => {
      answered = true;
      return response;
    });

    const recorded = await fake.waitFor((request) => request.behavior === "slow");
    expect(answered).toBe(false);
    expect(recorded.status).toBe(201);
    const response = await pending;
    expect(response.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("slow without delay_ms uses the configured slowMs", async () => {
    fake.setBehavior("slow", { slowMs: 150 });
    const started = performance.now();

    const response = await postJson(`${fake.url}/json/send`, { to: "+15551234567" });

    expect(response.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("parses form bodies, keeping repeated keys", async () => {
    const response = await fetch(`${fake.url}/form/send`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "to=%2B15551234567&to=%2B15557654321&msg=Hello%20world&dlr_url=http%3A%2F%2Fapp.test%2Fdlr" });

    expect(response.status).toBe(201);
    expect(fake.received[0]).toMatchObject({
      route: "form",
      body: { to: ["+15551234567", "+15557654321"], msg: "Hello world", dlr_url: "http://app.test/dlr" },
      to: "+15551234567",
      text: "Hello world",
      callbackUrl: "http://app.test/dlr",
    });
  });

  it("reads GET sends from the query string", async () => {
    const response = await fetch(`${fake.url}/get/send?msisdn=15551234567&message=hi%20there&callback=http%3A%2F%2Fapp.test%2Fdlr%3Fa%3D1`);

    expect(response.status).toBe(201);
    expect(fake.received[0]).toMatchObject({ method: "GET", route: "get", body: null, to: "15551234567", text: "hi there", callbackUrl: "http://app.test/dlr?a=1" });
  });

  it("finds fields nested in JSON, and accepts DELETE", async () => {
    const response = await fetch(`${fake.url}/json/send`, { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: { recipients: ["+46700000000"], content: "nested" }, options: { StatusCallback: "http://app.test/cb" } }) });

    expect(response.status).toBe(201);
    expect(fake.received[0]).toMatchObject({ method: "DELETE", to: "+46700000000", text: "nested", callbackUrl: "http://app.test/cb" });
  });

  it("answers 400 to broken JSON and broken XML, recording why", async () => {
    const badJson = await fetch(`${fake.url}/json/send`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"to":"+1555","text":"say "hi""}' });
    const badXml = await fetch(`${fake.url}/xml/send`, { method: "POST", headers: { "content-type": "application/xml" }, body: "<sms><text>Tom & Jerry</text></sms>" });

    expect(badJson.status).toBe(400);
    expect(badXml.status).toBe(400);
    expect(fake.received.map((request) => request.parseError)).toEqual([expect.stringMatching(/^invalid JSON/), expect.stringMatching(/^invalid XML/)]);
    expect(fake.received.every((request) => request.messageId === null)).toBe(true);
  });

  it("refuses an unknown behaviour name instead of silently accepting", async () => {
    const response = await postJson(`${fake.url}/json/send?behavior=explode`, { to: "+15551234567" });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('unknown behavior "explode"');
  });

  it("404s and records an unknown path", async () => {
    const response = await postJson(`${fake.url}/v2/sms`, { to: "+15551234567" });

    expect(response.status).toBe(404);
    expect(fake.received[0]).toMatchObject({ route: "unmatched", path: "/v2/sms", status: 404, body: { to: "+15551234567" } });
  });

  it("answers 413 to a body over 1 MB", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const body = Buffer.alloc(1024 * 1024 + 1, "a");
      const req = httpRequest(`${fake.url}/json/send`, { method: "POST", headers: { "content-type": "text/plain", "content-length": body.length } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(body);
    });

    expect(status).toBe(413);
    expect(fake.received[0]).toMatchObject({ status: 413, rawBody: "", parseError: expect.stringContaining("body over") });
  });

  it("setBehavior changes the default; times queues a one-shot sequence", async () => {
    fake.setBehavior("unavailable");
    fake.setBehavior("rate-limit", { times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postJson(`${fake.url}/json/send`, { to: "+15551234567" })).status);

    expect(statuses).toEqual([429, 429, 503, 503]);
    fake.reset();
    expect((await postJson(`${fake.url}/json/send`, { to: "+15551234567" })).status).toBe(201);
  });
});

describe("credentials (apiKey)", () => {
  let locked: FakeProvider;

  beforeAll(async () => {
    locked = await createFakeProvider({ apiKey: "k-123" });
  });
  afterAll(async () => {
    await locked.close();
  });

  it.each([
    ["Bearer header", { authorization: "Bearer k-123" }, ""],
    ["X-Api-Key header", { "x-api-key": "k-123" }, ""],
    ["api_key query param", {}, "?api_key=k-123"],
  ])("accepts the key as %s", async (_name, headers, search) => {
    const response = await postJson(`${locked.url}/json/send${search}`, { to: "+15551234567" }, headers);
    expect(response.status).toBe(201);
  });

  it("accepts the key as an api_key body field", async () => {
    const response = await postForm(`${locked.url}/form/send`, { api_key: "k-123", to: "+15551234567" });
    expect(response.status).toBe(201);
  });

  it("answers 401 without the key or with a wrong one, even when the behaviour says ok", async () => {
    const missing = await postJson(`${locked.url}/json/send?behavior=ok`, { to: "+15551234567" });
    const wrong = await postJson(`${locked.url}/json/send`, { to: "+15551234567" }, { authorization: "Bearer nope" });

    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual({ error: "bad key" });
  });
});
