// Connectors that never lie, end to end against a fake provider on port 0: a configuration copied from MoEngage
// (bare tokens) sends the exact text and its test survives the save; the `@` placeholder picker driven by the
// keyboard alone; OAuth 2.0 shown in Send Test SMS; a 200 without a message id shown as a failure; Duplicate.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { seedApiKey, storedConnectorConfig } from "./support/database";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider();
});
test.afterEach(async () => {
  await fake.close();
});

const HOSTILE = 'Order "#42" & <b>ready</b> \\o/ 🎉\nMoesms_destination stays text';

test("a configuration copied from MoEngage, bare tokens and all, sends the exact text, and its test survives the save", async ({ page, user }) => {
  // This provider wants an OAuth 2.0 token on every send.
  await fake.close();
  fake = await createFakeProvider({ oauth: { clientId: "sb-client", clientSecret: "cs-e2e-secret" } });
  await page.goto("/settings/channel/sms?connector=new");
  const name = page.getByLabel("Connector name");
  await expect(name).toHaveValue("New Connector");
  await name.fill("From MoEngage");
  await page.getByLabel("Sender 1 name").fill("MOENG");
  await page.getByLabel("Method").selectOption("POST");
  await page.getByLabel("API URL").fill(`${fake.url}/json/send?campaign=Moesms_campaignId`);
  // The body type is a radio group: from JSON, one arrow to the right is Raw.
  await page.getByRole("radio", { name: "JSON" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Raw" })).toBeChecked();
  await page.getByLabel("Content type").fill("application/json");
  await page.getByLabel("Body", { exact: true }).fill('{"to":"Moesms_destination","text":"Moesms_message","access_token":"{{oauth_token}}"}');
  await page.getByLabel("Authentication").selectOption("oauth2");
  await page.getByLabel("Token URL").fill(`${fake.url}/oauth/token`);
  await page.getByLabel("Client ID").fill("sb-client");
  await page.getByLabel("Client secret").fill("cs-e2e-secret");
  await page.getByLabel("Send the token as").selectOption("placeholder");
  await page.getByLabel("Take the provider's message id from").selectOption("json");
  await page.getByLabel("JSON path").fill("data.messages[0].id");
  // The request carries recipient and text: nothing to warn about.
  await expect(page.getByTestId("connector-warnings")).toHaveCount(0);

  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill("+15555550100");
  await panel.getByLabel("Message", { exact: true }).fill(HOSTILE);
  await panel.getByRole("button", { name: "Send test SMS" }).click();

  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "sent");
  const received = await fake.waitFor((request) => request.route === "json");
  // Byte for byte: the bare tokens became the values, escaped for JSON, and the message was not read as a template.
  const token = (JSON.parse(received.rawBody) as { access_token: string }).access_token;
  expect(received.rawBody).toBe(`{"to":"+15555550100","text":${JSON.stringify(HOSTILE)},"access_token":"${token}"}`);
  expect(JSON.parse(received.rawBody).text).toBe(HOSTILE);
  expect(received.query).toEqual({ campaign: "" });
  expect(fake.tokenRequests).toBe(1);

  // The token request is shown, with the client secret and the token masked.
  const exchange = result.getByRole("region", { name: "OAuth token request" });
  const tokenRequest = exchange.getByRole("region", { name: "Token request sent" });
  await expect(tokenRequest).toContainText(/Authorization\s*Basic\s*(secret value)?••••••••/);
  await expect(tokenRequest).toContainText("grant_type");
  await expect(tokenRequest).not.toContainText(Buffer.from("sb-client:cs-e2e-secret").toString("base64"));
  await expect(exchange.getByRole("region", { name: "Token endpoint response" }).getByTestId("response-status")).toHaveText(/^200/);
  await expect(exchange).not.toContainText(token);
  await expect(result.getByRole("region", { name: "Request sent", exact: true })).not.toContainText(token);
  const providerId = await result.getByTestId("provider-message-id").textContent();

  // Saving turns the draft into the saved connector; the test just run stays on screen.
  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Created “From MoEngage”" })).toBeVisible();
  await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
  await expect(page.getByRole("region", { name: "Test result" }).getByTestId("provider-message-id")).toHaveText(providerId!);
});

test("the @ picker offers placeholders and inserts one with the keyboard alone", async ({ page, user, workspace, request }) => {
  // A recipient attribute the workspace has used: an API send carrying `city`.
  const key = await seedApiKey(workspace);
  const auth = { Authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/connectors", {
    headers: auth,
    data: {
      name: "Picker",
      senders: [{ name: "ACME", type: "transactional" }],
      request: { method: "POST", url: `${fake.url}/json/send`, body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }, { key: "text", value: "{{message}}" }] } },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const sent = await request.post("/api/v1/messages", { headers: auth, data: { connectorId: id, to: "+15555550123", message: "hi", attributes: { city: "Oslo", first_name: "Ann" } } });
  expect(sent.status()).toBe(202);

  await page.goto(`/settings/channel/sms?connector=${id}`);
  await page.getByRole("button", { name: "Add header" }).click();
  const value = page.getByLabel("Header 1 value", { exact: true });
  await value.focus();
  await expect(value).toHaveAttribute("role", "combobox");
  await expect(value).toHaveAttribute("aria-expanded", "false");

  // `@` opens the list; typing filters it.
  await page.keyboard.type("City: @");
  const listbox = page.getByRole("listbox", { name: "Placeholders" });
  await expect(listbox).toBeVisible();
  await expect(value).toHaveAttribute("aria-expanded", "true");
  await expect(listbox.getByRole("option", { name: /destination/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.type("ci");
  await expect(listbox.getByRole("option")).toHaveText([/user\.city/]);
  await expect(value).toHaveAttribute("aria-activedescendant", (await listbox.getByRole("option").first().getAttribute("id"))!);

  // Enter inserts the attribute with a fallback, and the caret follows it.
  await page.keyboard.press("Enter");
  await expect(listbox).toBeHidden();
  await expect(value).toHaveValue('City: {{user.city | default: ""}}');
  await page.keyboard.type("!");
  await expect(value).toHaveValue('City: {{user.city | default: ""}}!');

  // Arrows move through the list; Escape closes it and leaves the text as typed.
  await page.keyboard.type(" @mess");
  await expect(listbox.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(listbox.getByRole("option").nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(value).toHaveValue('City: {{user.city | default: ""}}! @mess');
  // Typing on after Escape keeps it closed; a new `@` opens it again, and Enter picks the first match.
  await page.keyboard.type("a");
  await expect(listbox).toBeHidden();
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("@mess");
  await expect(listbox).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(value).toHaveValue('City: {{user.city | default: ""}}! {{message}}');

  // An e-mail address does not open it; the raw body has the picker too.
  await page.keyboard.type(" ops@example.com");
  await expect(listbox).toBeHidden();
  // The body type is a radio group: from JSON, one arrow to the right is Raw.
  await page.getByRole("radio", { name: "JSON" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Raw" })).toBeChecked();
  const body = page.getByLabel("Body", { exact: true });
  await body.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type('{"text":"@first');
  await expect(page.getByRole("listbox", { name: "Placeholders" }).getByRole("option")).toHaveText([/user\.first_name/]);
  await page.keyboard.press("Enter");
  await expect(body).toHaveValue('{"text":"{{user.first_name | default: ""}}');
});

test("Send Test SMS shows a 200 without a message id in red, as a failure", async ({ page, user }) => {
  await page.goto("/settings/channel/sms?connector=new");
  await page.getByLabel("Sender 1 name").fill("ACME");
  await page.getByLabel("API URL").fill(`${fake.url}/get/send?behavior=maintenance`);
  await page.getByLabel("Method").selectOption("GET");
  await page.getByRole("button", { name: "Add URL parameter" }).click();
  await page.getByLabel("URL parameter 1 key", { exact: true }).fill("to");
  await page.getByLabel("URL parameter 1 value", { exact: true }).fill("{{destination}}");
  // Only the recipient so far: the form warns that the text never goes anywhere.
  await expect(page.getByTestId("connector-warnings")).toContainText("never carries the message text");
  await page.getByRole("button", { name: "Add URL parameter" }).click();
  await page.getByLabel("URL parameter 2 key", { exact: true }).fill("text");
  await page.getByLabel("URL parameter 2 value", { exact: true }).fill("Moesms_message");
  await expect(page.getByTestId("connector-warnings")).toHaveCount(0);
  await page.getByLabel("Take the provider's message id from").selectOption("json");
  await page.getByLabel("JSON path").fill("data.messages[0].id");

  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill("+15555550100");
  await panel.getByRole("button", { name: "Send test SMS" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "failed");
  await expect(result.getByTestId("send-outcome")).toContainText("Failed to send: the reply has no message id");
  await expect(result.getByTestId("send-outcome-reason")).toHaveText(/^Accepted reply carried no message id at data\.messages\[0\]\.id: <!DOCTYPE html>/);
  await expect(result).not.toContainText("Accepted by the provider");
  await expect(result.getByRole("region", { name: "Provider response" }).getByTestId("response-status")).toHaveText(/^200/);
});

test("a connector is duplicated with its secrets and a host to fill in", async ({ page, user, workspace, request }) => {
  const key = await seedApiKey(workspace);
  const created = await request.post("/api/v1/connectors", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      name: "Original",
      senders: [{ name: "ACME", type: "transactional" }],
      request: {
        method: "POST",
        url: `${fake.url}/json/send`,
        headers: [{ key: "X-Api-Key", value: "dup-secret-123", secret: true }],
        body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }, { key: "text", value: "{{message}}" }] },
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
    },
  });
  expect(created.status()).toBe(201);
  const original = (await created.json()) as { id: string };

  await page.goto(`/settings/channel/sms?connector=${original.id}`);
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Duplicated as “Original (copy)”" })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(original.id));
  await expect(page.getByTestId("connector-title")).toHaveText("Original (copy)");
  const url = page.getByLabel("API URL");
  await expect(url).toHaveValue("http:///json/send");
  await expect(url).toHaveAccessibleDescription(/Fill in the API host/);
  await expect(page.getByLabel("Header 1 value", { exact: true })).toHaveAttribute("placeholder", "Unchanged (saved secret)");
  const list = page.getByRole("navigation", { name: "Connectors" });
  await expect(list.getByRole("link", { name: /Original \(copy\)/ })).toBeVisible();

  // Saving on the original's host is refused (one host per connector); on a host of its own it saves.
  await url.fill(`${fake.url}/json/send`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(url).toHaveAccessibleDescription(/already uses/);
  await url.fill("https://api.copy.example/json/send");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved “Original (copy)”" })).toBeVisible();

  const copyId = new URL(page.url()).searchParams.get("connector")!;
  const [before, after] = [await storedConnectorConfig(original.id), await storedConnectorConfig(copyId)];
  const secretOf = (config: typeof before) => (config.request as unknown as { headers: Array<{ value: string }> }).headers[0].value;
  // The sealed value was copied as it was: never decrypted and sealed again, never in clear.
  expect(secretOf(after)).toBe(secretOf(before));
  expect(secretOf(after)).not.toContain("dup-secret-123");
  expect(after.request.url).toBe("https://api.copy.example/json/send");
});
