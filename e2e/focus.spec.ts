// Focus never hides: a focused field is never under the sticky save bar; a failed save takes focus to the first
// field to fix in the page's order, with its message in sight; the bar counts the fields to fix and jumps to the
// first; after CREATE focus is in the new connector's name, after Save on the bar's status.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

const SCREEN = "/settings/channel/sms";

function connectorForm(page: Page): Locator {
  return page.getByRole("form", { name: "Connector configuration" });
}

/** Where the focused element is against `bar`: its label, and whether it is in the window and clear of the bar. */
async function focusAgainst(bar: Locator) {
  return bar.evaluate((barElement) => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return { label: "(nothing)", inBar: false, clear: false, inWindow: false };
    const box = active.getBoundingClientRect();
    const barBox = barElement.getBoundingClientRect();
    const overlaps = box.left < barBox.right && box.right > barBox.left && box.top < barBox.bottom && box.bottom > barBox.top;
    return {
      label: active.getAttribute("aria-label") ?? active.id ?? active.tagName,
      inBar: barElement.contains(active),
      clear: !overlaps,
      inWindow: box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

async function expectFocusedClear(page: Page, field: Locator, bar: Locator) {
  await expect(field).toBeFocused();
  const where = await focusAgainst(bar);
  expect(where, `${where.label} is in the window, not under the save bar`).toMatchObject({ clear: true, inWindow: true });
}

test("a failed save focuses the first field to fix in page order, clear of the bar, and the bar counts and jumps", async ({ page, user }) => {
  await page.goto(`${SCREEN}?connector=new`);
  const form = connectorForm(page);
  const bar = form.getByTestId("form-save-bar");
  // Three fields wrong, from the top of the form to its bottom: sender name (empty on a new connector), URL, timeout.
  await form.getByLabel("API URL").fill("ftp://example.com/send");
  await form.getByLabel("Timeout").fill("0");

  // Saved from the bottom of the page: the first field in page order is far above.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await bar.getByRole("button", { name: "Create connector" }).click();
  const sender = form.getByLabel("Sender 1 name");
  await expectFocusedClear(page, sender, bar);
  await expect(sender).toHaveAccessibleDescription(/Sender name is required/);
  await expect(form.locator("#" + ((await sender.getAttribute("aria-describedby")) ?? "").split(" ")[0])).toBeInViewport();
  await expect(bar.getByTestId("form-error-count")).toContainText("3 fields need fixing");

  // Fixing one lowers the count; Go to first takes focus down to the next one, still clear of the bar.
  await sender.fill("ACME");
  await expect(bar.getByTestId("form-error-count")).toContainText("2 fields need fixing");
  await bar.getByRole("button", { name: "Go to first" }).click();
  await expectFocusedClear(page, form.getByLabel("API URL"), bar);
  await form.getByLabel("API URL").fill("https://api.acme.example/send");
  await expect(bar.getByTestId("form-error-count")).toContainText("1 field needs fixing");
  await page.evaluate(() => window.scrollTo(0, 0));
  await bar.getByRole("button", { name: "Go to first" }).click();
  await expectFocusedClear(page, form.getByLabel("Timeout"), bar);
  await expect(form.getByLabel("Timeout")).toHaveAccessibleDescription(/./);
});

test("a server refusal (422) focuses the field it names, with its message in sight", async ({ page, user, seed, workspace }) => {
  await seed.connector(workspace, { name: "First SMS", url: "https://taken.example/send" });
  await page.goto(`${SCREEN}?connector=new`);
  const form = connectorForm(page);
  const bar = form.getByTestId("form-save-bar");
  await form.getByLabel("Connector name").fill("Second SMS");
  await form.getByLabel("Sender 1 name").fill("SECOND");
  await form.getByLabel("API URL").fill("https://taken.example/other");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await bar.getByRole("button", { name: "Create connector" }).click();
  const url = form.getByLabel("API URL");
  await expect(url).toHaveAccessibleDescription(/Another connector in this workspace already uses taken\.example/);
  await expectFocusedClear(page, url, bar);
  await expect(form.locator("#request-url-error")).toBeInViewport();
  await expect(bar.getByTestId("form-error-count")).toContainText("1 field needs fixing");
});

test("tabbing through the form never leaves the focused field under the save bar", async ({ page, user, seed, workspace }) => {
  await page.setViewportSize({ width: 1280, height: 640 });
  const { id } = await seed.connector(workspace, {
    name: "Tabbed SMS",
    url: "https://tabbed.example/send",
    params: [
      { key: "to", value: "{{destination}}" },
      { key: "text", value: "{{message}}" },
      { key: "from", value: "{{sender}}" },
    ],
  });
  await page.goto(`${SCREEN}?connector=${id}`);
  const form = connectorForm(page);
  const bar = form.getByTestId("form-save-bar");
  // A change keeps the bar busy (Revert, Save) the whole way down.
  await form.getByLabel("Connector name").fill("Tabbed SMS 2");
  await form.getByLabel("Connector name").focus();
  let checked = 0;
  for (let step = 0; step < 60; step++) {
    await page.keyboard.press("Tab");
    const where = await focusAgainst(bar);
    if (where.inBar) break;
    expect(where, `step ${step}: ${where.label}`).toMatchObject({ clear: true, inWindow: true });
    checked++;
  }
  expect(checked).toBeGreaterThan(15);
});

test("after CREATE focus is in the new connector's name; after Save it stays on the bar's status", async ({ page, user }) => {
  await page.goto(`${SCREEN}?connector=new`);
  const form = connectorForm(page);
  await form.getByLabel("Connector name").fill("Focus SMS");
  await form.getByLabel("Sender 1 name").fill("FOCUS");
  await form.getByLabel("API URL").fill("https://focus.example/send");
  await form.getByRole("button", { name: "Create connector" }).click();
  await expect(page).toHaveURL(/\?connector=[a-z0-9]{20,}$/);
  await expectFocusedClear(page, form.getByLabel("Connector name"), form.getByTestId("form-save-bar"));
  await expect(form.getByLabel("Connector name")).toHaveValue("Focus SMS");

  await form.getByLabel("Timeout").fill("6000");
  await form.getByRole("button", { name: "Save changes" }).click();
  const status = form.getByTestId("form-save-status");
  await expect(status).toHaveText("All changes saved");
  await expect(status).toBeFocused();
});

test("the delivery mapping form has the same bar: count, focus on the field to fix, clear of the bar", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Mapped SMS", url: "https://mapped.example/send" });
  await page.goto(`${SCREEN}?connector=${id}`);
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  const mapping = tracking.getByRole("form", { name: "Delivery report mapping" });
  const bar = mapping.getByTestId("form-save-bar");
  await tracking.getByRole("radio", { name: "HMAC-SHA256 signature" }).check();
  await tracking.getByRole("radiogroup", { name: "Mapping mode" }).getByText("Manual").click();
  await tracking.getByRole("textbox", { name: "Transaction / msg ID" }).focus();
  await bar.getByRole("button", { name: "Save delivery tracking" }).click();
  const secret = tracking.getByLabel("Shared secret");
  await expect(secret).toHaveAccessibleDescription(/Shared secret is required/);
  await expectFocusedClear(page, secret, bar);
  await expect(bar.getByTestId("form-error-count")).toContainText("1 field needs fixing");

  await secret.fill("s3cret-value");
  await bar.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toBeVisible();
  await expect(bar.getByTestId("form-error-count")).toHaveCount(0);
  await expect(mapping.getByTestId("form-save-status")).toBeFocused();
});

test("after saving a new native connector, focus is on its title, which now says it is configured", async ({ page, user }) => {
  await page.goto(`${SCREEN}?connector=new-twilio`);
  const form = connectorForm(page);
  await form.getByLabel("Account SID").fill("AC0123456789abcdef0123456789abcdef");
  await form.getByLabel("Auth token").fill("twilio-token-123");
  await form.getByLabel("Sender 1 name").fill("+15557654321");
  await form.getByRole("button", { name: "Save Twilio connector" }).click();
  await expect(page).toHaveURL(/\?connector=(?!new)[\w-]+$/);
  await expect(page.getByTestId("connector-title")).toBeFocused();
  await expect(page.getByText("Configured", { exact: true }).first()).toBeVisible();
});
