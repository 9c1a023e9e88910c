// The workspace dashboard against known sends and delivery reports: two connectors sending to fake providers that
// report back for real, one of which stopped reporting. The numbers on the screen are the ones those sends make.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { ageConnectorActivity } from "./support/database";
import { expect, test } from "./fixtures";
import type { APIRequestContext } from "@playwright/test";
import { fakeJsonConnector } from "./support/fake-connector";

let main: FakeProvider;
let quiet: FakeProvider;
test.beforeEach(async () => {
  // Reports every accepted send: delivered, or undelivered "Absent subscriber" for numbers ending in 0000.
  main = await createFakeProvider({ autoDlr: {} });
  // A second host for the second connector (each connector needs its own): IPv6 loopback, which the app under test
  // may call like 127.0.0.1. Reports only when told to.
  quiet = await createFakeProvider({ autoDlr: false, host: "::1" });
});
test.afterEach(async () => {
  await main.close();
  await quiet.close();
});

async function createConnector(request: APIRequestContext, name: string, url: string): Promise<string> {
  const response = await request.post("/api/v1/connectors", {
    data: fakeJsonConnector(url, { name, senders: [{ name: "ACME", type: "transactional", default: true }] }),
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function send(request: APIRequestContext, connectorId: string, to: string): Promise<void> {
  const response = await request.post("/api/v1/messages", { data: { connectorId, to, message: "Your code is 4242" } });
  expect(response.status(), await response.text()).toBe(202);
}

async function metricsOf(request: APIRequestContext, connectorId: string) {
  return (await request.get(`/api/v1/connectors/${connectorId}/metrics`)).json();
}

test("delivery numbers, a row per connector, failure reasons and a connector whose reports stopped", async ({ page, user }) => {
  void user;
  const request = page.request;
  const mainId = await createConnector(request, "Main route", main.url);
  const quietId = await createConnector(request, "Quiet route", quiet.url);

  // Main route: 3 delivered, 2 undelivered, 1 refused (not a number).
  for (const to of ["+46701234501", "+46701234502", "+46701234503", "+46700000000", "+46710000000", "12"]) await send(request, mainId, to);
  await expect.poll(async () => metricsOf(request, mainId), { timeout: 30_000 }).toMatchObject({ delivered: 3, failedToDeliver: 2, failedToSend: 1, pending: 0 });

  // Quiet route: one message delivered and reported a day and more ago; two sent since, with no report.
  await send(request, quietId, "+46701234511");
  const first = await quiet.waitFor((r) => r.route === "json");
  expect((await quiet.sendDeliveryReport({ messageId: first.messageId!, status: "delivered" })).responseStatus).toBe(200);
  await expect.poll(async () => (await metricsOf(request, quietId)).delivered, { timeout: 30_000 }).toBe(1);
  await ageConnectorActivity(quietId, 30);
  await send(request, quietId, "+46701234512");
  await send(request, quietId, "+46701234513");
  await expect.poll(async () => (await metricsOf(request, quietId)).sent, { timeout: 30_000 }).toBe(3);

  // Signed in, the home page is the dashboard.
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const period = page.getByRole("navigation", { name: "Period" });
  await expect(period.getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "page");

  // Last 24 hours: Main route's 6, and Quiet route's 2 recent sends.
  await expect(page.getByTestId("total-delivery-rate")).toHaveText("42.9%");
  await expect(page.getByTestId("total-sent")).toHaveText("7");
  await expect(page.getByTestId("total-delivered")).toHaveText("3");
  await expect(page.getByTestId("total-failed")).toHaveText("3");
  await expect(page.getByText("1 to send · 2 to deliver")).toBeVisible();
  await expect(page.getByTestId("total-pending")).toHaveText("2");
  await expect(page.getByTestId("total-untracked")).toHaveText("0");

  const rows = page.getByTestId("dashboard-connector-row");
  await expect(rows).toHaveCount(2);
  const mainRow = rows.filter({ hasText: "Main route" });
  await expect(mainRow.locator('[data-column="delivery-rate"]')).toHaveText("60%");
  await expect(mainRow.locator('[data-column="failed"]')).toHaveText("3");
  await expect(mainRow.locator('[data-column="pending"]')).toHaveText("0");
  const quietRow = rows.filter({ hasText: "Quiet route" });
  await expect(quietRow.locator('[data-column="sent"]')).toHaveText("2");
  await expect(quietRow.locator('[data-column="pending"]')).toHaveText("2");
  await expect(quietRow.locator('[data-column="delivery-rate"]')).toHaveText("0%");

  const reasons = page.getByTestId("dashboard-reason");
  await expect(reasons).toHaveCount(2);
  await expect(reasons.nth(0)).toContainText("undelivered: Absent subscriber");
  await expect(reasons.nth(0)).toContainText("Failed to deliver");
  await expect(reasons.nth(0)).toContainText("2");
  await expect(reasons.nth(1)).toContainText("Invalid mobile number");

  const flag = page.getByTestId("dashboard-flag");
  await expect(flag).toHaveCount(1);
  await expect(flag).toContainText("Quiet route: delivery reports stopped arriving");
  await expect(flag).toContainText("2 messages sent in the last 6 hours");

  // Last 7 days: Quiet route's reported message counts too.
  await period.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/\/dashboard\?range=7d$/);
  await expect(period.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("total-delivery-rate")).toHaveText("50%");
  await expect(page.getByTestId("total-sent")).toHaveText("8");
  await expect(page.getByTestId("total-delivered")).toHaveText("4");
  await expect(quietRow.locator('[data-column="delivery-rate"]')).toHaveText("33.3%");

  // A row leads to the connector, straight to its metrics near the top of the page.
  await mainRow.getByRole("link", { name: "Main route" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?connector=${mainId}#metrics$`));
  const metrics = page.getByRole("region", { name: "Metrics" });
  await expect(metrics.getByTestId("metric-delivered")).toHaveText("3");
  await expect(metrics).toBeInViewport();
  // From the top of the connector's page, one click away.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(metrics).not.toBeInViewport();
  await page.getByRole("link", { name: "Metrics", exact: true }).click();
  await expect(metrics).toBeInViewport();
});

test("a workspace without messages sees how to start", async ({ page, user }) => {
  void user;
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "No messages yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Set up a connector" })).toHaveAttribute("href", "/settings/channel/sms");
  await expect(page.getByTestId("dashboard-connector-row")).toHaveCount(0);
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });
  test("the dashboard reads the same, without the set-up call to action", async ({ page, user }) => {
    void user;
    await page.goto("/dashboard?range=30d");
    await expect(page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "No messages yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Set up a connector" })).toHaveCount(0);
  });
});
