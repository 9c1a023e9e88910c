// Drives the fake provider over real HTTP on port 0, with a small node:http server standing in for the app's DLR endpoint.
import { createHmac } from "node:crypto";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser } from "fast-xml-parser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type DlrFormat, type FakeProvider } from "./server";

// ─── The app's side: a DLR receiver ────────────────────────────────────────────────────────────

interface ReceivedCallback {
  method: string;
  /** The full URL the fake called, as Twilio signs it. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  base: string;
  callbacks: ReceivedCallback[];
  answer: { status: number; body: string };
  close(): Promise<void>;
}

/** Stores each callback before answering, so once the fake has the answer the callback is here. */
async function startReceiver(): Promise<Receiver> {
  const callbacks: ReceivedCallback[] = [];
  const answer = { status: 200, body: "ok" };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = `${base}${req.url ?? "/"}`;
      callbacks.push({ method: req.method ?? "", url, query: new URL(url).searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    callbacks,
    answer,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────────

const xml = new XMLParser({ parseTagValue: false });

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

function postForm(url: string, body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body) });
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

/** Twilio's documented algorithm, written independently of the fake's own implementation. */
function expectedTwilioSignature(token: string, url: string, form: URLSearchParams): string {
  const sorted = [...form.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const payload = url + sorted.map(([key, value]) => key + value).join("");
  return createHmac("sha1", token).update(payload).digest("base64");
}

/** The report's fields, whatever the wire format. */
function reportFields(format: DlrFormat, callback: ReceivedCallback): Record<string, string> {
  switch (format) {
    case "json":
      return JSON.parse(callback.body) as Record<string, string>;
    case "json-array":
      return (JSON.parse(callback.body) as Array<Record<string, string>>)[0];
    case "form":
      return Object.fromEntries(new URLSearchParams(callback.body));
    case "get":
      return Object.fromEntries(callback.query);
    case "xml":
      return (xml.parse(callback.body) as { DeliveryReport: Record<string, string> }).DeliveryReport;
    case "text": {
      const match = /^id:(\S+) stat:(\S+) to:(\S+) err:(.*)$/.exec(callback.body);
      return match ? { messageId: match[1], status: match[2], to: match[3], reason: match[4] } : {};
    }
    default:
      throw new Error(`not a generic format: ${format}`);
  }
}

// ─── Tests ─────────────────────────────────────────────────────────────────────────────────────

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  fake = await createFakeProvider();
  receiver = await startReceiver();
});

afterEach(() => {
  fake.reset();
  receiver.callbacks.length = 0;
  receiver.answer.status = 200;
  receiver.answer.body = "ok";
});

afterAll(async () => {
  await fake.close();
  await receiver.close();
});

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

describe("waiting and recording", () => {
  it("waitFor resolves for a request already recorded and for one still to come", async () => {
    await postJson(`${fake.url}/json/send`, { to: "+15550000001" });
    const earlier = await fake.waitFor((request) => request.to === "+15550000001", 100);

    const later = fake.waitFor((request) => request.to === "+15550000002", 2_000);
    await postJson(`${fake.url}/json/send`, { to: "+15550000002" });

    expect(earlier.seq).toBeLessThan((await later).seq);
  });

  it("waitFor rejects after its timeout, naming what did arrive", async () => {
    await postJson(`${fake.url}/json/send`, { to: "+15551234567" });

    await expect(fake.waitFor((request) => request.path === "/never", 50)).rejects.toThrow(/No matching request within 50 ms \(1 recorded; latest: POST \/json\/send → 201\)/);
  });

  it("keeps only the newest maxRecorded requests", async () => {
    const small = await createFakeProvider({ maxRecorded: 3 });
    try {
      for (let i = 1; i <= 5; i++) await postJson(`${small.url}/json/send`, { to: `+1555000000${i}` });

      expect(small.received.map((request) => request.to)).toEqual(["+15550000003", "+15550000004", "+15550000005"]);
      expect(small.received.map((request) => request.seq)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });

  it("record: false keeps no history but waitFor still sees arrivals", async () => {
    const bench = await createFakeProvider({ record: false });
    try {
      const arrival = bench.waitFor((request) => request.to === "+15551234567", 2_000);
      const response = await postJson(`${bench.url}/json/send`, { to: "+15551234567" });

      expect(response.status).toBe(201);
      expect((await arrival).messageId).not.toBeNull();
      expect(bench.received).toHaveLength(0);
    } finally {
      await bench.close();
    }
  });

  it("calls onRequest for every request", async () => {
    const seen: string[] = [];
    const logged = await createFakeProvider({ onRequest: (request) => seen.push(`${request.method} ${request.path} ${request.status}`) });
    try {
      await postJson(`${logged.url}/json/send?behavior=unavailable`, { to: "+15551234567" });
      expect(seen).toEqual(["POST /json/send 503"]);
    } finally {
      await logged.close();
    }
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

  it("Twilio: Basic sid:token, else 401 with code 20003", async () => {
    const url = `${locked.url}/2010-04-01/Accounts/AC1/Messages.json`;
    const form = { To: "+15551234567", From: "+15557654321", Body: "hi" };
    const good = await postForm(url, form, { authorization: basicAuth("AC1", "k-123") });
    const wrongSid = await postForm(url, form, { authorization: basicAuth("AC2", "k-123") });

    expect(good.status).toBe(201);
    expect(wrongSid.status).toBe(401);
    expect(wrongSid.headers.get("www-authenticate")).toContain("Basic");
    expect(await wrongSid.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it("Sinch: Bearer token, else 401 {code, text}", async () => {
    const url = `${locked.url}/xms/v1/plan1/batches`;
    const body = { from: "12345", to: ["+46700000000"], body: "hi" };
    const good = await postJson(url, body, { authorization: "Bearer k-123" });
    const bad = await postJson(url, body, { authorization: "Bearer nope" });

    expect(good.status).toBe(201);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ code: "unauthorized", text: expect.any(String) });
  });

  it("Gupshup: password param, else 200 `error | 105 | …`", async () => {
    const query = "method=SendMessage&send_to=919999999999&msg=hi&userid=u1";
    const good = await fetch(`${locked.url}/GatewayAPI/rest?${query}&password=k-123`);
    const bad = await fetch(`${locked.url}/GatewayAPI/rest?${query}&password=nope`);

    expect(await good.text()).toMatch(/^success \| 919999999999 \| /);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toBe("error | 105 | Invalid userid");
  });

  it("Kaleyra: api-key header, else 401 JSON", async () => {
    const url = `${locked.url}/v1/SID1/messages`;
    const body = { to: "919999999999", sender: "KLRHXA", body: "hi", type: "TXN" };
    const good = await postJson(url, body, { "api-key": "k-123" });
    const bad = await postJson(url, body, { "api-key": "nope" });

    expect(good.status).toBe(202);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: "E401", message: "Invalid API key" });
  });

  it("ICS Mobile (assumed API): Bearer token, else 401 JSON", async () => {
    const url = `${locked.url}/ics/v1/messages`;
    const body = { username: "u", password: "p", type: "promotional", sender: "ACME", to: "+6591234567", message: "hi" };
    const good = await postJson(url, body, { authorization: "Bearer k-123" });
    const bad = await postJson(url, body);

    expect(good.status).toBe(200);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ status: "error", code: "UNAUTHORIZED" });
  });
});

describe("delivery reports on demand", () => {
  const formats = ["json", "json-array", "form", "get", "xml", "text"] as const;

  it.each(formats)("sends a %s report with id, status, reason and recipient", async (format) => {
    const response = await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/dlr/${format}` });
    const id = ((await response.json()) as { data: { messages: Array<{ id: string }> } }).data.messages[0].id;

    const result = await fake.sendDeliveryReport({ messageId: id, status: "UNDELIV", reason: "Absent subscriber", format });

    expect(result).toMatchObject({ responseStatus: 200, responseBody: "ok", error: null, format });
    expect(receiver.callbacks).toHaveLength(1);
    const callback = receiver.callbacks[0];
    expect(callback.method).toBe(format === "get" ? "GET" : "POST");
    expect(new URL(callback.url).pathname).toBe(`/dlr/${format}`);
    expect(reportFields(format, callback)).toMatchObject({ messageId: id, status: "UNDELIV", reason: "Absent subscriber", to: "+15551234567" });
  });

  it("sends the content type each format implies", async () => {
    const types: Array<string | undefined> = [];
    for (const format of formats) {
      await fake.sendDeliveryReport({ url: `${receiver.base}/dlr`, messageId: "m1", status: "DELIVRD", format });
      types.push(receiver.callbacks.at(-1)?.headers["content-type"]);
    }

    expect(types).toEqual(["application/json", "application/json", "application/x-www-form-urlencoded", undefined, "application/xml", "text/plain; charset=utf-8"]);
  });

  it("keeps query parameters already in the DLR URL for GET reports", async () => {
    await fake.sendDeliveryReport({ url: `${receiver.base}/dlr?connector=abc`, messageId: "m1", status: "DELIVRD", format: "get" });

    expect(Object.fromEntries(receiver.callbacks[0].query)).toMatchObject({ connector: "abc", messageId: "m1", status: "DELIVRD" });
  });

  it("records the app's answer, including failures", async () => {
    receiver.answer.status = 500;
    receiver.answer.body = "boom";

    await fake.sendDeliveryReport({ url: `${receiver.base}/dlr`, messageId: "m1", status: "DELIVRD" });

    expect(fake.deliveryReports).toHaveLength(1);
    expect(fake.deliveryReports[0]).toMatchObject({ messageId: "m1", reportStatus: "DELIVRD", responseStatus: 500, responseBody: "boom", error: null });
  });

  it("reports a network error instead of throwing", async () => {
    const gone = await startReceiver();
    await gone.close();

    const result = await fake.sendDeliveryReport({ url: `${gone.base}/dlr`, messageId: "m1", status: "DELIVRD" });

    expect(result.responseStatus).toBeNull();
    expect(result.error).toEqual(expect.any(String));
  });

  it("throws when it has nowhere to send", async () => {
    await expect(fake.sendDeliveryReport({ messageId: "unknown", status: "DELIVRD" })).rejects.toThrow(/No callback URL/);
  });
});

describe("automatic delivery reports", () => {
  it("reports each accepted generic send to its callback URL in the configured format", async () => {
    fake.setAutoDlr({ status: "DELIVRD", format: "form" });
    const response = await postJson(`${fake.url}/json/send`, { to: "+15551234567", dlr_url: `${receiver.base}/dlr` });
    const id = ((await response.json()) as { data: { messages: Array<{ id: string }> } }).data.messages[0].id;

    await fake.waitForDeliveryReport((report) => report.messageId === id);

    expect(receiver.callbacks).toHaveLength(1);
    expect(reportFields("form", receiver.callbacks[0])).toMatchObject({ messageId: id, status: "DELIVRD", to: "+15551234567" });
  });

  it("gives recipients ending in 0000 the failure status and reason", async () => {
    fake.setAutoDlr({ failureStatus: "UNDELIV", reason: "Absent subscriber" });
    await postJson(`${fake.url}/json/send`, { to: "+15550000000", callback_url: `${receiver.base}/dlr` });

    const report = await fake.waitForDeliveryReport(() => true);

    expect(report.reportStatus).toBe("UNDELIV");
    expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ status: "UNDELIV", reason: "Absent subscriber", to: "+15550000000" });
  });

  it("sends intermediate statuses first, in order", async () => {
    fake.setAutoDlr({ intermediate: ["accepted", "sent"], status: "delivered" });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/dlr` });

    await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered");

    expect(receiver.callbacks.map((callback) => (JSON.parse(callback.body) as { status: string }).status)).toEqual(["accepted", "sent", "delivered"]);
  });

  it("sends nothing for refused sends or while off, and falls back to the dlrUrl option", async () => {
    const withDefaultUrl = await createFakeProvider({ dlrUrl: `${receiver.base}/account-dlr` });
    try {
      await postJson(`${withDefaultUrl.url}/json/send`, { to: "+15550000001" }); // autoDlr still off
      withDefaultUrl.setAutoDlr({});
      await postJson(`${withDefaultUrl.url}/json/send?behavior=error-200`, { to: "+15550000002" });
      await postJson(`${withDefaultUrl.url}/json/send`, { to: "+15550000003" });

      await withDefaultUrl.waitForDeliveryReport(() => true);

      // Reports run in send order, so had the first two produced one it would be here by now.
      expect(withDefaultUrl.deliveryReports.map((report) => report.reportStatus)).toEqual(["delivered"]);
      expect(receiver.callbacks.map((callback) => new URL(callback.url).pathname)).toEqual(["/account-dlr"]);
      expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ to: "+15550000003" });
    } finally {
      await withDefaultUrl.close();
    }
  });

  it("finds a callback in a field named by the callbackFields option", async () => {
    const custom = await createFakeProvider({ callbackFields: ["hook_address"], autoDlr: { format: "get" } });
    try {
      await postJson(`${custom.url}/json/send`, { to: "+15551234567", hook_address: `${receiver.base}/custom` });

      const report = await custom.waitForDeliveryReport(() => true);

      expect(report.method).toBe("GET");
      expect(new URL(receiver.callbacks[0].url).pathname).toBe("/custom");
    } finally {
      await custom.close();
    }
  });

  it("fills options left undefined with the defaults, as `--auto-dlr delivered` passes them", async () => {
    // The CLI hands over every flag, given or not: format and failureStatus arrive as undefined.
    const cli = await createFakeProvider({ autoDlr: { status: "delivered", failureStatus: undefined, format: undefined, delayMs: 0 } });
    try {
      await postJson(`${cli.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/ok` });
      await postJson(`${cli.url}/json/send`, { to: "+15550000000", callback_url: `${receiver.base}/failing` });

      await cli.waitForDeliveryReport((report) => report.reportStatus === "undelivered");

      expect(cli.deliveryReports.map((report) => [report.format, report.reportStatus, report.responseStatus])).toEqual([["json", "delivered", 200], ["json", "undelivered", 200]]);
      expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ status: "delivered", to: "+15551234567" });
    } finally {
      await cli.close();
    }
  });

  it("waits delayMs before reporting", async () => {
    fake.setAutoDlr({ delayMs: 200 });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/dlr` });
    const replied = Date.now();

    const report = await fake.waitForDeliveryReport(() => true);

    expect(report.at - replied).toBeGreaterThanOrEqual(190);
  });

  it("reset cancels reports that have not gone out yet", async () => {
    fake.setAutoDlr({ delayMs: 300 });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/late` });
    fake.reset();
    fake.setAutoDlr({ delayMs: 300 });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/after-reset` });

    // Same delay, scheduled later: had the first report survived reset it would have gone out first.
    await fake.waitForDeliveryReport(() => true);
    expect(receiver.callbacks.map((callback) => new URL(callback.url).pathname)).toEqual(["/after-reset"]);
  });
});

describe("native emulations", () => {
  it("Twilio: 201 with sid, then signed queued → sent → delivered callbacks", async () => {
    fake.setAutoDlr({});
    const statusCallback = `${receiver.base}/sms/dlr/twilio/abc?x=1`;
    const response = await postForm(
      `${fake.url}/2010-04-01/Accounts/AC123/Messages.json`,
      { To: "+15551234567", From: "+15557654321", Body: "Hi", StatusCallback: statusCallback },
      { authorization: basicAuth("AC123", "auth-token-1") },
    );
    const reply = (await response.json()) as { sid: string; status: string; account_sid: string };

    expect(response.status).toBe(201);
    expect(reply).toMatchObject({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: "queued", account_sid: "AC123" });
    await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered");

    const forms = receiver.callbacks.map((callback) => new URLSearchParams(callback.body));
    expect(forms.map((form) => form.get("MessageStatus"))).toEqual(["queued", "sent", "delivered"]);
    expect(Object.fromEntries(forms[2])).toMatchObject({ MessageSid: reply.sid, SmsSid: reply.sid, SmsStatus: "delivered", To: "+15551234567", From: "+15557654321", AccountSid: "AC123", ApiVersion: "2010-04-01" });
    for (const [i, callback] of receiver.callbacks.entries()) {
      expect(callback.url).toBe(statusCallback);
      expect(callback.headers["x-twilio-signature"]).toBe(expectedTwilioSignature("auth-token-1", callback.url, forms[i]));
    }
  });

  it("Twilio: undelivered with ErrorCode for a failing recipient", async () => {
    fake.setAutoDlr({});
    await postForm(`${fake.url}/2010-04-01/Accounts/AC123/Messages.json`, { To: "+15550000000", MessagingServiceSid: "MG1", Body: "Hi", StatusCallback: `${receiver.base}/tw` }, { authorization: basicAuth("AC123", "t") });

    await fake.waitForDeliveryReport((report) => report.reportStatus === "undelivered");

    expect(Object.fromEntries(new URLSearchParams(receiver.callbacks[2].body))).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
  });

  it("Twilio: its own error shapes for a missing To and for a forced rate limit", async () => {
    const url = `${fake.url}/2010-04-01/Accounts/AC123/Messages.json`;
    const missingTo = await postForm(url, { From: "+15557654321", Body: "Hi" });
    const limited = await postForm(`${url}?behavior=rate-limit`, { To: "+15551234567", From: "+15557654321", Body: "Hi" });

    expect(missingTo.status).toBe(400);
    expect(await missingTo.json()).toMatchObject({ code: 21604, status: 400 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ code: 20429, status: 429 });
  });

  it("Sinch: 201 batch, then a recipient_delivery_report_sms echoing client_reference", async () => {
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

  it("Sinch: no reports when delivery_report is none (its default)", async () => {
    const response = await postJson(`${fake.url}/xms/v1/plan-1/batches`, { from: "12345", to: ["+46700000000"], body: "Hi", callback_url: `${receiver.base}/sinch` });
    const { id } = (await response.json()) as { id: string };

    expect(fake.sentMessage(id)).toMatchObject({ provider: "sinch", wantsReports: false, callbackUrl: `${receiver.base}/sinch` });
  });

  it("Gupshup: text reply, JSON variant, and GET / POST-array reports", async () => {
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

  it("Gupshup: error line for an unsupported method and for error-200", async () => {
    const wrongMethod = await fetch(`${fake.url}/GatewayAPI/rest?method=Nope&send_to=919999999999&msg=x`);
    const rejected = await fetch(`${fake.url}/GatewayAPI/rest?method=SendMessage&send_to=919999999999&msg=x&behavior=error-200`);

    expect(await wrongMethod.text()).toMatch(/^error \| \d+ \| Unsupported method$/);
    expect(rejected.status).toBe(200);
    expect(await rejected.text()).toMatch(/^error \| \d+ \| Insufficient credit$/);
  });

  it("Kaleyra: 202 with data[0].message_id, then a report by the callback's method", async () => {
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

  it("ICS Mobile (assumed API): 200 with messageId, then a JSON report", async () => {
    fake.setAutoDlr({});
    const response = await postJson(`${fake.url}/ics/v1/messages`, { username: "u", password: "p", type: "service_implicit", sender: "ACME", to: "+6591234567", message: "Hi", callback_url: `${receiver.base}/ics` }, { authorization: "Bearer t" });
    const reply = (await response.json()) as { status: string; messageId: string };

    expect(response.status).toBe(200);
    expect(reply.status).toBe("success");
    await fake.waitForDeliveryReport(() => true);
    expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ messageId: reply.messageId, status: "DELIVERED", to: "+6591234567" });
  });

  it("picks the provider's own format for an on-demand report of a native send", async () => {
    const response = await postForm(`${fake.url}/2010-04-01/Accounts/AC9/Messages.json`, { To: "+15551234567", From: "+15557654321", Body: "Hi", StatusCallback: `${receiver.base}/tw` });
    const { sid } = (await response.json()) as { sid: string };

    const result = await fake.sendDeliveryReport({ messageId: sid, status: "failed", reason: "30007" });

    expect(result.format).toBe("twilio");
    const form = new URLSearchParams(receiver.callbacks[0].body);
    expect(Object.fromEntries(form)).toMatchObject({ MessageSid: sid, MessageStatus: "failed", ErrorCode: "30007", AccountSid: "AC9" });
    // No Basic auth and no apiKey: signed with the documented default token.
    expect(receiver.callbacks[0].headers["x-twilio-signature"]).toBe(expectedTwilioSignature("fake-twilio-auth-token", `${receiver.base}/tw`, form));
  });
});

describe("admin API", () => {
  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${fake.url}/__admin/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it("health answers ok and admin calls are not recorded", async () => {
    const health = await admin("GET", "health");

    expect(health).toEqual({ status: 200, json: { ok: true } });
    expect(fake.received).toHaveLength(0);
  });

  it("GET requests lists what was received, newest last, with an optional limit", async () => {
    for (const to of ["+15550000001", "+15550000002", "+15550000003"]) await postJson(`${fake.url}/json/send`, { to });

    const all = await admin("GET", "requests");
    const last = await admin("GET", "requests?limit=1");

    expect(all.json.count).toBe(3);
    expect((all.json.requests as Array<{ to: string }>).map((request) => request.to)).toEqual(["+15550000001", "+15550000002", "+15550000003"]);
    expect(last.json.requests).toEqual([expect.objectContaining({ to: "+15550000003", rawBody: '{"to":"+15550000003"}' })]);
  });

  it("POST behavior sets the default or a one-shot queue; GET behavior shows it", async () => {
    await admin("POST", "behavior", { behavior: "xml" });
    const queued = await admin("POST", "behavior", { behavior: "unavailable", times: 1, slowMs: 10 });

    expect(queued.json).toEqual({ behavior: "xml", slowMs: 10, queued: ["unavailable"] });
    expect((await postJson(`${fake.url}/json/send`, { to: "+15551234567" })).status).toBe(503);
    const next = await postJson(`${fake.url}/json/send`, { to: "+15551234567" });
    expect(next.headers.get("content-type")).toBe("application/xml");
    expect((await admin("GET", "behavior")).json).toEqual({ behavior: "xml", slowMs: 10, queued: [] });
  });

  it("refuses invalid admin bodies with 400 and a reason", async () => {
    const badBehavior = await admin("POST", "behavior", { behavior: "sometimes" });
    const badDlr = await admin("POST", "dlr", { messageId: "m1", status: "DELIVRD", url: "ftp://x" });
    const notJson = await fetch(`${fake.url}/__admin/behavior`, { method: "POST", body: "{" });

    expect(badBehavior.status).toBe(400);
    expect(String(badBehavior.json.error)).toContain("behavior");
    expect(badDlr.status).toBe(400);
    expect(String(badDlr.json.error)).toContain("http(s) URL");
    expect(notJson.status).toBe(400);
  });

  it("POST reset forgets requests and restores the start behaviour", async () => {
    await admin("POST", "behavior", { behavior: "unavailable" });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567" });

    const reset = await admin("POST", "reset");

    expect(reset.status).toBe(200);
    expect(fake.received).toHaveLength(0);
    expect((await admin("GET", "behavior")).json.behavior).toBe("ok");
  });

  it("POST dlr sends a report now and answers with the app's reply", async () => {
    const result = await admin("POST", "dlr", { url: `${receiver.base}/dlr`, messageId: "m1", status: "DELIVRD", reason: "000", format: "xml" });

    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ messageId: "m1", format: "xml", responseStatus: 200 });
    expect(reportFields("xml", receiver.callbacks[0])).toMatchObject({ messageId: "m1", status: "DELIVRD", reason: "000" });
  });

  it("POST dlr with delayMs answers 202 and reports later; GET dlrs lists it", async () => {
    const scheduled = await admin("POST", "dlr", { url: `${receiver.base}/dlr`, messageId: "m2", status: "DELIVRD", format: "text", delayMs: 50 });

    expect(scheduled.status).toBe(202);
    await fake.waitForDeliveryReport((report) => report.messageId === "m2");
    const listed = await admin("GET", "dlrs");
    expect(listed.json.reports).toEqual([expect.objectContaining({ messageId: "m2", format: "text", responseStatus: 200 })]);
    expect(receiver.callbacks[0].body).toBe("id:m2 stat:DELIVRD err:000");
  });

  it("POST dlr without any known callback URL is a 400", async () => {
    const result = await admin("POST", "dlr", { messageId: "nobody", status: "DELIVRD" });

    expect(result.status).toBe(400);
    expect(String(result.json.error)).toContain("no callback URL");
  });

  it("POST auto-dlr turns automatic reports on and off", async () => {
    const on = await admin("POST", "auto-dlr", { status: "DELIVRD", format: "json-array" });
    await postJson(`${fake.url}/json/send`, { to: "+15551234567", callback_url: `${receiver.base}/dlr` });
    await fake.waitForDeliveryReport(() => true);
    const off = await admin("POST", "auto-dlr", { enabled: false });

    expect(on.json.autoDlr).toMatchObject({ status: "DELIVRD", format: "json-array" });
    expect(reportFields("json-array", receiver.callbacks[0])).toMatchObject({ status: "DELIVRD" });
    expect(off.json).toEqual({ autoDlr: null });
  });

  it("unknown admin actions are 404", async () => {
    expect((await admin("GET", "nothing")).status).toBe(404);
  });
});

describe("close", () => {
  it("rejects pending waits, drops a slow reply and stops listening", async () => {
    const doomed = await createFakeProvider();
    const waiting = doomed.waitFor(() => false, 10_000);
    const slowReply = postJson(`${doomed.url}/json/send?behavior=slow&delay_ms=10000`, { to: "+15551234567" });
    await doomed.waitFor((request) => request.behavior === "slow");

    await doomed.close();

    await expect(waiting).rejects.toThrow("Fake provider closed");
    await expect(slowReply).rejects.toThrow();
    await expect(fetch(`${doomed.url}/__admin/health`)).rejects.toThrow();
  });
});
