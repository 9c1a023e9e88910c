// Delivery tracking, end to end against a fake provider that calls back for real: a connector created in
// the form, a test SMS, the callback captured and auto-mapped, metrics and the error breakdown, three failures
// that suppress a number, the suppressed send, and releasing it from the Suppression list tab.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { database } from "./support/database";
import { expect, test } from "./fixtures";

const DELIVERED_NUMBER = "+46701234567";
// The fake provider reports "undelivered" / "Absent subscriber" for recipients ending in 0000.
const FAILING_NUMBER = "+46700000000";
const SUPPRESSED_REASON = "Suppressed: repeated delivery failures";

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider({ autoDlr: {} });
});
test.afterEach(async () => {
  await fake.close();
});

test("map a captured callback, count deliveries and failures, suppress and release a number", async ({ page, user }) => {
  // A custom connector that hands the provider its DLR URL with each message.
  await page.goto("/settings/channel/sms?connector=new");
  await page.getByLabel("Connector name").fill("Fake JSON SMS");
  await page.getByLabel("Sender 1 name").fill("FAKE");
  await page.getByLabel("API URL").fill(`${fake.url}/json/send`);
  for (const [key, value] of [
    ["to", "{{destination}}"],
    ["text", "{{message}}"],
    ["callback_url", "{{dlr_url}}"],
  ]) {
    await page.getByRole("button", { name: "Add JSON field" }).click();
    const n = await page.getByLabel(/^JSON field \d+ key or path$/).count();
    await page.getByLabel(`JSON field ${n} key or path`, { exact: true }).fill(key);
    await page.getByLabel(`JSON field ${n} value`, { exact: true }).fill(value);
  }
  await page.getByLabel("Take the provider's message id from").selectOption("json");
  await page.getByLabel("JSON path").fill("data.messages[0].id");
  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
  const connectorId = new URL(page.url()).searchParams.get("connector")!;

  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  const status = tracking.getByTestId("delivery-report-status");
  await expect(status).toContainText("No delivery report received yet");
  await expect(tracking.getByTestId("unique-sent-id")).toContainText("data.messages[0].id");
  const metrics = page.getByRole("region", { name: "Metrics" });
  await expect(metrics.getByTestId("metric-attempted")).toHaveText("0");
  await expect(metrics.getByText("No failed messages.")).toBeVisible();

  // A test SMS: the provider accepts it; the screen waits for its report.
  fake.setAutoDlr(false);
  await sendTestSms(page, DELIVERED_NUMBER);
  const send = await fake.waitFor((request) => request.route === "json");
  expect(send.callbackUrl).toMatch(/\/sms\/dlr\/custom\/[\w-]{20,}$/);
  await expect(status).toContainText("Waiting for a delivery report… providers can take up to 15 minutes");
  await expect(status).toContainText(DELIVERED_NUMBER);

  // The provider calls the DLR URL back; nothing can read the report yet.
  const report = await fake.sendDeliveryReport({ messageId: send.messageId!, status: "delivered" });
  expect(report.responseStatus).toBe(200);
  fake.setAutoDlr({});

  // The screen notices by itself: the dropdowns list the callback's fields with samples, likely ones pre-selected.
  await expect(status).toContainText("Delivery report received", { timeout: 20_000 });
  const messageIdField = tracking.getByLabel("Transaction / msg ID");
  // The field's value is the id the send response gave: the screen says so.
  await expect(messageIdField.locator("option", { hasText: "messageId" })).toHaveText(`messageId — ${send.messageId} · provider message id`);
  await expect(tracking.getByLabel("Delivery status").locator("option", { hasText: "status" })).toHaveText("status — delivered");
  await expect(messageIdField).toHaveValue("messageId");
  await expect(tracking.getByLabel("Delivery status")).toHaveValue("status");
  await expect(tracking.getByRole("button", { name: "Remove success value delivered" })).toBeVisible();
  const callbacks = page.getByRole("region", { name: "Captured callbacks" });
  await expect(callbacks.getByTestId("captured-callback")).toHaveCount(1);
  await expect(callbacks.getByTestId("captured-callback").first()).toHaveAttribute("data-outcome", "unmapped");

  // Accept the suggestion; type a pending value; the failure reason is not in a delivered report, so type it (Manual).
  await tracking.getByLabel("Pending values").fill("sent");
  await tracking.getByLabel("Pending values").press("Enter");
  await expect(tracking.getByRole("button", { name: "Remove pending value sent" })).toBeVisible();
  await tracking.getByRole("radiogroup", { name: "Mapping mode" }).getByText("Manual").click();
  await expect(tracking.getByRole("textbox", { name: "Transaction / msg ID" })).toHaveValue("messageId");
  await tracking.getByRole("textbox", { name: "Failure reason" }).fill("reason");
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toContainText("1 earlier report that matched no message re-applied");
  await expect(page.getByTestId("toast").filter({ hasText: "Delivery tracking saved" })).toBeVisible();

  // The re-applied report delivers the test message.
  await expect(metrics.getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
  await expect(metrics.getByTestId("metric-attempted")).toHaveText("1");
  await expect(metrics.getByTestId("metric-delivery-rate")).toHaveText("100%");
  const first = callbacks.getByTestId("captured-callback").first();
  await expect(first).toHaveAttribute("data-outcome", "applied");
  await first.getByRole("button").click();
  await expect(first.getByTestId("callback-body")).toContainText(`"messageId": "${send.messageId}"`);
  await expect(first.getByRole("region", { name: "Headers" })).toContainText("content-type:");

  // Three failed deliveries to one number: the reason lands in the error breakdown, the number is suppressed.
  for (let i = 1; i <= 3; i++) {
    const response = await page.request.post(`/api/v1/connectors/${connectorId}/test`, { data: { to: FAILING_NUMBER, message: `Failing ${i}` } });
    expect(response.ok(), await response.text()).toBeTruthy();
    expect((await response.json()).sentId).toBeTruthy();
  }
  await expect(metrics.getByTestId("metric-failed-to-deliver")).toHaveText("3", { timeout: 20_000 });
  await expect(metrics.getByTestId("metric-delivery-rate")).toHaveText("25%");
  const absent = metrics.getByTestId("failure-reason").filter({ hasText: "Absent subscriber" });
  await expect(absent).toContainText("undelivered: Absent subscriber");
  await expect(absent).toContainText("Failed to deliver");
  await expect(absent.getByRole("cell").last()).toHaveText("3");
  await expect(metrics.getByTestId("metrics-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  // The next send to it is skipped with the suppression reason.
  const sent = await page.request.post("/api/v1/messages", { data: { connectorId, to: FAILING_NUMBER, message: "After three failures" } });
  expect(sent.status()).toBe(202);
  const { id: messageId } = (await sent.json()) as { id: string };
  await expect
    .poll(async () => {
      const message = await (await page.request.get(`/api/v1/messages/${messageId}`)).json();
      return { status: message.status, reason: message.reason };
    })
    .toEqual({ status: "failed", reason: SUPPRESSED_REASON });
  await expect(metrics.getByTestId("failure-reason").filter({ hasText: SUPPRESSED_REASON })).toContainText("Failed to send");

  // The Suppression list tab: find it, export it, release it.
  await page.getByRole("link", { name: "Suppression list" }).click();
  await expect(page.getByRole("link", { name: "Suppression list" })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId("suppressed-number").filter({ hasText: FAILING_NUMBER });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").first()).toHaveText("3");
  await expect(row).toContainText("undelivered: Absent subscriber");
  await expect(page.getByTestId("suppressed-number")).toHaveCount(1);

  await page.getByLabel("Search numbers").fill("99999");
  await expect(page.getByRole("heading", { name: "No matching numbers" })).toBeVisible();
  await page.getByLabel("Search numbers").fill("4670000");
  await expect(row).toBeVisible();
  await page.getByLabel("Search numbers").fill("");

  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", "/api/v1/suppressions?format=csv");
  const csv = await page.request.get("/api/v1/suppressions?format=csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(`${FAILING_NUMBER},3,undelivered: Absent subscriber,`);

  await row.getByRole("button", { name: `Release ${FAILING_NUMBER}` }).click();
  const confirm = page.getByRole("dialog", { name: `Release ${FAILING_NUMBER}?` });
  await confirm.getByRole("button", { name: "Release number" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `Released ${FAILING_NUMBER}` })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No suppressed numbers" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "No suppressed numbers" })).toBeVisible();
});

test("callback authentication: an HMAC secret is kept masked, and unsigned callbacks are rejected", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Signed SMS", url: `${fake.url}/json/send` });
  await page.goto(`/settings/channel/sms?connector=${id}`);
  const tracking = page.getByRole("region", { name: "Delivery tracking" });

  // Saving without a secret shows the error under the field.
  await tracking.getByRole("radio", { name: "HMAC-SHA256 signature" }).check();
  await expect(tracking.getByLabel("Signature header")).toHaveValue("X-Switchboard-Signature");
  await expect(tracking).toContainText("hex HMAC-SHA256 of timestamp, method, path with query, and raw body");
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByLabel("Shared secret")).toHaveAccessibleDescription(/Shared secret is required/);

  await tracking.getByLabel("Shared secret").fill("s3cret-value");
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toContainText("No earlier reports needed re-applying");

  // After a reload the secret is not sent back: the box is empty and says it is kept.
  await page.reload();
  await expect(tracking.getByRole("radio", { name: "HMAC-SHA256 signature" })).toBeChecked();
  await expect(tracking.getByLabel("Shared secret")).toHaveValue("");
  await expect(tracking.getByLabel("Shared secret")).toHaveAttribute("placeholder", "Unchanged (saved secret)");
  const connector = await (await page.request.get(`/api/v1/connectors/${id}`)).json();
  expect(connector.deliveryTracking.authentication).toEqual({ type: "hmac", header: "X-Switchboard-Signature", secret: "••••••••" });

  // Saving something else keeps the secret: an unsigned callback is still refused and shows as rejected.
  await tracking.getByRole("radiogroup", { name: "Mapping mode" }).getByText("Manual").click();
  await tracking.getByRole("textbox", { name: "Transaction / msg ID" }).fill("id");
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toBeVisible();
  const refused = await page.request.post(connector.deliveryTracking.url, { data: { id: "x", status: "delivered" } });
  expect(refused.status()).toBe(401);
  const callbacks = page.getByRole("region", { name: "Captured callbacks" });
  await expect(callbacks.getByTestId("captured-callback").first()).toHaveAttribute("data-outcome", "rejected", { timeout: 20_000 });
  await expect(callbacks.getByTestId("captured-callback").first()).toContainText("Missing signature header");
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("sees delivery tracking and the suppression list but cannot change them", async ({ page, user, seed, workspace }) => {
    const { id } = await seed.connector(workspace, { name: "Viewer SMS", url: `${fake.url}/json/send` });
    await database().query(
      `insert into "RecipientHealth" ("workspaceId", phone, "consecutiveFailures", "lastReason", "lastFailureAt", "suppressedAt", "updatedAt")
       values ($1, $2, 3, 'EXPIRED', now(), now(), now())`,
      [workspace.id, "+15555550123"],
    );

    await page.goto(`/settings/channel/sms?connector=${id}`);
    const tracking = page.getByRole("region", { name: "Delivery tracking" });
    await expect(tracking.getByRole("textbox", { name: "Delivery report URL" })).toHaveValue(/\/sms\/dlr\/custom\//);
    await expect(tracking.getByLabel("Transaction / msg ID")).toBeDisabled();
    await expect(tracking.getByRole("button", { name: "Save delivery tracking" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Metrics" }).getByTestId("metric-attempted")).toHaveText("0");

    await page.getByRole("link", { name: "Suppression list" }).click();
    const row = page.getByTestId("suppressed-number").filter({ hasText: "+15555550123" });
    await expect(row).toContainText("EXPIRED");
    await expect(page.getByRole("button", { name: /^Release/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
    const refused = await page.request.delete(`/api/v1/suppressions/${encodeURIComponent("+15555550123")}`);
    expect(refused.status()).toBe(403);
  });
});

test("an admin changes the suppression threshold", async ({ page, user }) => {
  await page.goto("/settings/channel/sms?tab=settings");
  const threshold = page.getByLabel("Suppression threshold", { exact: true });
  await expect(threshold).toHaveValue("3");
  await threshold.fill("0");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(threshold).toHaveAccessibleDescription(/Use a whole number from 1 to 100/);
  await threshold.fill("5");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Suppression threshold set to 5" })).toBeVisible();
  await page.reload();
  await expect(threshold).toHaveValue("5");
  await page.getByRole("link", { name: "Suppression list" }).click();
  await expect(page.getByText("A number is suppressed after 5 delivery failures in a row.")).toBeVisible();
});

/** Through the connector screen's "Send test SMS" panel. */
async function sendTestSms(page: import("@playwright/test").Page, to: string) {
  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill(to);
  await panel.getByLabel("Message", { exact: true }).fill("Hello from the delivery e2e");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("test-result")).toBeVisible();
}
