// Members: an admin adds someone (temporary password shown once), changes their role and removes them;
// the last admin cannot step down; anyone changes their own password.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, logIn, test } from "./fixtures";
import { seedWorkspace } from "./support/database";

/** Who the session belongs to after trying these credentials, or null when they were refused. */
async function sessionAfterLogIn(request: APIRequestContext, email: string, password: string): Promise<string | null> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  const session = await (await request.get("/api/auth/session")).json();
  return session?.user?.email ?? null;
}

const exactly = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** A second browser, logged in as someone else. */
async function logInElsewhere(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  await logIn(context.request, email, password);
  return { context, page: await context.newPage() };
}

test("an admin adds a viewer, promotes them to manager, and removes them", async ({ page, user, browser, context }) => {
  const address = `nina-${randomBytes(4).toString("hex")}@e2e.test`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/settings/channel/sms");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: exactly(user.email) })).toContainText("You");

  await page.getByRole("button", { name: "Add member" }).click();
  const form = page.getByRole("dialog", { name: "Add a member" });
  await form.getByLabel("Email").fill("not-an-email");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByLabel("Email")).toHaveAccessibleDescription(/Email must be a valid address/);
  await form.getByLabel("Email").fill(address);
  await form.getByLabel("Name").fill("Nina New");
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByRole("button", { name: "Add member" }).click();

  // The temporary password is shown once, with a copy button and the warning.
  const shown = page.getByRole("dialog", { name: `${address} added as viewer` });
  await expect(shown).toContainText("it is not shown again");
  const temporaryPassword = await shown.getByLabel("Temporary password").inputValue();
  expect(temporaryPassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
  await shown.getByRole("button", { name: "Copy password" }).click();
  await expect(shown.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporaryPassword);
  // Escape does not throw the only copy away; the explicit button does.
  await page.keyboard.press("Escape");
  await expect(shown).toBeVisible();
  await shown.getByRole("button", { name: "I have copied the password" }).click();
  await expect(shown).toBeHidden();

  const roleOfNina = page.getByLabel(`Role of ${address}`);
  await expect(page.getByRole("row", { name: /Nina New/ })).toContainText(address);
  await expect(roleOfNina).toHaveValue("viewer");
  await page.reload();
  await expect(roleOfNina).toHaveValue("viewer");
  expect(await page.content()).not.toContain(temporaryPassword);

  // Nina logs in with the temporary password and sees connectors and members read-only.
  const nina = await logInElsewhere(browser, address, temporaryPassword);
  await nina.page.goto("/settings/channel/sms");
  await expect(nina.page.getByTestId("current-role")).toHaveText("viewer");
  await expect(nina.page.getByRole("note")).toContainText("You have view access");
  const ninaList = nina.page.getByRole("navigation", { name: "Connectors" });
  await expect(ninaList).toBeVisible();
  await expect(ninaList.getByRole("button", { name: "Create custom connector" })).toHaveCount(0);
  await nina.page.goto("/settings/members");
  await expect(nina.page.getByRole("note")).toContainText("Only admins manage members");
  await expect(nina.page.getByRole("row", { name: /Nina New/ })).toContainText("viewer");
  await expect(nina.page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(nina.page.getByRole("combobox")).toHaveCount(0);
  await expect(nina.page.getByRole("button", { name: /^Remove / })).toHaveCount(0);

  // The admin makes her a manager, after confirming: she can create a connector.
  await roleOfNina.selectOption("manager");
  await page.getByRole("dialog", { name: `Change the role of Nina New (${address})?` }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${address} is now manager` })).toBeVisible();
  await expect(roleOfNina).toHaveValue("manager");
  await nina.page.goto("/settings/channel/sms");
  await expect(nina.page.getByTestId("current-role")).toHaveText("manager");
  await ninaList.getByRole("button", { name: "Create custom connector" }).click();
  await nina.page.getByLabel("Connector name").fill("Nina SMS");
  await nina.page.getByLabel("Sender 1 name").fill("NINA");
  await nina.page.getByLabel("API URL").fill("https://nina.example/send");
  await nina.page.getByRole("button", { name: "Create connector" }).click();
  await expect(nina.page.getByTestId("toast").filter({ hasText: "Created “Nina SMS”" })).toBeVisible();
  await expect(ninaList.getByRole("link", { name: /Nina SMS/ })).toBeVisible();

  // Removed, after a confirmation: her session leads to the login page and her account is gone.
  await page.getByRole("button", { name: `Remove ${address}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${address}?` });
  await expect(confirm).toContainText("lose access to this workspace");
  await confirm.getByRole("button", { name: "Remove member" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `Removed ${address}` })).toBeVisible();
  await expect(page.getByRole("row", { name: /Nina New/ })).toHaveCount(0);
  await nina.page.goto("/settings/channel/sms");
  await expect(nina.page).toHaveURL(/\/login/);
  await expect(nina.page.getByRole("heading", { name: "Log in to Switchboard" })).toBeVisible();
  await nina.context.close();
  const fresh = await browser.newContext();
  expect(await sessionAfterLogIn(fresh.request, address, temporaryPassword)).toBeNull();
  await fresh.close();
});

test("the answer to adding someone who already has an account tells nothing about that account", async ({ page, user, seed }) => {
  const elsewhere = await seed.user("manager", await seedWorkspace("Elsewhere"));
  await page.goto("/settings/members");
  await expect(page.getByRole("row", { name: exactly(user.email) })).toContainText("You");
  await page.getByRole("button", { name: "Add member" }).click();
  const form = page.getByRole("dialog", { name: "Add a member" });
  await form.getByLabel("Email").fill(elsewhere.email);
  await form.getByLabel("Name").fill("Someone");
  await form.getByRole("button", { name: "Add member" }).click();

  const shown = page.getByRole("dialog", { name: `${elsewhere.email} added as viewer` });
  await expect(shown).toContainText("Added. If this person already has an account, they log in with their own password.");
  await expect(shown).not.toContainText("E2E manager");
  await expect(shown.getByLabel("Temporary password")).toHaveCount(0);
  await shown.getByRole("button", { name: "Done" }).click();
  // Nor does the list say whether anyone is locked out.
  await expect(page.getByRole("columnheader", { name: "Status" })).toHaveCount(0);
});

test("the last admin can neither demote nor remove themselves", async ({ page, user }) => {
  await page.goto("/settings/members");
  const myRole = page.getByLabel(`Role of ${user.email}`);
  await myRole.selectOption("viewer");
  const change = page.getByRole("dialog", { name: `Change the role of E2E admin (${user.email})?` });
  await expect(change).toContainText("You lose admin rights here at once.");
  await change.getByRole("button", { name: "Change role" }).click();
  await expect(change).toContainText(`${user.email} is the last admin of this workspace. Make another member admin first.`);
  await change.getByRole("button", { name: "Cancel" }).click();
  await expect(change).toBeHidden();
  await expect(myRole).toHaveValue("admin");
  await expect(myRole).toBeEnabled();

  await page.getByRole("button", { name: `Remove ${user.email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${user.email}?` });
  await confirm.getByRole("button", { name: "Remove member" }).click();
  await expect(confirm).toContainText("is the last admin of this workspace");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();

  await page.reload();
  await expect(myRole).toHaveValue("admin");
  await expect(page.getByTestId("current-role")).toHaveText("admin");
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("changes their own password and logs in with the new one", async ({ page, user, browser }) => {
    const newPassword = "fresh-password-4242";
    await page.goto("/settings/channel/sms");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
    await expect(page.getByTestId("account-email")).toHaveText(user.email);
    const form = page.getByRole("form", { name: "Change password" });

    // Checked in the browser: length and confirmation.
    await form.getByLabel("Current password").fill(user.password);
    await form.getByLabel("New password", { exact: true }).fill("too-short");
    await form.getByLabel("Confirm new password").fill("something-else");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(/at least 10 characters/);
    await expect(form.getByLabel("Confirm new password")).toHaveAccessibleDescription("Confirmation does not match the new password");

    // Checked on the server: the current password.
    await form.getByLabel("Current password").fill("not-my-password");
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("Confirm new password").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByLabel("Current password")).toHaveAccessibleDescription("Current password is not correct");

    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Password changed" })).toBeVisible();
    await expect(form.getByLabel("Current password")).toHaveValue("");

    const other = await browser.newContext();
    expect(await sessionAfterLogIn(other.request, user.email, user.password)).toBeNull();
    await logIn(other.request, user.email, newPassword);
    await other.close();
  });
});
