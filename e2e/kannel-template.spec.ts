// A Kannel gateway connected from the template gallery, as a Kannel operator would: the gateway answers
// "0: Accepted for delivery" without an id and reports by GET to the dlr-url with its type, our reference and its
// composite answer. The report is matched by Switchboard's own id, the screen says so, and the message is delivered.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
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
  const [message] = (await (await page.request.get(`/api/v1/connectors/${connectorId}/messages?limit=1`)).json()) as Array<{ id: string; status: string }>;
  expect(message.status).toBe("delivered");
  expect(send.callbackUrl).toContain(`ref=${message.id}`);
  const detail = await (await page.request.get(`/api/v1/messages/${message.id}`)).json();
  expect(detail.timeline.map((event: { status: string }) => event.status)).toEqual(["queued", "sent", "delivered"]);
});
