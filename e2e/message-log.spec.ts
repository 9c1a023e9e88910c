// The message log for support work, against a fake provider that reports back: search by number, filters kept in
// the URL (a link opens the same list), the CSV export of what is shown, and every attempt of a retried message.
import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { expect, test } from "./fixtures";
import { fakeJsonConnector } from "./support/fake-connector";

let fake: FakeProvider;
test.beforeEach(async () => {
  // Delivered, or undelivered "Absent subscriber" for numbers ending in 0000.
  fake = await createFakeProvider({ autoDlr: {} });
});
test.afterEach(async () => {
  await fake.close();
});

async function createConnector(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/connectors", {
    data: fakeJsonConnector(fake.url, { name: "Support route" }),
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function send(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/v1/messages", { data: { message: "Your code is 4242", ...data } });
  expect(response.status(), await response.text()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

test("search, filter, share the filters, export them as CSV, and see every attempt of a retried message", async ({ page, user }) => {
  void user;
  const request = page.request;
  const connectorId = await createConnector(request);
  const delivered = await send(request, { connectorId, to: "+46701234501" });
  const undelivered = await send(request, { connectorId, to: "+46700000000", sender: "PROMO" });
  const testSend = await request.post(`/api/v1/connectors/${connectorId}/test`, { data: { to: "+46701234502", message: "A test" } });
  expect(testSend.ok(), await testSend.text()).toBeTruthy();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/connectors/${connectorId}/metrics`)).json()) as Record<string, number>, { timeout: 30_000 })
    .toMatchObject({ delivered: 2, failedToDeliver: 1 });

  // The provider is down for one request: the message is retried and goes out on its second attempt.
  fake.setBehavior("unavailable");
  const retried = await send(request, { connectorId, to: "+46701234503" });
  await fake.waitFor((r) => r.route === "json" && r.status === 503);
  fake.setBehavior("ok");
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/messages/${retried}/attempts`)).json()) as { data: unknown[] }).data.length, { timeout: 30_000 })
    .toBe(2);
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/messages/${retried}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("delivered");

  await page.goto(`/settings/channel/sms/${connectorId}/messages`);
  const rows = page.getByTestId("message-row");
  await expect(rows).toHaveCount(4);

  // Search by the number as a customer would read it out.
  const filters = page.getByRole("search", { name: "Filter messages" });
  await filters.getByLabel("Number").fill("+46 70 000 00 00");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/search=%2B46700000000/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("+46700000000");
  await expect(rows.first()).toContainText("undelivered: Absent subscriber");

  // Filters combine and live in the URL: a support link opens the same list.
  await filters.getByRole("button", { name: "Clear" }).click();
  await expect(rows).toHaveCount(4);
  await filters.getByLabel("Test or live").selectOption("false");
  await expect(rows).toHaveCount(3);
  await filters.getByLabel("Sender").selectOption("ACME");
  await expect(rows).toHaveCount(2);
  await filters.getByLabel("Status").selectOption("delivered");
  await expect(page).toHaveURL(/status=delivered/);
  await expect(rows).toHaveCount(2);
  const shared = page.url();
  expect(new URL(shared).searchParams.get("sender")).toBe("ACME");
  expect(new URL(shared).searchParams.get("test")).toBe("false");
  await page.goto("/settings/channel/sms");
  await page.goto(shared);
  await expect(rows).toHaveCount(2);
  await expect(filters.getByLabel("Status")).toHaveValue("delivered");
  await expect(filters.getByLabel("Sender")).toHaveValue("ACME");
  await expect(filters.getByLabel("Test or live")).toHaveValue("false");

  // The export holds what the filters keep.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Support-route-messages.csv");
  const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(csv[0]).toBe("created_at,to,status,reason,sender,test,provider_message_id,segments,message_id");
  expect(csv.slice(1).map((line) => line.split(",").at(-1))).toEqual([retried, delivered]);
  expect(csv.slice(1).every((line) => line.includes(",delivered,,ACME,false,"))).toBe(true);

  // Dates are UTC days: nothing was sent up to yesterday.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await filters.getByLabel("To (UTC)").fill(yesterday);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No messages match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Show all messages" }).click();
  await expect(rows).toHaveCount(4);
  expect(undelivered).toBeTruthy();

  // The retried message shows both attempts: the 503 that was retried, and the one that went through.
  await rows.filter({ hasText: "+46701234503" }).getByRole("link", { name: "+46701234503" }).click();
  await expect(page.getByRole("heading", { name: "Last attempt (2 in all)" })).toBeVisible();
  const earlier = page.getByRole("region", { name: "Earlier attempts (1)" });
  await expect(earlier.getByTestId("earlier-attempt")).toHaveCount(1);
  await expect(earlier.getByRole("heading", { name: "Attempt 1" })).toBeVisible();
  await expect(earlier.getByTestId("attempt-outcome")).toHaveText(/^Retrying in \d+ s: HTTP 503/);
  await expect(earlier.getByTestId("request-url")).toHaveText(`${fake.url}/json/send`);
  await expect(earlier).toContainText("503");
});
