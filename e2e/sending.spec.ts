// Sending, end to end against a fake provider on port 0: Send Test SMS from an unsaved form (hostile text,
// the request inspector, a refused send), and a REST API send followed into the message log and its detail.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { seedApiKey, seedWorkspace } from "./support/database";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider();
});
test.afterEach(async () => {
  await fake.close();
});

// Quotes, an ampersand, markup, a backslash, emoji and a newline: none may break or inject into the JSON body.
const HOSTILE = 'He said "hi" & <b>bye</b> \\o/ 🎉👍🏽\nline two';

test("Send Test SMS works on the unsaved form and shows what went out and what came back", async ({ page, user }) => {
  await page.goto("/settings/channel/sms?connector=new");
  await page.getByLabel("Connector name").fill("Fake JSON");
  await page.getByLabel("Sender 1 name").fill("SWITCH");
  await page.getByLabel("Method").selectOption("POST");
  const apiUrl = page.getByLabel("API URL");
  await apiUrl.fill(`${fake.url}/json/send`);
  await expect(page.getByRole("radio", { name: "JSON" })).toBeChecked();
  for (const [key, value] of [["to", "{{destination}}"], ["text", "{{message}}"]]) {
    await page.getByRole("button", { name: "Add JSON field" }).click();
    const n = await page.getByLabel(/^JSON field \d+ key or path$/).count();
    await page.getByLabel(`JSON field ${n} key or path`, { exact: true }).fill(key);
    await page.getByLabel(`JSON field ${n} value`, { exact: true }).fill(value);
  }
  await page.getByLabel("Take the provider's message id from").selectOption("json");
  await page.getByLabel("JSON path").fill("data.messages[0].id");

  // Empty inputs are refused under their fields, before anything is sent.
  const panel = page.getByRole("form", { name: "Send test SMS" });
  const message = panel.getByLabel("Message", { exact: true });
  await message.fill("");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(panel.getByLabel("Mobile number")).toHaveAccessibleDescription(/Enter a mobile number/);
  await expect(message).toHaveAccessibleDescription(/Enter a message/);
  expect(fake.received).toHaveLength(0);

  // A number the server cannot read comes back under its field.
  await panel.getByLabel("Country code").fill("+1");
  await panel.getByLabel("Mobile number").fill("12");
  await message.fill(HOSTILE);
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(panel.getByLabel("Mobile number")).toHaveAccessibleDescription(/Invalid mobile number/);
  expect(fake.received).toHaveLength(0);

  await panel.getByLabel("Mobile number").fill("5555550100");
  await panel.getByRole("button", { name: "Send test SMS" }).click();

  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "sent");
  const received = await fake.waitFor((r) => r.route === "json");
  expect(fake.received).toHaveLength(1);
  expect(received.method).toBe("POST");
  expect(received.path).toBe("/json/send");
  expect(String(received.headers["content-type"])).toMatch(/^application\/json/);
  // Exactly this body: the message is one correctly escaped JSON string, nothing more.
  expect(received.rawBody).toBe(JSON.stringify({ to: "+15555550100", text: HOSTILE }));
  expect(received.messageId).toBeTruthy();

  const sent = result.getByRole("region", { name: "Request sent" });
  await expect(sent.getByTestId("request-method")).toHaveText("POST");
  await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/json/send`);
  await expect(sent.getByTestId("request-body")).toHaveText(JSON.stringify({ to: "+15555550100", text: HOSTILE }, null, 2));
  await expect(sent).toContainText("application/json");
  const answer = result.getByRole("region", { name: "Provider response" });
  await expect(answer.getByTestId("response-status")).toHaveText(/^201/);
  await expect(answer.getByTestId("response-body")).toContainText(received.messageId!);
  await expect(result.getByTestId("provider-message-id")).toHaveText(received.messageId!);

  // Still a draft: the test send saved nothing.
  await expect(page.getByText("Not saved yet").first()).toBeVisible();
  await expect(page).toHaveURL(/\?connector=new$/);

  // A refused send: the reason in red, with the provider's status and body.
  await apiUrl.fill(`${fake.url}/json/send?behavior=unauthorized`);
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "failed");
  await expect(result.getByTestId("send-outcome-reason")).toHaveText('HTTP 401: {"error":"bad key"}');
  await expect(answer.getByTestId("response-status")).toHaveText(/^401/);
  await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/json/send?behavior=unauthorized`);
  await expect(result.getByTestId("provider-message-id")).toHaveCount(0);
  expect(fake.received).toHaveLength(2);
  expect(fake.received[1].status).toBe(401);

  // A broken configuration is shown where it is fixed, in the form above.
  await apiUrl.fill("");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("test-send-error")).toContainText("Fix the highlighted fields above");
  await expect(apiUrl).toHaveAttribute("aria-invalid", "true");
  await expect(apiUrl).toHaveAccessibleDescription(/URL/);
  expect(fake.received).toHaveLength(2);
});

test("a REST API send shows up in the message log with its timeline and request", async ({ page, user, workspace, seed, request }) => {
  const key = await seedApiKey(workspace);
  const auth = { Authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/connectors", {
    headers: auth,
    data: {
      name: "Fake provider",
      senders: [{ name: "ACME", type: "transactional", default: true }],
      request: {
        method: "POST",
        url: `${fake.url}/json/send`,
        body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }, { key: "text", value: "{{message}}" }] },
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const connector = (await created.json()) as { id: string };

  const accepted = await request.post("/api/v1/messages", {
    headers: auth,
    data: { connectorId: connector.id, to: "+15555550123", message: "Your order #42 has shipped & is on its way" },
  });
  expect(accepted.status(), await accepted.text()).toBe(202);
  const { id: messageId } = (await accepted.json()) as { id: string };
  const received = await fake.waitFor((r) => r.text === "Your order #42 has shipped & is on its way", 20_000);
  const providerId = received.messageId!;
  expect(providerId).toBeTruthy();

  // From the connector screen to its log.
  await page.goto(`/settings/channel/sms?connector=${connector.id}`);
  await page.getByRole("link", { name: "Message log" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/channel/sms/${connector.id}/messages$`));
  await expect(page.getByRole("heading", { name: "Message log" })).toBeVisible();

  const row = page.getByTestId("message-row").filter({ hasText: "+15555550123" });
  await expect(row).toHaveCount(1);
  // The log refreshes itself while the message is on its way: no reload needed.
  await expect(row.getByTestId("message-status")).toHaveText("Sent", { timeout: 20_000 });
  await expect(row).toContainText(providerId);
  await expect(row).toContainText("ACME");
  await expect(row).not.toContainText("Test");

  // The status filter.
  const filter = page.getByLabel("Status", { exact: true });
  await filter.selectOption("failed");
  await expect(page.getByRole("heading", { name: "No failed messages" })).toBeVisible();
  await filter.selectOption("sent");
  await expect(row).toHaveCount(1);

  await row.getByRole("link", { name: "+15555550123" }).click();
  await expect(page).toHaveURL(new RegExp(`/messages/${messageId}$`));
  await expect(page.getByRole("heading", { name: /Message to \+15555550123/ })).toBeVisible();
  await expect(page.getByTestId("message-body")).toHaveText("Your order #42 has shipped & is on its way");
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByTestId("timeline-event").first()).toContainText("Queued");
  await expect(timeline.getByTestId("timeline-event").last()).toContainText("Sent");
  await expect(timeline).toContainText(`Provider id ${providerId}`);
  const sent = page.getByRole("region", { name: "Request sent" });
  await expect(sent.getByTestId("request-method")).toHaveText("POST");
  await expect(sent.getByTestId("request-url")).toHaveText(`${fake.url}/json/send`);
  await expect(sent.getByTestId("request-body")).toContainText('"text": "Your order #42 has shipped & is on its way"');
  await expect(page.getByRole("region", { name: "Provider response" }).getByTestId("response-status")).toHaveText(/^201/);
  await expect(page.getByTestId("provider-message-id")).toHaveText(providerId);

  // A test SMS through the saved connector is recorded too, marked as a test, and linked from its result.
  await page.goto(`/settings/channel/sms?connector=${connector.id}`);
  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill("+15555550199");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "sent");
  await page.getByRole("link", { name: "View in message log" }).click();
  await expect(page.getByRole("heading", { name: /Message to \+15555550199/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Test SMS");
  await page.getByRole("link", { name: "Message log", exact: true }).click();
  const testRow = page.getByTestId("message-row").filter({ hasText: "+15555550199" });
  await expect(testRow).toContainText("Test");
  // Newest first.
  await expect(page.getByTestId("message-row").first()).toContainText("+15555550199");

  // Another workspace's connector and message are not found, and a message only shows under its own connector.
  const other = await seed.connector(await seedWorkspace("Other"), { name: "Elsewhere", url: "https://elsewhere.example/send" });
  expect((await page.goto(`/settings/channel/sms/${other.id}/messages`))?.status()).toBe(404);
  expect((await page.goto(`/settings/channel/sms/${other.id}/messages/${messageId}`))?.status()).toBe(404);
});
