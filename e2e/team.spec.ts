// Team administration: an admin unlocks a member who locked themselves out, resets a forgotten password (the
// member signs in with the password shown once), confirms or cancels a role change, and creates and renames
// workspaces.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, logIn, test } from "./fixtures";
import { seedWorkspace } from "./support/database";

const MAX_FAILED_LOGINS = 5;

/** Who the session belongs to after trying these credentials, or null when they were refused. */
async function sessionAfterLogIn(request: APIRequestContext, email: string, password: string): Promise<string | null> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  const session = await (await request.get("/api/auth/session")).json();
  return session?.user?.email ?? null;
}

/** Tries the login in a browser of its own, so the test's sessions are untouched. */
async function canLogIn(browser: Browser, email: string, password: string): Promise<boolean> {
  const context = await browser.newContext();
  try {
    return (await sessionAfterLogIn(context.request, email, password)) === email;
  } finally {
    await context.close();
  }
}

/** A member who forgot their password and kept guessing until the account locked. */
async function lockOut(browser: Browser, email: string) {
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect(await canLogIn(browser, email, `forgotten-${i}`)).toBe(false);
}

const exactly = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test("an admin unlocks a member who locked themselves out", async ({ page, user, seed, browser }) => {
  const member = await seed.user("manager");
  await lockOut(browser, member.email);
  expect(await canLogIn(browser, member.email, member.password)).toBe(false);

  await page.goto("/settings/members");
  await expect(page.getByRole("row", { name: exactly(user.email) })).toContainText("You");
  const row = page.getByRole("row", { name: exactly(member.email) });
  await expect(row).toContainText(/Locked until \d\d:\d\d/);
  // Nobody else in the list is locked, so nobody else has an Unlock button.
  await expect(page.getByRole("button", { name: /^Unlock / })).toHaveCount(1);

  await row.getByRole("button", { name: `Unlock ${member.email}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Unlocked ${member.email}: they can log in again` })).toBeVisible();
  await expect(row).not.toContainText("Locked");
  await expect(row.getByRole("button", { name: /^Unlock / })).toHaveCount(0);
  expect(await canLogIn(browser, member.email, member.password)).toBe(true);
});

test("an admin resets a password: the old one stops working, the member is logged out and signs in with the one shown", async ({
  page,
  user,
  seed,
  browser,
  context,
}) => {
  const member = await seed.user("viewer");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // The member is logged in elsewhere when the admin resets their password.
  const elsewhere = await browser.newContext();
  await logIn(elsewhere.request, member.email, member.password);
  const memberPage = await elsewhere.newPage();
  await memberPage.goto("/settings/members");
  await expect(memberPage.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

  await page.goto("/settings/members");
  // Admins change their own password under Account, not here.
  await expect(page.getByRole("button", { name: `Reset password of ${user.email}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Reset password of ${member.email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Reset the password of ${member.email}?` });
  await expect(confirm).toContainText("Their current password stops working");
  // Cancel changes nothing.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect(await canLogIn(browser, member.email, member.password)).toBe(true);

  await page.getByRole("button", { name: `Reset password of ${member.email}` }).click();
  await confirm.getByRole("button", { name: "Reset password" }).click();
  const shown = page.getByRole("dialog", { name: `New password for ${member.email}` });
  await expect(shown).toContainText("it is not shown again");
  // Focused and selected, ready to copy from the keyboard.
  await expect(shown.getByLabel("Temporary password")).toBeFocused();
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
  await page.reload();
  expect(await page.content()).not.toContain(temporaryPassword);

  // Their open session has ended; the old password is refused and the new one lets them in.
  await memberPage.goto("/settings/members");
  await expect(memberPage).toHaveURL(/\/login/);
  await elsewhere.close();
  expect(await canLogIn(browser, member.email, member.password)).toBe(false);
  const fresh = await browser.newContext();
  await logIn(fresh.request, member.email, temporaryPassword);
  const freshPage = await fresh.newPage();
  await freshPage.goto("/settings/account");
  await expect(freshPage.getByTestId("account-email")).toHaveText(member.email);
  await fresh.close();
});

test("a member who also belongs to another workspace can be neither unlocked nor reset from here", async ({ page, user, seed, browser }) => {
  // Adding an account needs only its email: resetting it here would hand over their other workspace.
  const outsider = await seed.user("admin", await seedWorkspace("Their own"));
  await page.goto("/settings/members");
  await page.getByRole("button", { name: "Add member" }).click();
  const form = page.getByRole("dialog", { name: "Add a member" });
  await form.getByLabel("Email").fill(outsider.email);
  await form.getByRole("button", { name: "Add member" }).click();
  await page.getByRole("dialog", { name: `${outsider.email} added as viewer` }).getByRole("button", { name: "Done" }).click();
  await lockOut(browser, outsider.email);

  await page.reload();
  const row = page.getByRole("row", { name: exactly(outsider.email) });
  await expect(row).toBeVisible();
  // Their lock is theirs: this admin does not see it.
  await expect(row).not.toContainText("Locked");
  await expect(row.getByRole("button", { name: /^Unlock / })).toHaveCount(0);

  await row.getByRole("button", { name: `Reset password of ${outsider.email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Reset the password of ${outsider.email}?` });
  await confirm.getByRole("button", { name: "Reset password" }).click();
  await expect(confirm).toContainText("also belongs to a workspace you are not an admin of");
  await expect(confirm.getByLabel("Temporary password")).toHaveCount(0);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
});

test("a role change asks first: Cancel leaves the role, Change role changes it", async ({ page, user, seed }) => {
  const member = await seed.user("viewer");
  await page.goto("/settings/members");
  const role = page.getByLabel(`Role of ${member.email}`);
  await expect(role).toHaveValue("viewer");

  await role.selectOption("manager");
  const confirm = page.getByRole("dialog", { name: `Change the role of E2E viewer (${member.email})?` });
  await expect(confirm).toContainText("From Viewer to Manager.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(role).toHaveValue("viewer");
  await page.reload();
  await expect(role).toHaveValue("viewer");

  await role.selectOption("admin");
  await expect(confirm).toContainText("From Viewer to Admin.");
  await confirm.getByRole("button", { name: "Change role" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `${member.email} is now admin` })).toBeVisible();
  await expect(role).toHaveValue("admin");
  await page.reload();
  await expect(role).toHaveValue("admin");
});

test("an admin renames the workspace and creates another, which appears in the switcher", async ({ page, user, workspace }) => {
  const suffix = randomBytes(3).toString("hex");
  await page.goto("/settings/members");
  const rename = page.getByRole("form", { name: "Rename workspace" });
  const name = rename.getByLabel("Workspace name");
  await expect(name).toHaveValue(workspace.name);

  await name.fill("   ");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(name).toHaveAccessibleDescription(/Enter a workspace name/);
  await name.fill("x".repeat(61));
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(name).toHaveAccessibleDescription(/Workspace name must be at most 60 characters/);

  const renamed = `Support desk ${suffix}`;
  await name.fill(renamed);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Workspace renamed to “${renamed}”` })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(renamed);
  await page.reload();
  await expect(name).toHaveValue(renamed);

  const created = `Second team ${suffix}`;
  await page.getByRole("button", { name: "New workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a workspace" });
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(/Enter a workspace name/);
  await dialog.getByLabel("Name").fill(created);
  await dialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `Created “${created}”` })).toBeVisible();

  // Now the current workspace: its only member is the creator, as admin; the switcher lists both.
  await expect(page.getByText(`Everyone who can log in to ${created}`)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row", { name: exactly(user.email) })).toContainText("You");
  await expect(page.getByLabel(`Role of ${user.email}`)).toHaveValue("admin");
  await expect(page.getByRole("banner")).toContainText(created);
  await expect(page.getByRole("banner")).toContainText(renamed);
});

test.describe("as a manager", () => {
  test.use({ role: "manager" });

  test("sees the team but no unlock, reset, rename or new-workspace controls", async ({ page, user, workspace, seed, browser }) => {
    const member = await seed.user("viewer");
    await lockOut(browser, member.email);
    await page.goto("/settings/members");
    await expect(page.getByRole("row", { name: exactly(member.email) })).toBeVisible();
    await expect(page.getByRole("row", { name: exactly(member.email) })).not.toContainText("Locked");
    await expect(page.getByRole("button", { name: /^(Unlock|Reset password) / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New workspace" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Rename workspace" })).toHaveCount(0);
    await expect(page.getByText(`Name: ${workspace.name}`)).toBeVisible();
  });
});
