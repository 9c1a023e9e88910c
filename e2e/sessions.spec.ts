// Sessions end: changing the password ends every other browser's session (this one goes on), and signing out
// ends the session for good, so a copy of its cookie replayed later is refused by pages and the REST API.
import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { expect, logIn, test } from "./fixtures";

/** A REST call made with the browser's session cookie (no API key). */
async function restStatus(request: APIRequestContext): Promise<{ status: number; body: unknown }> {
  const response = await request.get("/api/v1/connectors");
  return { status: response.status(), body: await response.json() };
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "the session cookie").toBeTruthy();
  return cookie!;
}

test("changing the password ends the session in another browser, and this one goes on", async ({ page, user, browser }) => {
  const other = await browser.newContext();
  await logIn(other.request, user.email, user.password);
  const otherPage = await other.newPage();
  await otherPage.goto("/settings/channel/sms");
  await expect(otherPage.getByTestId("current-role")).toHaveText(user.role);

  await page.goto("/settings/account");
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password", { exact: true }).fill("fresh-password-4242");
  await form.getByLabel("Confirm new password").fill("fresh-password-4242");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Password changed" })).toBeVisible();

  // This browser: still signed in, on pages and on the REST API.
  await page.goto("/settings/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  expect((await restStatus(page.request)).status).toBe(200);

  // The other browser: its next page is the login page, its REST calls a 401.
  await otherPage.goto("/settings/channel/sms");
  await expect(otherPage).toHaveURL(/\/login/);
  await expect(otherPage.getByRole("heading", { name: "Log in to Switchboard" })).toBeVisible();
  expect(await restStatus(other.request)).toEqual({ status: 401, body: { error: expect.objectContaining({ code: "unauthorized" }) } });
  await other.close();
});

test("signing out ends the session: its cookie replayed in another browser lands on the login page", async ({ page, user, browser }) => {
  await page.goto("/settings/channel/sms");
  await expect(page.getByTestId("current-role")).toHaveText(user.role);
  const stolen = await sessionCookie(page.context());

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext();
  await replay.addCookies([stolen]);
  const replayPage = await replay.newPage();
  await replayPage.goto("/settings/channel/sms");
  await expect(replayPage).toHaveURL(/\/login/);
  await expect(replayPage.getByRole("heading", { name: "Log in to Switchboard" })).toBeVisible();
  expect(await restStatus(replay.request)).toEqual({ status: 401, body: { error: expect.objectContaining({ code: "unauthorized" }) } });
  await replay.close();

  // Logging in again works as before.
  await logIn(page.request, user.email, user.password);
  await page.goto("/settings/channel/sms");
  await expect(page.getByTestId("current-role")).toHaveText(user.role);
});
