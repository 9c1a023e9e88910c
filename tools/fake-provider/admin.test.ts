// The /__admin/ API over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakeProvider } from "./index";
import { closeBoth, postJson, reportFields, resetBoth, startFakeAndReceiver, type Receiver } from "./test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

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
