// API keys: created in the UI and shown once, usable against the REST API, refused once revoked.
import { expect, test } from "./fixtures";

test("an admin creates an API key, uses it, and revokes it", async ({ page, user, seed, workspace, request }) => {
  await seed.connector(workspace, { name: "Keyed connector", url: "https://keyed.example/send" });
  await page.goto("/settings/api-keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByLabel("Key name").fill("CRM integration");
  await page.getByLabel("Role").selectOption("manager");
  await page.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "API key “CRM integration” created" });
  await expect(shown).toContainText("It will not be shown again");
  const key = await shown.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^sb_[\w-]{20,}$/);
  await shown.getByRole("button", { name: "I have stored the key" }).click();
  await expect(shown).toBeHidden();

  // Listed by name and prefix only; the key itself is gone from the page, also after a reload.
  const row = page.getByRole("row", { name: /CRM integration/ });
  await expect(row).toContainText("manager");
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await expect(row).toContainText("Active");
  await page.reload();
  await expect(page.getByRole("row", { name: /CRM integration/ })).toBeVisible();
  expect(await page.content()).not.toContain(key);

  const listConnectors = () => request.get("/api/v1/connectors", { headers: { Authorization: `Bearer ${key}` } });
  const ok = await listConnectors();
  expect(ok.status()).toBe(200);
  expect(JSON.stringify(await ok.json())).toContain("Keyed connector");
  // The list shows when the key was last used.
  await page.reload();
  await expect(page.getByRole("row", { name: /CRM integration/ })).not.toContainText("Never");

  await page.getByRole("button", { name: "Revoke CRM integration" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke “CRM integration”?" });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: /CRM integration/ })).toContainText("Revoked");
  await expect(page.getByRole("button", { name: "Revoke CRM integration" })).toHaveCount(0);

  const refused = await listConnectors();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
});

test.describe("as a manager", () => {
  test.use({ role: "manager" });

  test("only admins manage API keys", async ({ page, user }) => {
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "Only admins manage API keys" })).toBeVisible();
    await expect(page.getByLabel("Key name")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" })).toHaveCount(0);
  });
});
