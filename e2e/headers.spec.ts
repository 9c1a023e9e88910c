// Security headers on every kind of response (page, REST API, delivery-report endpoint), and the app still
// working under its Content-Security-Policy in a real browser: nothing refused, and no other site may frame it.
import type { APIResponse, Response } from "@playwright/test";
import { expect, test } from "./fixtures";

function expectSecurityHeaders(response: APIResponse | Response | null) {
  expect(response, "a response").toBeTruthy();
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
}

test("pages, the REST API and delivery-report endpoints all carry the security headers", async ({ page, request }) => {
  expectSecurityHeaders(await page.goto("/login"));
  expectSecurityHeaders(await request.get("/api/v1/connectors"));
  expectSecurityHeaders(await request.get("/api/health"));
  expectSecurityHeaders(await request.post("/sms/dlr/custom/no-such-connector", { data: { id: "1", status: "DELIVERED" } }));
});

test("the app renders and works under the policy, with nothing refused", async ({ page, user }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto("/settings/channel/sms");
  await expect(page.getByRole("heading", { name: "SMS & Connectors" })).toBeVisible();
  // Client-side navigation needs the page's scripts to run.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("row", { name: new RegExp(user.email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toContainText("You");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("account-email")).toHaveText(user.email);
  expect(refused).toEqual([]);
});

test("another site cannot frame the app", async ({ page, baseURL }) => {
  await page.setContent(`<iframe src="${baseURL}/login" width="600" height="400"></iframe>`);
  const framed = page.frames().find((frame) => frame !== page.mainFrame());
  expect(framed, "the iframe").toBeTruthy();
  // Chromium replaces a refused frame with its own error page; the login form never renders inside.
  await expect.poll(() => framed!.url()).toMatch(/^chrome-error:/);
  await expect(framed!.getByRole("heading", { name: "Log in to Switchboard" })).toHaveCount(0);
});
