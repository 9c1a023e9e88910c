// The custom connector form, end to end: create with every kind of row, reload, edit, the two duplicate
// errors under their fields, the unsaved-changes guard, and delete.
import { storedConnectorConfig } from "./support/database";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

test("create, reload, edit, refuse duplicates and delete a custom connector", async ({ page, user }) => {
  await page.goto("/settings/channel/sms");
  const list = page.getByRole("navigation", { name: "Connectors" });
  await expect(list.getByText("No custom connectors yet.")).toBeVisible();

  // + CREATE adds an unsaved "New Connector" and selects it.
  await list.getByRole("button", { name: "Create custom connector" }).click();
  await expect(page).toHaveURL(/\?connector=new$/);
  await expect(list.getByText("Unsaved")).toBeVisible();
  const name = page.getByLabel("Connector name");
  await expect(name).toHaveValue("New Connector");

  await name.fill("Acme SMS");
  await page.getByLabel("Sender 1 name").fill("ACME");
  await page.getByLabel("Sender 1 type").selectOption("transactional");
  await page.getByRole("button", { name: "Add sender" }).click();
  await page.getByLabel("Sender 2 name").fill("ACMEPROMO");
  await page.getByLabel("Sender 2 type").selectOption("promotional");
  // The default sender cannot be removed.
  await expect(page.getByRole("button", { name: "Sender 1 is the default and cannot be removed" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Remove sender 2" })).toBeEnabled();

  await page.getByLabel("Method").selectOption("POST");
  await page.getByLabel("API URL").fill("https://api.acme.example/v2/send");

  await page.getByRole("button", { name: "Add URL parameter" }).click();
  await page.getByLabel("URL parameter 1 key", { exact: true }).fill("api_key");
  await page.getByLabel("URL parameter 1 secret", { exact: true }).check();
  await page.getByLabel("URL parameter 1 value", { exact: true }).fill("super-secret-key");
  await expect(page.getByLabel("URL parameter 1 value", { exact: true })).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Add URL parameter" }).click();
  await page.getByLabel("URL parameter 2 key", { exact: true }).fill("from");
  await page.getByLabel("URL parameter 2 value", { exact: true }).fill("{{sender}}");

  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name", { exact: true }).fill("X-Client");
  await page.getByLabel("Header 1 value", { exact: true }).fill("switchboard");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 2 name", { exact: true }).fill("Accept");
  await page.getByLabel("Header 2 value", { exact: true }).fill("application/json");
  // Reorder: Accept first.
  await page.getByRole("button", { name: "Move header 2 up" }).click();
  await expect(page.getByLabel("Header 1 name", { exact: true })).toHaveValue("Accept");

  // A nested JSON body: {"to":["…"],"message":{"text":"…"},"priority":1}
  await expect(page.getByRole("radio", { name: "JSON" })).toBeChecked();
  await expect(page.getByText('{"to":["+4670…"],"message":{"text":"…"}}')).toBeVisible();
  for (const [key, value] of [["to[0]", "{{destination}}"], ["message.text", "{{message}}"], ["priority", "1"]]) {
    await page.getByRole("button", { name: "Add JSON field" }).click();
    const n = await page.getByLabel(/^JSON field \d+ key or path$/).count();
    await page.getByLabel(`JSON field ${n} key or path`, { exact: true }).fill(key);
    await page.getByLabel(`JSON field ${n} value`, { exact: true }).fill(value);
  }
  await page.getByLabel("JSON field 3 value type", { exact: true }).selectOption("number");

  await page.getByLabel("Take the provider's message id from").selectOption("json");
  await page.getByLabel("JSON path").fill("data.id");
  await page.getByLabel("Only count a send as accepted when the response holds certain values").check();
  await page.getByLabel("Accepted only when").fill("status");
  await page.getByLabel("Has one of these values").fill("ok, queued");
  await page.getByLabel("Timeout").fill("8000");
  await page.getByLabel("Throughput limit").fill("20");

  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Created “Acme SMS”" })).toBeVisible();
  await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
  const connectorId = new URL(page.url()).searchParams.get("connector")!;
  await expect(list.getByRole("link", { name: /Acme SMS/ })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("textbox", { name: "Delivery report URL" })).toHaveValue(/\/sms\/dlr\/custom\/[\w-]{20,}$/);

  // Everything survives a reload; the secret comes back masked.
  await page.reload();
  await expect(name).toHaveValue("Acme SMS");
  await expect(page.getByLabel("Sender 1 name")).toHaveValue("ACME");
  await expect(page.getByLabel("Sender 1 type")).toHaveValue("transactional");
  await expect(page.getByLabel("Sender 1 default")).toBeChecked();
  await expect(page.getByLabel("Sender 2 name")).toHaveValue("ACMEPROMO");
  await expect(page.getByLabel("Sender 2 type")).toHaveValue("promotional");
  await expect(page.getByLabel("Method")).toHaveValue("POST");
  await expect(page.getByLabel("API URL")).toHaveValue("https://api.acme.example/v2/send");
  await expect(page.getByLabel("URL parameter 1 key", { exact: true })).toHaveValue("api_key");
  await expect(page.getByLabel("URL parameter 1 secret", { exact: true })).toBeChecked();
  const secretValue = page.getByLabel("URL parameter 1 value", { exact: true });
  await expect(secretValue).toHaveValue("");
  await expect(secretValue).toHaveAttribute("type", "password");
  await expect(secretValue).toHaveAttribute("placeholder", "Unchanged (saved secret)");
  await expect(page.getByLabel("URL parameter 2 value", { exact: true })).toHaveValue("{{sender}}");
  await expect(page.getByLabel("Header 1 name", { exact: true })).toHaveValue("Accept");
  await expect(page.getByLabel("Header 2 name", { exact: true })).toHaveValue("X-Client");
  await expect(page.getByLabel("Header 2 value", { exact: true })).toHaveValue("switchboard");
  await expect(page.getByLabel("JSON field 1 key or path", { exact: true })).toHaveValue("to[0]");
  await expect(page.getByLabel("JSON field 1 value", { exact: true })).toHaveValue("{{destination}}");
  await expect(page.getByLabel("JSON field 2 key or path", { exact: true })).toHaveValue("message.text");
  await expect(page.getByLabel("JSON field 3 value type", { exact: true })).toHaveValue("number");
  await expect(page.getByLabel("Take the provider's message id from")).toHaveValue("json");
  await expect(page.getByLabel("JSON path")).toHaveValue("data.id");
  await expect(page.getByLabel("Accepted only when")).toHaveValue("status");
  await expect(page.getByLabel("Has one of these values")).toHaveValue("ok, queued");
  await expect(page.getByLabel("Timeout")).toHaveValue("8000");
  await expect(page.getByLabel("Throughput limit")).toHaveValue("20");

  // The secret is stored encrypted, not in clear and not as the mask.
  const stored = await storedConnectorConfig(connectorId);
  const storedSecret = stored.request.params[0].value;
  expect(storedSecret).not.toContain("super-secret-key");
  expect(storedSecret).not.toBe("••••••••");
  expect(storedSecret.length).toBeGreaterThan(16);

  // Edit: another URL and sender; the untouched secret is kept.
  await page.getByLabel("API URL").fill("https://sms.acme.example/v3/send");
  await page.getByLabel("Sender 2 name").fill("ACMEOFFERS");
  await page.getByLabel("Sender 2 default").check();
  await expect(page.getByRole("button", { name: "Remove sender 1" })).toBeEnabled();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved “Acme SMS”" })).toBeVisible();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("API URL")).toHaveValue("https://sms.acme.example/v3/send");
  await expect(page.getByLabel("Sender 2 name")).toHaveValue("ACMEOFFERS");
  await expect(page.getByLabel("Sender 2 default")).toBeChecked();
  await expect(list.getByRole("link", { name: /Acme SMS/ })).toContainText("sms.acme.example");
  expect((await storedConnectorConfig(connectorId)).request.params[0].value).toBe(storedSecret);

  // A second connector: same name → error under the name; same host → error under the API URL.
  await list.getByRole("button", { name: "Create custom connector" }).click();
  await expect(name).toHaveValue("New Connector");
  await name.fill("acme sms");
  await page.getByLabel("Sender 1 name").fill("OTHER");
  await page.getByLabel("API URL").fill("https://other.example/send");
  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(name).toHaveAccessibleDescription(/A connector named "acme sms" already exists in this workspace/);
  await expect(page.locator("#connector-name-error")).toBeVisible();

  await name.fill("Acme backup");
  await page.getByLabel("API URL").fill("https://sms.acme.example/other-path");
  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(page.getByLabel("API URL")).toHaveAccessibleDescription(
    /Another connector in this workspace already uses sms\.acme\.example\. Every connector needs its own domain\./,
  );
  await expect(name).not.toHaveAccessibleDescription(/already exists/);
  await expect(page.getByTestId("form-error")).toContainText("Fix the highlighted fields");

  // Leaving the unsaved draft asks first.
  await list.getByRole("link", { name: /Acme SMS/ }).click();
  const discard = page.getByRole("dialog", { name: "Discard unsaved changes?" });
  await expect(discard).toBeVisible();
  await discard.getByRole("button", { name: "Keep editing" }).click();
  await expect(discard).toBeHidden();
  await expect(page).toHaveURL(/\?connector=new$/);
  await list.getByRole("link", { name: /Acme SMS/ }).click();
  await discard.getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(new RegExp(`connector=${connectorId}$`));
  await expect(name).toHaveValue("Acme SMS");

  // Delete after confirming.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Acme SMS”?" });
  await confirm.getByRole("button", { name: "Delete connector" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Deleted “Acme SMS”" })).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/channel\/sms$/);
  await expect(list.getByText("No custom connectors yet.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Connect your first SMS provider" })).toBeVisible();
  expect(await storedConnectorConfig(connectorId)).toBeUndefined();
});

test("client-side validation shows messages under the fields", async ({ page, user }) => {
  await page.goto("/settings/channel/sms?connector=new");
  await page.getByLabel("Connector name").fill("");
  await page.getByLabel("API URL").fill("ftp://example.com");
  await page.getByRole("button", { name: "Add JSON field" }).click();
  await page.getByLabel("JSON field 1 key or path", { exact: true }).fill("bad path!");
  await page.getByRole("button", { name: "Create connector" }).click();
  await expect(page.getByLabel("Connector name")).toHaveAccessibleDescription(/Connector name is required/);
  await expect(page.getByLabel("API URL")).toHaveAccessibleDescription(/Only http and https URLs are allowed/);
  await expect(page.getByLabel("Sender 1 name")).toHaveAccessibleDescription(/Sender name is required/);
  await expect(page.getByLabel("JSON field 1 key or path", { exact: true })).toHaveAccessibleDescription(/Use a field name or a path/);
  await expect(page.getByTestId("form-error")).toBeVisible();
  // Nothing was created.
  await expect(page).toHaveURL(/\?connector=new$/);

  // Unsaved changes: closing or reloading the tab asks the browser to confirm.
  const beforeUnload = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await beforeUnload;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
});
