// A Kannel gateway connected from the template gallery, as a Kannel operator would: the gateway answers
// "0: Accepted for delivery" without an id and reports by GET to the dlr-url with its type, our reference and its
// composite answer. The report is matched by Switchboard's own id, the screen says so, and the message is delivered.
// Then the mapping that started it all (ref read as the provider's id): its warning, the unmatched inbox, the fix.
import { readFileSync } from "node:fs";
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { database } from "./support/database";
import { expect, test } from "./fixtures";

const PASSWORD = "kannel-secret-pass";

let fake: FakeProvider;
test.beforeEach(async () => {
  // Kannel's own reports after each accepted send: type 8 (submitted to the SMSC), then 1 (delivered).
  fake = await createFakeProvider({ apiKey: PASSWORD, autoDlr: {} });
});
test.afterEach(async () => {
  await fake.close();
});

test("create a Kannel connector from its template, send a test SMS, and see it delivered through our own id", async ({ page, user }) => {
  await page.goto("/settings/channel/sms");
  await page.getByRole("navigation", { name: "Connectors" }).getByRole("button", { name: "New from a template…" }).click();
  await expect(page).toHaveURL(/\/settings\/channel\/sms\/templates$/);
  const gallery = page.getByRole("list", { name: "Connector templates" });
  for (const name of ["Kannel", "Jasmin SMS Gateway", "Vonage SMS API", "Plivo", "Infobip", "Telnyx", "MessageBird", "MSG91", "Textlocal"]) {
    await expect(gallery.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await gallery.getByRole("link", { name: "Kannel", exact: true }).click();

  // The template says what it sets up, and where it assumes.
  await expect(page.getByRole("heading", { name: "Kannel", level: 1 })).toBeVisible();
  const preview = page.getByRole("region", { name: "What it sets up" });
  await expect(preview).toContainText("Switchboard's message id, sent as {{message_id}} and echoed back");
  await expect(preview).toContainText("{{dlr_url}}?type=%d&ref={{message_id}}&answer=%A");
  await expect(preview.getByTestId("template-assumption").first()).toContainText("Assumed");

  const form = page.getByRole("form", { name: "New connector from the Kannel template" });
  await expect(form.getByLabel("Connector name")).toHaveValue("Kannel");
  await form.getByRole("button", { name: "Create connector" }).click();
  await expect(form.getByLabel("Sender", { exact: true })).toHaveAccessibleDescription(/Sender name is required/);
  await form.getByLabel("Sender", { exact: true }).fill("ACME");
  await form.getByLabel("sendsms base URL").fill("not a url");
  await form.getByLabel("sendsms username").fill("switchboard");
  await form.getByLabel("sendsms password").fill(PASSWORD);
  await form.getByRole("button", { name: "Create connector" }).click();
  await expect(form.getByLabel("sendsms base URL")).toHaveAccessibleDescription(/Enter a URL such as/);
  await form.getByLabel("sendsms base URL").fill(fake.url);
  await form.getByRole("button", { name: "Create connector" }).click();
  await expect(page).toHaveURL(/\/settings\/channel\/sms\?connector=(?!new)[\w-]+$/);
  await expect(page.getByTestId("connector-title")).toHaveText("Kannel");
  const connectorId = new URL(page.url()).searchParams.get("connector")!;

  // The mapping came with it: reports name their message by Switchboard's id, and nothing warns.
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  await expect(tracking.getByRole("radio", { name: "Switchboard's message id" })).toBeChecked();
  await expect(tracking.getByTestId("unique-sent-id")).toHaveText("Not needed");
  await expect(tracking.getByTestId("tracking-warning")).toHaveCount(0);
  await expect(tracking.getByLabel("Reason pattern")).toHaveValue("err:(\\w+)");

  // A test SMS: Kannel accepts it without an id, then reports submitted and delivered to the dlr-url.
  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill("+46701234567");
  await panel.getByLabel("Message", { exact: true }).fill("Hej från Switchboard");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("test-result")).toContainText("0: Accepted for delivery");
  const send = await fake.waitFor((request) => request.route === "kannel");
  expect(send.query).toMatchObject({ username: "switchboard", coding: "0", charset: "UTF-8", "dlr-mask": "31" });
  await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered" && report.responseStatus === 200, 20_000);

  // The screen shows the report matched by our id: the ref field holds Switchboard's message ids, and the message is delivered.
  const metrics = page.getByRole("region", { name: "Metrics" });
  await expect(metrics.getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
  await expect(metrics.getByTestId("metric-delivery-rate")).toHaveText("100%");
  const callbacks = page.getByRole("region", { name: "Captured callbacks" });
  await expect(callbacks.getByTestId("captured-callback").first()).toHaveAttribute("data-outcome", "applied");
  await expect(tracking.getByLabel("Transaction / msg ID").locator("option", { hasText: /^ref — / })).toContainText("Switchboard message id");
  const {
    data: [message],
  } = (await (await page.request.get(`/api/v1/connectors/${connectorId}/messages?limit=1`)).json()) as { data: Array<{ id: string; status: string }> };
  expect(message.status).toBe("delivered");
  expect(send.callbackUrl).toContain(`ref=${message.id}`);
  const detail = await (await page.request.get(`/api/v1/messages/${message.id}`)).json();
  expect(detail.timeline.map((event: { status: string }) => event.status)).toEqual(["queued", "sent", "delivered"]);
});

test("a mapping that can never match warns, its reports land in the unmatched inbox, and fixing it re-matches them", async ({ page, user }) => {
  // The configuration that started it all: Kannel's ref (our own id) read as the provider's id.
  const connector = fillKannelTemplate(fake.url);
  const created = await page.request.post("/api/v1/connectors", {
    data: { ...connector, name: "Kannel (broken)", senders: [{ name: "ACME", type: "transactional" }], deliveryTracking: { ...connector.deliveryTracking, matchBy: "provider-id" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect(((await created.json()) as { deliveryTracking: { warnings: Array<{ code: string }> } }).deliveryTracking.warnings.map((warning) => warning.code)).toEqual(["no-sent-id"]);

  await page.goto(`/settings/channel/sms?connector=${id}`);
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  await expect(tracking.getByTestId("tracking-warning")).toContainText("can never match a message");

  const sent = await page.request.post(`/api/v1/connectors/${id}/test`, { data: { to: "+46701234567", message: "Your code is 4711" } });
  expect(sent.ok(), await sent.text()).toBeTruthy();
  const { messageId } = (await sent.json()) as { messageId: string };
  await fake.waitForDeliveryReport((report) => report.reportStatus === "delivered" && report.responseStatus === 200, 20_000);

  // The screen notices that ref carries Switchboard's own ids.
  await expect(tracking.getByTestId("match-by-hint")).toContainText("Switchboard's own message ids", { timeout: 20_000 });

  // Fifteen minutes later (made so in the database) the reports are in the unmatched inbox.
  await expect.poll(async () => (await database().query(`select count(*)::int as n from "PendingDeliveryReport" where "connectorId" = $1`, [id])).rows[0].n, { timeout: 20_000 }).toBe(2);
  await database().query(`update "PendingDeliveryReport" set "unmatchedAt" = now() where "connectorId" = $1`, [id]);
  await page.reload();
  await expect(tracking.getByTestId("unmatched-summary")).toContainText("2 delivery reports matched no message");
  await tracking.getByRole("link", { name: "Open the unmatched inbox" }).click();
  await expect(page.getByRole("heading", { name: "2 unmatched reports" })).toBeVisible();
  await expect(page.getByTestId("unmatched-reason").first()).toHaveText(`No message with provider id ${messageId}`);
  await page.getByRole("link", { name: "Back to connector" }).click();

  // Fix: match by Switchboard's id. Saving re-matches both; the message is delivered and the inbox empties.
  await tracking.getByTestId("match-by-hint").getByRole("button", { name: "Match by Switchboard's message id" }).click();
  await expect(tracking.getByRole("radio", { name: "Switchboard's message id" })).toBeChecked();
  await expect(tracking.getByTestId("tracking-warning")).toHaveCount(0);
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toContainText("2 earlier reports that matched no message re-applied");
  await expect(page.getByRole("region", { name: "Metrics" }).getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
  await page.goto(`/settings/channel/sms/${id}/unmatched`);
  await expect(page.getByRole("heading", { name: "0 unmatched reports" })).toBeVisible();
  await expect(page.getByText("Every delivery report of this connector found its message.")).toBeVisible();
});

/** The Kannel template's connector with this fake's URL and credentials, as the gallery would fill it. */
function fillKannelTemplate(baseUrl: string) {
  // Read as data: the gallery's index imports the JSON files, which Playwright's ESM loader would refuse without import attributes.
  const template = JSON.parse(readFileSync(new URL("../lib/connectors/templates/kannel.json", import.meta.url), "utf8")) as { connector: unknown };
  const values: Record<string, string> = { base_url: baseUrl, username: "switchboard", password: PASSWORD };
  return JSON.parse(JSON.stringify(template.connector).replace(/<<(\w+)>>/g, (_token, key: string) => values[key])) as Record<string, any> & { deliveryTracking: Record<string, unknown> };
}
