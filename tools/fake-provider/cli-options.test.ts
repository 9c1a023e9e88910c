// The CLI's flags as `npm run fake-provider` reads them, driven through a real fake and receiver.
import { afterEach, describe, expect, it } from "vitest";
import { readOptions, UsageError } from "./cli-options";
import { createFakeProvider, type FakeProvider } from "./index";
import { postJson, startReceiver, type Receiver } from "./test-support";

let running: Array<FakeProvider | Receiver> = [];

afterEach(async () => {
  for (const server of running) await server.close();
  running = [];
});

async function startFromFlags(...argv: string[]): Promise<FakeProvider> {
  const options = readOptions(["--port", "0", ...argv]);
  if (!options) throw new Error("--help");
  const { quiet: _quiet, ...providerOptions } = options;
  const fake = await createFakeProvider(providerOptions);
  running.push(fake);
  return fake;
}

describe("fake-provider flags", () => {
  it("--auto-dlr delivered alone reports every accepted send in JSON, as the README shows", async () => {
    const receiver = await startReceiver();
    running.push(receiver);
    const fake = await startFromFlags("--auto-dlr", "delivered");

    await postJson(`${fake.url}/json/send`, { to: "+15551234567", text: "Hi", callback_url: `${receiver.base}/dlr` });
    await postJson(`${fake.url}/json/send`, { to: "+15550000000", text: "Hi", callback_url: `${receiver.base}/dlr` });
    await fake.waitForDeliveryReport((report) => report.reportStatus === "undelivered");

    expect(fake.deliveryReports.map((report) => [report.format, report.reportStatus, report.responseStatus, report.error])).toEqual([
      ["json", "delivered", 200, null],
      ["json", "undelivered", 200, null],
    ]);
    expect(receiver.callbacks.map((callback) => callback.headers["content-type"])).toEqual(["application/json", "application/json"]);
    expect(JSON.parse(receiver.callbacks[0].body)).toMatchObject({ status: "delivered", to: "+15551234567" });
  });

  it("--dlr-format and --dlr-failure-status change the automatic reports", async () => {
    const receiver = await startReceiver();
    running.push(receiver);
    const fake = await startFromFlags("--auto-dlr", "DELIVRD", "--dlr-failure-status", "UNDELIV", "--dlr-format", "form");

    await postJson(`${fake.url}/json/send`, { to: "+15550000000", callback_url: `${receiver.base}/dlr` });
    await fake.waitForDeliveryReport(() => true);

    expect(Object.fromEntries(new URLSearchParams(receiver.callbacks[0].body))).toMatchObject({ status: "UNDELIV", to: "+15550000000" });
  });

  it("without --auto-dlr sends no reports", () => {
    expect(readOptions([])?.autoDlr).toBe(false);
  });

  it("refuses an unknown format or behaviour in one line, and --help asks for the usage", () => {
    expect(() => readOptions(["--dlr-format", "yaml"])).toThrow(UsageError);
    expect(() => readOptions(["--behavior", "sometimes"])).toThrow(/--behavior must be one of ok, text/);
    expect(() => readOptions(["--port", "70000"])).toThrow(/--port must be an integer from 0 to 65535/);
    expect(readOptions(["--help"])).toBeNull();
  });
});
