// Native connectors, end to end against the fake provider's emulation of each API: configured through the
// provider's own short form, saved, a Send Test SMS that shows the provider's request, the provider's own
// callback counted as Delivered, and a failing number's reason in the error breakdown. Then Twilio's
// signature check, "Copy to custom connector", and the read-only view of a viewer.
import type { Locator, Page } from "@playwright/test";
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { seedApiKey } from "./support/database";
import { expect, test } from "./fixtures";

const DELIVERED_NUMBER = "+15551234567";
// The fake provider fails recipients ending in 0000 (each test has its own workspace, so no suppression builds up).
const FAILING_NUMBER = "+15551230000";
const TWILIO_SID = "AC0123456789abcdef0123456789abcdef";

interface ProviderCase {
  kind: "twilio" | "sinch" | "gupshup" | "kaleyra" | "ics-mobile";
  label: string;
  /** The fake provider's apiKey: the credential the form must send. */
  credential: string;
  sender: string;
  /** Fills the provider's fields (not the senders) in the configuration form. */
  fill: (form: Locator, fake: FakeProvider) => Promise<void>;
  /** What the request inspector must show of the provider's request. */
  checkRequest: (sent: Locator, fake: FakeProvider, dlrUrl: string) => Promise<void>;
  /** Gupshup takes no callback URL per message: the test triggers the report, in Gupshup's GET format. */
  manualReport?: { delivered: string; failed: string; reason: string };
  failureReason: RegExp;
}

async function openAdvanced(form: Locator) {
  const toggle = form.getByRole("button", { name: "Advanced" });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

const CASES: ProviderCase[] = [
  {
    kind: "twilio",
    label: "Twilio",
    credential: "twilio-token-123",
    sender: "+15557654321",
    async fill(form, fake) {
      await form.getByLabel("Account SID").fill(TWILIO_SID);
      await form.getByLabel("Auth token").fill("twilio-token-123");
      await expect(form.getByLabel("Sender type")).toHaveValue("long_code");
      await openAdvanced(form);
      await form.getByLabel("API base URL").fill(fake.url);
    },
    async checkRequest(sent, fake, dlrUrl) {
      await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
      const body = sent.getByTestId("request-body");
      await expect(body).toContainText(`To = ${DELIVERED_NUMBER}`);
      await expect(body).toContainText("From = +15557654321");
      await expect(body).toContainText("Body = Hello from Switchboard!");
      await expect(body).toContainText(`StatusCallback = ${dlrUrl}`);
      await expect(sent).toContainText("application/x-www-form-urlencoded");
      // HTTP Basic auth (sid:token) went out, shown masked.
      await expect(sent.getByRole("term").filter({ hasText: /^Authorization$/ })).toBeVisible();
      await expect(sent.locator("dd", { hasText: "secret value" }).first()).toBeVisible();
    },
    // The status callback's ErrorCode with Twilio's name for it, not a bare number.
    failureReason: /^undelivered: 30003 Unreachable destination handset$/,
  },
  {
    kind: "sinch",
    label: "Sinch",
    credential: "sinch-token-456",
    sender: "12345",
    async fill(form, fake) {
      await form.getByLabel("Region").selectOption("eu");
      await form.getByLabel("Service plan ID").fill("plan123");
      await form.getByLabel("API token").fill("sinch-token-456");
      await openAdvanced(form);
      await form.getByLabel("API base URL").fill(fake.url);
    },
    async checkRequest(sent, fake, dlrUrl) {
      await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/xms/v1/plan123/batches`);
      const body = sent.getByTestId("request-body");
      await expect(body).toContainText(`"to": [\n    "${DELIVERED_NUMBER}"\n  ]`);
      await expect(body).toContainText('"from": "12345"');
      await expect(body).toContainText('"delivery_report": "per_recipient"');
      await expect(body).toContainText(`"callback_url": "${dlrUrl}"`);
      await expect(sent.locator("dd", { hasText: "secret value" }).first()).toBeVisible();
    },
    failureReason: /^Failed: 402$/,
  },
  {
    kind: "gupshup",
    label: "Gupshup",
    credential: "gs-pass-789",
    sender: "TESTIN",
    async fill(form, fake) {
      await form.getByLabel("User ID").fill("2000123456");
      await form.getByLabel("Password", { exact: true }).fill("gs-pass-789");
      // The sender is asked once, in Senders: no sender mask setting.
      await expect(form.getByLabel("Sender mask")).toHaveCount(0);
      await openAdvanced(form);
      await expect(form.getByLabel("Request method")).toHaveValue("POST");
      await expect(form.getByLabel("Message type (msg_type)")).toHaveValue("auto");
      await form.getByLabel("API base URL").fill(fake.url);
    },
    async checkRequest(sent, fake) {
      // POST by default: the credentials stay out of the URL.
      await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/GatewayAPI/rest`);
      const body = sent.getByTestId("request-body");
      await expect(body).toContainText("method = SendMessage");
      await expect(body).toContainText("send_to = 15551234567");
      await expect(body).toContainText("userid = 2000123456");
      await expect(body).toContainText("mask = TESTIN");
      await expect(body).toContainText("msg_type = TEXT");
      await expect(body).not.toContainText("gs-pass-789");
      await expect(sent.getByText("secret value").first()).toBeAttached();
    },
    manualReport: { delivered: "SUCCESS", failed: "FAILURE", reason: "ABSENT_SUBSCRIBER" },
    failureReason: /^FAILURE: ABSENT_SUBSCRIBER$/,
  },
  {
    kind: "kaleyra",
    label: "Kaleyra",
    credential: "Aa1b2c3d4e5f",
    sender: "KLRHXA",
    async fill(form, fake) {
      await form.getByLabel("SID", { exact: true }).fill("HXAP1234567890IN");
      await form.getByLabel("API key").fill("Aa1b2c3d4e5f");
      await expect(form.getByLabel("Sender ID")).toHaveCount(0);
      await form.getByLabel("Message type").selectOption("TXN");
      await openAdvanced(form);
      await expect(form.getByLabel("Message id path")).toHaveValue("data[0].message_id");
      await expect(form.getByLabel("Request body")).toHaveValue("form");
      await form.getByLabel("API base URL").fill(fake.url);
    },
    async checkRequest(sent, fake, dlrUrl) {
      await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/v1/HXAP1234567890IN/messages`);
      // Form-encoded with the callback as a JSON string, as in Kaleyra's samples.
      const body = sent.getByTestId("request-body");
      await expect(body).toContainText(`to = ${DELIVERED_NUMBER}`);
      await expect(body).toContainText("sender = KLRHXA");
      await expect(body).toContainText("type = TXN");
      await expect(body).toContainText(`callback = {"url":"${dlrUrl}","method":"POST"}`);
      await expect(sent.getByRole("term").filter({ hasText: /^api-key$/ })).toBeVisible();
      await expect(sent.locator("dd", { hasText: "secret value" }).first()).toBeVisible();
    },
    failureReason: /^Failed: Absent subscriber$/,
  },
  {
    kind: "ics-mobile",
    label: "ICS Mobile",
    credential: "ics-bearer-000",
    sender: "ACME",
    async fill(form, fake) {
      await form.getByLabel("API base URL").fill(fake.url);
      await form.getByLabel("Bearer token").fill("ics-bearer-000");
      await form.getByLabel("Username", { exact: true }).fill("acme");
      await form.getByLabel("Password", { exact: true }).fill("ics-pass-111");
      await form.getByLabel("Type", { exact: true }).selectOption("promotional");
      await expect(form.getByLabel("Sender ID")).toHaveCount(0);
    },
    async checkRequest(sent, fake, dlrUrl) {
      await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/ics/v1/messages`);
      const body = sent.getByTestId("request-body");
      await expect(body).toContainText('"username": "acme"');
      await expect(body).toContainText('"type": "promotional"');
      await expect(body).toContainText(`"callback_url": "${dlrUrl}"`);
      await expect(body).not.toContainText("ics-pass-111");
      await expect(body.getByText("secret value")).toBeAttached();
    },
    failureReason: /^UNDELIVERED: Absent subscriber$/,
  },
];

let fake: FakeProvider;
test.afterEach(async () => {
  await fake?.close();
});

/** Sends a test SMS from the connector screen; returns the provider's message id shown in the result. */
async function sendTestSms(page: Page, to: string): Promise<string> {
  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill(to);
  const result = page.getByRole("region", { name: "Test result" });
  const previous = (await result.count()) ? await result.getByTestId("provider-message-id").textContent() : null;
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "sent");
  if (previous) await expect(result.getByTestId("provider-message-id")).not.toHaveText(previous);
  const id = await result.getByTestId("provider-message-id").textContent();
  expect(id).toBeTruthy();
  return id!;
}

for (const c of CASES) {
  test(`${c.label}: configure, save, test-send, and count its delivery reports`, async ({ page, user }) => {
    fake = await createFakeProvider({ apiKey: c.credential, autoDlr: c.manualReport ? false : {} });
    await page.goto("/settings/channel/sms");
    const list = page.getByRole("navigation", { name: "Connectors" });
    await list.getByRole("link", { name: new RegExp(`^${c.label} Not configured$`) }).click();
    await expect(page).toHaveURL(new RegExp(`\\?connector=new-${c.kind}$`));
    await expect(page.getByTestId("connector-title")).toHaveText(c.label);

    const form = page.getByRole("form", { name: "Connector configuration" });
    await c.fill(form, fake);
    await form.getByLabel("Sender 1 name").fill(c.sender);
    await form.getByRole("button", { name: `Save ${c.label} connector` }).click();
    await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
    await expect(list.getByRole("link", { name: new RegExp(`^${c.label} Configured$`) })).toHaveAttribute("aria-current", "true");

    // The secret is not sent back: the box is empty and says it is kept.
    const secret = form.locator('input[type="password"]').first();
    await expect(secret).toHaveValue("");
    await expect(secret).toHaveAttribute("placeholder", "Unchanged (saved secret)");
    expect(await page.content()).not.toContain(c.credential);

    // The DLR URL and where it goes; the generated request.
    const tracking = page.getByRole("region", { name: "Delivery tracking" });
    const dlrUrl = await tracking.getByRole("textbox", { name: "Delivery report URL" }).inputValue();
    expect(dlrUrl).toMatch(new RegExp(`/sms/dlr/${c.kind}/[\\w-]{20,}$`));
    await expect(tracking.getByTestId("status-mapping")).toBeVisible();
    await expect(page.getByTestId("generated-request")).toBeVisible();

    // Send Test SMS from the form: the provider's own request; the provider accepts it.
    const deliveredId = await sendTestSms(page, DELIVERED_NUMBER);
    const result = page.getByRole("region", { name: "Test result" });
    await c.checkRequest(result.getByRole("region", { name: "Request sent" }), fake, dlrUrl);
    await expect(result.getByRole("region", { name: "Request sent" })).not.toContainText(c.credential);

    const metrics = page.getByRole("region", { name: "Metrics" });
    if (c.manualReport) {
      const report = await fake.sendDeliveryReport({ messageId: deliveredId, status: c.manualReport.delivered, url: dlrUrl, format: "gupshup-get" });
      expect(report.responseStatus).toBe(200);
    }
    await expect(metrics.getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
    await expect(metrics.getByTestId("metric-delivery-rate")).toHaveText("100%");

    // A number the provider cannot deliver to: its reason shows in the error breakdown.
    const failingId = await sendTestSms(page, FAILING_NUMBER);
    if (c.manualReport) {
      const report = await fake.sendDeliveryReport({ messageId: failingId, status: c.manualReport.failed, reason: c.manualReport.reason, url: dlrUrl, format: "gupshup-get" });
      expect(report.responseStatus).toBe(200);
    }
    await expect(metrics.getByTestId("metric-failed-to-deliver")).toHaveText("1", { timeout: 20_000 });
    const reason = metrics.getByTestId("failure-reason");
    await expect(reason).toHaveCount(1);
    await expect(reason.getByRole("cell").first()).toHaveText(c.failureReason);
    await expect(reason).toContainText("Failed to deliver");
    expect(fake.deliveryReports.every((r) => r.responseStatus === 200)).toBe(true);
  });
}

test("Twilio: errors under their fields, a secret kept when not retyped, a forged callback refused, and a copy as a custom connector", async ({ page, user }) => {
  fake = await createFakeProvider({ apiKey: "twilio-token-123", autoDlr: {} });
  await page.goto("/settings/channel/sms?connector=new-twilio");
  const form = page.getByRole("form", { name: "Connector configuration" });
  const save = form.getByRole("button", { name: "Save Twilio connector" });

  // Empty required fields are refused in the browser, under each field.
  await save.click();
  await expect(form.getByLabel("Account SID")).toHaveAccessibleDescription(/Account SID is required/);
  await expect(form.getByLabel("Auth token")).toHaveAccessibleDescription(/Auth token is required/);
  await expect(form.getByLabel("Sender 1 name")).toHaveAccessibleDescription(/Sender name is required/);
  await expect(page.getByTestId("form-error")).toContainText("The connector was not saved");

  // The preset's own rules come from the server, under the same fields.
  await form.getByLabel("Account SID").fill("AC123");
  await form.getByLabel("Auth token").fill("twilio-token-123");
  await form.getByLabel("Sender 1 name").fill("ACME");
  await form.getByRole("button", { name: "Advanced" }).click();
  await form.getByLabel("API base URL").fill(fake.url);
  await save.click();
  await expect(form.getByLabel("Account SID")).toHaveAccessibleDescription(/Account SID must be AC followed by 32 letters and digits/);
  await form.getByLabel("Account SID").fill(TWILIO_SID);
  await save.click();
  await expect(form.getByLabel("Sender 1 name")).toHaveAccessibleDescription(/A long code sender must be a phone number in E\.164 format/);
  // The sender type's own rule, with its hint.
  await form.getByLabel("Sender type").selectOption("alphanumeric");
  await expect(form.getByLabel("Sender type")).toHaveAccessibleDescription(/Up to 11 letters and digits/);
  await form.getByLabel("Sender type").selectOption("long_code");
  await form.getByLabel("Sender 1 name").fill("+15557654321");
  await save.click();
  await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
  const twilioId = new URL(page.url()).searchParams.get("connector")!;
  expect(fake.received).toHaveLength(0);

  // A change saved without retyping the auth token keeps it: the next send still authenticates.
  await expect(form.getByLabel("Auth token")).toHaveAttribute("placeholder", "Unchanged (saved secret)");
  await form.getByLabel("Throughput limit").fill("10");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved “Twilio”" })).toBeVisible();
  await expect(form.getByText("All changes saved")).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/connectors/${twilioId}`)).json();
  expect(saved.throughputPerSecond).toBe(10);
  expect(saved.settings.authToken).toBe("••••••••");

  const request = page.getByRole("region", { name: "Request this connector sends" });
  await expect(request.getByTestId("generated-url")).toHaveText(`${fake.url}/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
  await expect(request.getByTestId("generated-headers")).toContainText("Authorization");
  await expect(request.getByTestId("generated-headers")).toContainText("secret value");
  await expect(request.getByTestId("generated-body")).toContainText("StatusCallback{{dlr_url}}");
  await expect(request.getByTestId("generated-sent-id")).toContainText("JSON path sid");

  await sendTestSms(page, DELIVERED_NUMBER);
  const metrics = page.getByRole("region", { name: "Metrics" });
  await expect(metrics.getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  await expect(tracking.getByTestId("signature-note")).toContainText("X-Twilio-Signature");
  await expect(tracking.getByRole("radio", { name: "HMAC-SHA256 signature" })).toHaveCount(0);

  // A callback whose signature does not match is refused and shows as rejected; nothing changes.
  const dlrUrl = await tracking.getByRole("textbox", { name: "Delivery report URL" }).inputValue();
  const forged = await page.request.post(dlrUrl, {
    form: { MessageSid: "SMforged", MessageStatus: "delivered", To: DELIVERED_NUMBER },
    headers: { "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl" },
  });
  expect(forged.status()).toBe(401);
  const callbacks = page.getByRole("region", { name: "Captured callbacks" });
  await expect(callbacks.getByTestId("captured-callback").first()).toHaveAttribute("data-outcome", "rejected");
  await expect(callbacks.getByTestId("captured-callback").first()).toContainText("Invalid X-Twilio-Signature");
  await expect(metrics.getByTestId("metric-delivered")).toHaveText("1");

  // Copy to custom connector: a custom connector with the same request, selected, that sends the same way.
  await request.getByRole("button", { name: "Copy to custom connector" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?connector=(?!${twilioId})[\\w-]+$`));
  await expect(page.getByTestId("connector-title")).toHaveText("Twilio (custom copy)");
  const copyId = new URL(page.url()).searchParams.get("connector")!;
  const list = page.getByRole("navigation", { name: "Connectors" });
  await expect(list.getByRole("link", { name: /Twilio \(custom copy\)/ })).toHaveAttribute("aria-current", "true");
  await expect(list.getByRole("link", { name: /^Twilio Configured$/ })).toBeVisible();
  await expect(page.getByLabel("API URL")).toHaveValue(`${fake.url}/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
  const original = await (await page.request.get(`/api/v1/connectors/${twilioId}`)).json();
  const copy = await (await page.request.get(`/api/v1/connectors/${copyId}`)).json();
  expect(copy).toMatchObject({ kind: "custom", request: original.request, response: original.response, senders: original.senders });
  expect(copy.settings).toBeUndefined();

  const before = fake.received.length;
  await sendTestSms(page, "+15551234568");
  const sent = fake.received[before];
  expect(sent).toMatchObject({ route: "twilio", status: 201, to: "+15551234568" });
  expect(sent.body).toMatchObject({ To: "+15551234568", From: "+15557654321", StatusCallback: expect.stringMatching(/\/sms\/dlr\/custom\//) });
});

test("Sinch signs nothing: a shared secret of one's own (basic auth) protects its callbacks", async ({ page, user, workspace }) => {
  const key = await seedApiKey(workspace, "admin");
  const created = await page.request.post("/api/v1/connectors", {
    headers: { Authorization: `Bearer ${key}` },
    data: { kind: "sinch", senders: [{ name: "12345", type: "transactional" }], settings: { servicePlanId: "plan123", apiToken: "sinch-token-456" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, deliveryTracking } = (await created.json()) as { id: string; deliveryTracking: { url: string } };

  await page.goto(`/settings/channel/sms?connector=${id}`);
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  await expect(tracking.getByTestId("signature-note")).toContainText("Switchboard does not verify Sinch callbacks");
  const auth = tracking.getByRole("form", { name: "Callback authentication" });
  await auth.getByRole("radio", { name: "Basic auth" }).check();
  await auth.getByLabel("Username").fill("sinch");
  await auth.getByRole("button", { name: "Save callback authentication" }).click();
  await expect(auth.getByLabel("Password")).toHaveAccessibleDescription(/Password is required/);
  await auth.getByLabel("Password").fill("cb-pass-1");
  await auth.getByRole("button", { name: "Save callback authentication" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Callback authentication saved" })).toBeVisible();

  await page.reload();
  await expect(auth.getByRole("radio", { name: "Basic auth" })).toBeChecked();
  await expect(auth.getByLabel("Password")).toHaveValue("");
  await expect(auth.getByLabel("Password")).toHaveAttribute("placeholder", "Unchanged (saved secret)");
  const stored = await (await page.request.get(`/api/v1/connectors/${id}`)).json();
  expect(stored.deliveryTracking.authentication).toEqual({ type: "basic", username: "sinch", password: "••••••••" });

  const report = { type: "recipient_delivery_report_sms", batch_id: "01UNKNOWN", recipient: DELIVERED_NUMBER, code: 0, status: "Delivered" };
  const refused = await page.request.post(deliveryTracking.url, { data: report });
  expect(refused.status()).toBe(401);
  const accepted = await page.request.post(deliveryTracking.url, { data: report, headers: { Authorization: `Basic ${Buffer.from("sinch:cb-pass-1").toString("base64")}` } });
  expect(accepted.status()).toBe(200);
  const callbacks = page.getByRole("region", { name: "Captured callbacks" });
  await expect(callbacks.getByTestId("captured-callback").nth(1)).toHaveAttribute("data-outcome", "rejected");
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("sees a native connector's form, request and delivery tracking read-only", async ({ page, user, workspace }) => {
    const key = await seedApiKey(workspace, "admin");
    const created = await page.request.post("/api/v1/connectors", {
      headers: { Authorization: `Bearer ${key}` },
      data: { kind: "sinch", senders: [{ name: "12345", type: "transactional" }], settings: { region: "eu", servicePlanId: "plan123", apiToken: "sinch-token-456" } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto(`/settings/channel/sms?connector=${id}`);
    const form = page.getByRole("form", { name: "Connector configuration" });
    await expect(form.getByLabel("Service plan ID")).toBeDisabled();
    await expect(form.getByLabel("Service plan ID")).toHaveValue("plan123");
    await expect(form.getByLabel("Region")).toHaveValue("eu");
    await expect(form.getByLabel("API token")).toHaveAttribute("placeholder", "Unchanged (saved secret)");
    await expect(form.getByRole("button", { name: /Save/ })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Send Test SMS" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Copy to custom connector" })).toHaveCount(0);
    await expect(page.getByTestId("generated-url")).toHaveText("https://eu.sms.api.sinch.com/xms/v1/plan123/batches");
    const tracking = page.getByRole("region", { name: "Delivery tracking" });
    await expect(tracking).toContainText("Sent with each message as callback_url");
    await expect(tracking.getByRole("radio", { name: "Basic auth" })).toBeDisabled();
    await expect(tracking.getByTestId("status-mapping")).toContainText("Delivered");

    await page.getByRole("navigation", { name: "Connectors" }).getByRole("link", { name: /^Twilio Not configured$/ }).click();
    await expect(page.getByRole("heading", { name: "Twilio is not configured" })).toBeVisible();
  });
});
