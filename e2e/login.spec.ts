// The one test that logs in through the screen: the seeded first admin, a wrong password, and logging out.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { e2eEnvironment } from "./support/environment";
import { expect, test } from "./fixtures";

/** The first admin the launcher created (initial-admin.txt), or a fresh admin when the database was not fresh. */
async function firstAdmin(seed: { user: (role: "admin") => Promise<{ email: string; password: string }> }) {
  const file = path.join(e2eEnvironment().dataDir, "initial-admin.txt");
  if (!existsSync(file)) return seed.user("admin");
  const text = readFileSync(file, "utf8");
  return { email: text.match(/^email:\s*(\S+)/m)![1], password: text.match(/^password:\s*(\S+)/m)![1] };
}

test("log in through the login screen, see a wrong password refused, log out", async ({ page, seed }) => {
  const admin = await firstAdmin(seed);

  await page.goto("/settings/channel/sms");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Log in to Switchboard" })).toBeVisible();
  // Where the first admin's password is kept is for whoever runs the server, not for every visitor.
  await expect(page.getByText(/initial-admin/)).toHaveCount(0);

  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(`${admin.password}-wrong`);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password, or the account is locked for a while. Try again later.");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // Signed in, the workspace dashboard is the home page.
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("current-role")).toHaveText("admin");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/settings/channel/sms");
  await expect(page).toHaveURL(/\/login/);
});
