// No lost edits: with unsaved connector or delivery-mapping changes, every way off the page asks first —
// the logo, the top navigation, the tabs, the connector list, the Message log link, Back, reload and closing
// the tab — staying keeps what was typed, leaving throws it away, and nothing asks when nothing changed.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ role: "admin" });

const SCREEN = "/settings/channel/sms";

function question(page: Page): Locator {
  return page.getByRole("dialog", { name: "Discard unsaved changes?" });
}

/** Open a seeded connector and type a new name without saving. */
async function editConnector(page: Page, id: string): Promise<Locator> {
  await page.goto(`${SCREEN}?connector=${id}`);
  const name = page.getByLabel("Connector name");
  await expect(name).toHaveValue("Guarded SMS");
  await name.fill("Typed but not saved");
  await expect(page.getByRole("form", { name: "Connector configuration" }).getByText("Unsaved changes", { exact: true })).toBeVisible();
  return name;
}

test("every link off the page asks first, and staying keeps the typed value", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  await seed.connector(workspace, { name: "Other SMS", url: "https://other.example/send" });
  const name = await editConnector(page, id);
  const here = page.url();

  const waysOut: Array<[string, Locator]> = [
    ["logo", page.getByRole("link", { name: /^Switchboard/ }).first()],
    ["top navigation", page.getByRole("link", { name: "Members", exact: true })],
    ["Suppression list tab", page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Suppression list" })],
    ["Settings tab", page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Settings" })],
    ["SMS Connector Config tab", page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "SMS Connector Config" })],
    ["connector list", page.getByRole("navigation", { name: "Connectors" }).getByRole("link", { name: /Other SMS/ })],
    ["Message log", page.getByRole("link", { name: "Message log", exact: true }).and(page.locator(`[href*="${id}"]`))],
  ];
  for (const [wayOut, link] of waysOut) {
    await link.click();
    await expect(question(page), wayOut).toBeVisible();
    await expect(question(page)).toContainText(/connector's configuration has changes/);
    // The safe answer has focus, so Enter or Escape never throws work away.
    await expect(question(page).getByRole("button", { name: "Keep editing" }), wayOut).toBeFocused();
    await question(page).getByRole("button", { name: "Keep editing" }).click();
    await expect(question(page)).toBeHidden();
    expect(page.url(), wayOut).toBe(here);
    await expect(name, wayOut).toHaveValue("Typed but not saved");
  }

  // The keyboard: Enter on a link asks too, Tab stays in the question, Escape means stay.
  await page.getByRole("link", { name: "Members", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(question(page)).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(question(page).getByRole("button", { name: "Discard changes" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(question(page)).toBeHidden();
  expect(page.url()).toBe(here);
  await expect(name).toHaveValue("Typed but not saved");
});

test("leaving through a link discards the edit", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  await editConnector(page, id);
  await page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Suppression list" }).click();
  await question(page).getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(/\?tab=suppressions$/);

  // Back once returns to the connector, as saved.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?connector=${id}$`));
  await expect(page.getByLabel("Connector name")).toHaveValue("Guarded SMS");
});

test("browser Back asks; staying keeps the edit, leaving goes back", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  await page.goto("/settings/members");
  const name = await editConnector(page, id);

  await page.goBack({ waitUntil: "commit" });
  await expect(question(page)).toBeVisible();
  await question(page).getByRole("button", { name: "Keep editing" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?connector=${id}$`));
  await expect(name).toHaveValue("Typed but not saved");

  // Asked again the second time, then leaving lands on the page before.
  await page.goBack({ waitUntil: "commit" });
  await expect(question(page)).toBeVisible();
  await question(page).getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await page.goForward();
  await expect(page.getByLabel("Connector name")).toHaveValue("Guarded SMS");
});

test("reload and closing the tab ask through the browser's own prompt", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  const name = await editConnector(page, id);

  // Reload, answered "stay": the typed value is still there.
  let prompt = page.waitForEvent("dialog");
  await page.evaluate(() => setTimeout(() => window.location.reload()));
  let dialog = await prompt;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.dismiss();
  await expect(name).toHaveValue("Typed but not saved");

  // Reload, answered "leave": the saved name is back.
  prompt = page.waitForEvent("dialog");
  await page.evaluate(() => setTimeout(() => window.location.reload()));
  dialog = await prompt;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
  await expect(page.getByLabel("Connector name")).toHaveValue("Guarded SMS");

  await page.getByLabel("Connector name").fill("Typed again");
  prompt = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  dialog = await prompt;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
});

test("nothing asks when nothing changed, or once the change is saved", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });

  await page.goto(`${SCREEN}?connector=${id}`);
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await page.goBack();
  await expect(page.getByLabel("Connector name")).toHaveValue("Guarded SMS");

  // Typing the saved value back is no change either.
  await page.getByLabel("Connector name").fill("Guarded SMS!");
  await page.getByLabel("Connector name").fill("Guarded SMS");
  await page.reload();
  await expect(page.getByLabel("Connector name")).toHaveValue("Guarded SMS");

  // Saved: links, Back and reload go straight through, and Back needs one press.
  await page.getByLabel("Connector name").fill("Renamed SMS");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\?tab=settings$/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?connector=${id}$`));
  await expect(page.getByLabel("Connector name")).toHaveValue("Renamed SMS");
  await page.reload();
  await expect(page.getByLabel("Connector name")).toHaveValue("Renamed SMS");

  // Discarding with Revert clears the guard too.
  await page.getByLabel("Connector name").fill("Not kept");
  await page.getByRole("button", { name: "Revert changes" }).click();
  await expect(page.getByLabel("Connector name")).toHaveValue("Renamed SMS");
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);

  await expect(question(page)).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("an unsaved delivery mapping is guarded the same way", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, { name: "Guarded SMS", url: "https://guarded.example/send" });
  await page.goto(`${SCREEN}?connector=${id}`);
  const tracking = page.getByRole("region", { name: "Delivery tracking" });
  await tracking.getByRole("radiogroup", { name: "Mapping mode" }).getByText("Manual").click();
  await tracking.getByRole("textbox", { name: "Transaction / msg ID" }).fill("msgid");
  await expect(tracking.getByText("Unsaved mapping changes")).toBeVisible();

  await page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(question(page)).toContainText("delivery report mapping has changes");
  await question(page).getByRole("button", { name: "Keep editing" }).click();
  await expect(tracking.getByRole("textbox", { name: "Transaction / msg ID" })).toHaveValue("msgid");

  await page.goBack({ waitUntil: "commit" });
  await expect(question(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tracking.getByRole("textbox", { name: "Transaction / msg ID" })).toHaveValue("msgid");

  // Saved: the Settings tab opens without a question.
  await tracking.getByRole("button", { name: "Save delivery tracking" }).click();
  await expect(tracking.getByTestId("reapplied")).toBeVisible();
  await page.getByRole("navigation", { name: "SMS settings sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\?tab=settings$/);
});

test("a new native connector's form is guarded", async ({ page, user }) => {
  await page.goto(`${SCREEN}?connector=new-twilio`);
  const form = page.getByRole("form", { name: "Connector configuration" });
  await form.getByLabel("Account SID").fill("AC0123456789abcdef0123456789abcdef");
  await page.getByRole("navigation", { name: "Connectors" }).getByRole("link", { name: /Sinch/ }).click();
  await expect(question(page)).toBeVisible();
  await question(page).getByRole("button", { name: "Keep editing" }).click();
  await expect(form.getByLabel("Account SID")).toHaveValue("AC0123456789abcdef0123456789abcdef");
  await page.getByRole("navigation", { name: "Connectors" }).getByRole("link", { name: /Sinch/ }).click();
  await question(page).getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(/\?connector=new-sinch$/);
});
