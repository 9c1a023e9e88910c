// Delivery reports: on demand and automatic, in every generic format, with the app's answer recorded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "./index";
import { closeBoth, postJson, reportFields, resetBoth, startFakeAndReceiver, startReceiver, type Receiver } from "./test-support";

let fake: FakeProvider;
let receiver: Receiver;

beforeAll(async () => {
  ({ fake, receiver } = await startFakeAndReceiver());
});
afterEach(() => resetBoth(fake, receiver));
afterAll(() => closeBoth(fake, receiver));

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
