// Campaigns, end to end against a fake provider that reports deliveries back (recipients ending in 0000 are
// undelivered): upload an audience with good and bad rows, read the preview, write the message with the `@` picker,
// send a test, start it and watch it deliver, export the failed numbers; a refused file and a missing phone column;
// a campaign scheduled in another time zone that starts by itself, paused, resumed and cancelled; what viewers see.
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { seedApiKey } from "./support/database";
import { expect, test, type SeededWorkspace } from "./fixtures";
import { fakeJsonConnector } from "./support/fake-connector";

// The browser's own zone, so the schedule's "your time" differs from the campaign's zone.
test.use({ timezoneId: "Europe/Stockholm" });

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider({ autoDlr: {} });
});
test.afterEach(async () => {
  await fake.close();
});

/** A connector sending to the fake with its delivery-report URL, and the mapping that reads the fake's reports. */
async function createConnector(request: APIRequestContext, workspace: SeededWorkspace, options: { name?: string; throughputPerSecond?: number } = {}) {
  const key = await seedApiKey(workspace, "admin");
  const response = await request.post("/api/v1/connectors", {
    headers: { Authorization: `Bearer ${key}` },
    data: fakeJsonConnector(fake.url, { name: options.name, extra: { throughputPerSecond: options.throughputPerSecond ?? 50 } }),
  });
  expect(response.status(), await response.text()).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, key };
}

const afterNextFrame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

async function uploadAudience(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel("Audience CSV").setInputFiles(file);
  await expect(page.getByTestId("chosen-file")).toContainText(file.name);
}

test("upload an audience, write the message with @, send a test, start it and watch it deliver", async ({ page, user, workspace }) => {
  await createConnector(page.request, workspace);

  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "No campaigns yet" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  // A semicolon file with a BOM: a quoted comma, an invalid number, a duplicate, a national number, one that fails delivery.
  const csv = [
    "\uFEFFfirst_name;mobile;city",
    "Anna;+46701234501;Stockholm",
    '"Bo, Jr.";+46 70 123 45 02;"Göteborg"',
    "Cleo;not-a-number;Lund",
    "Dan;+46701234501;Uppsala",
    "Eve;+46700000000;Kiruna",
    "Finn;070-123 45 03;Malmö",
  ].join("\r\n");
  await uploadAudience(page, csvFile("spring-sale.csv", csv));
  // The file's own columns are offered for the phone column; left on automatic, "mobile" is found.
  await expect(page.getByLabel("Phone column").locator("option")).toHaveText(["Automatic: detect it from the column names", "first_name", "mobile", "city"]);
  await expect(page.getByLabel("Campaign name")).toHaveValue("spring sale");
  await page.getByLabel("Campaign name").fill("Spring sale");
  await expect(page.getByLabel("Connector")).toHaveValue(/.+/);
  await page.getByLabel("Sender").selectOption("PROMO");
  await page.getByLabel("Default country").selectOption("SE");
  await page.getByRole("button", { name: "Upload audience and continue" }).click();

  // Step 2: the audience as it was read.
  await expect(page).toHaveURL(/\/campaigns\/(?!new)[\w-]+$/);
  const campaignId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Spring sale", level: 1 })).toBeVisible();
  await expect(page.getByTestId("audience-rows")).toHaveText("6");
  await expect(page.getByTestId("audience-valid")).toHaveText("4");
  await expect(page.getByTestId("audience-invalid")).toHaveText("1");
  await expect(page.getByTestId("audience-duplicates")).toHaveText("1");
  await expect(page.getByTestId("audience-suppressed")).toHaveText("0");
  await expect(page.getByTestId("first-recipients").locator("tbody tr")).toHaveCount(4);
  await expect(page.getByTestId("first-recipients")).toContainText("+46701234503");
  const invalid = page.getByTestId("invalid-row");
  await expect(invalid).toHaveCount(1);
  await expect(invalid.getByRole("cell")).toHaveText(["4", "Invalid mobile number: not-a-number", "Cleo;not-a-number;Lund"]);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download invalid rows (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Spring-sale-invalid-rows.csv");
  expect(await readFile((await download.path())!, "utf8")).toBe("\uFEFFline,reason,row\r\n4,Invalid mobile number: not-a-number,Cleo;not-a-number;Lund\r\n");

  // The message, with the @ picker driven by the keyboard alone.
  const message = page.getByLabel("Message", { exact: true });
  await expect(page.getByLabel("Sender")).toHaveValue("PROMO");
  await message.focus();
  await page.keyboard.type("Hi @first");
  await expect(page.getByRole("listbox", { name: "Placeholders" }).getByRole("option").first()).toContainText("user.first_name");
  await page.keyboard.press("Enter");
  await expect(message).toHaveValue('Hi {{user.first_name | default: ""}}');
  // The picker puts the caret back in the next animation frame; a person types slower than that.
  await afterNextFrame(page);
  await page.keyboard.type(" from @cit");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await expect(message).toHaveValue('Hi {{user.first_name | default: ""}} from {{user.city | default: ""}}');
  await afterNextFrame(page);
  await page.keyboard.type("!");
  await expect(message).toHaveValue('Hi {{user.first_name | default: ""}} from {{user.city | default: ""}}!');

  await expect(page.getByTestId("message-preview")).toHaveText("Hi Anna from Stockholm!");
  await expect(page.getByTestId("message-stats")).toHaveText("23 characters · 1 segment · GSM-7");
  await expect(page.getByTestId("audience-segments")).toHaveText("4 segments for 4 recipients");
  await page.getByLabel("Preview for").selectOption({ label: "+46701234502 · Bo, Jr." });
  await expect(page.getByTestId("message-preview")).toHaveText("Hi Bo, Jr. from Göteborg!");

  // A test of Bo's message to one number first.
  await page.getByLabel("Test number").fill("+46709999999");
  await page.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByTestId("test-result")).toContainText("Test sent to +46709999999");
  const test = await fake.waitFor((request) => request.to === "+46709999999");
  expect(test.text).toBe("Hi Bo, Jr. from Göteborg!");

  // Start now: the dialog says what it means.
  await page.getByRole("button", { name: "Start campaign…" }).click();
  const confirm = page.getByRole("dialog", { name: "Start Spring sale now?" });
  await expect(confirm.getByTestId("start-summary")).toContainText("4 recipients — 4 segments in all — through Fake SMS as PROMO, starting now");
  await confirm.getByRole("button", { name: "Start now" }).click();

  // The page follows it live: the bar fills, deliveries and the failure come in from the fake's reports.
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(page.getByTestId("campaign-status")).toHaveText("Completed", { timeout: 20_000 });
  await expect(page.getByTestId("count-delivered")).toHaveText("3", { timeout: 20_000 });
  await expect(page.getByTestId("count-undelivered")).toHaveText("1");
  await expect(page.getByTestId("metric-delivered")).toHaveText("3", { timeout: 20_000 });
  await expect(page.getByTestId("metric-failed-to-deliver")).toHaveText("1");
  await expect(page.getByTestId("metric-attempted")).toHaveText("4");
  await expect(page.getByTestId("metric-delivery-rate")).toHaveText("75%");
  const reason = page.getByTestId("failure-reason");
  await expect(reason).toHaveCount(1);
  await expect(reason).toContainText("Absent subscriber");
  await expect(reason.getByRole("cell").last()).toHaveText("1");
  await expect(page.getByTestId("campaign-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const sends = fake.received.filter((request) => request.to !== "+46709999999");
  expect(sends.map((request) => request.text).sort()).toEqual(["Hi Anna from Stockholm!", "Hi Bo, Jr. from Göteborg!", "Hi Eve from Kiruna!", "Hi Finn from Malmö!"]);

  // The failed numbers, for list clean-up.
  const failedLink = page.getByRole("link", { name: "Export failed numbers (CSV)" });
  await expect(failedLink).toHaveAttribute("href", `/api/v1/campaigns/${campaignId}/recipients?status=failed,undelivered&format=csv`);
  const exporting = page.waitForEvent("download");
  await failedLink.click();
  const failed = (await readFile((await (await exporting).path())!, "utf8")).replace(/\r\n$/, "").split("\r\n");
  expect(failed[0]).toBe("\uFEFFto,status,reason,provider_message_id,message_id,first_name,city");
  expect(failed).toHaveLength(2);
  expect(failed[1]).toMatch(/^\+46700000000,undelivered,undelivered: Absent subscriber,fake-[^,]+,[^,]+,Eve,Kiruna$/);
  await expect(page.getByRole("link", { name: "Export results (CSV)" })).toHaveAttribute("href", `/api/v1/campaigns/${campaignId}/recipients?format=csv`);

  // The list shows it done.
  await page.getByRole("link", { name: "Campaigns" }).first().click();
  const row = page.getByTestId("campaign-row").filter({ hasText: "Spring sale" });
  await expect(row.getByTestId("campaign-status")).toHaveText("Completed");
  await expect(row.getByTestId("campaign-delivery-rate")).toHaveText("75%");
  await expect(row).toContainText("4 / 4 processed");
});

test("a refused file says why, and a file without a phone column lets the user pick one", async ({ page, user, workspace }) => {
  await createConnector(page.request, workspace);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill("Cleanup");

  // The file input is next in the tab order after the country; the drop zone takes a dropped file.
  await page.getByLabel("Default country").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Audience CSV")).toBeFocused();
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["phone\nabc\n"], "bad.csv", { type: "text/csv" }));
    return transfer;
  });
  await page.getByTestId("audience-drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("chosen-file")).toContainText("bad.csv");
  await page.getByRole("button", { name: "Upload audience and continue" }).click();
  await expect(page.getByText("The file was refused: No valid recipients in 1 row: 1 invalid (line 2: Invalid mobile number: abc)")).toBeVisible();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  await uploadAudience(page, csvFile("contacts.csv", "name,cell_no\nAnna,+46701234501\nBo,+46701234502\n"));
  await page.getByRole("button", { name: "Upload audience and continue" }).click();
  const phoneColumn = page.getByLabel("Phone column");
  await expect(page.getByText("No phone column: choose one, or name it phone, mobile, msisdn or to. The columns are: name, cell_no")).toBeVisible();
  await expect(phoneColumn).toBeFocused();
  await phoneColumn.selectOption("cell_no");
  await page.getByRole("button", { name: "Upload audience and continue" }).click();
  await expect(page).toHaveURL(/\/campaigns\/(?!new)[\w-]+$/);
  await expect(page.getByTestId("audience-valid")).toHaveText("2");

  // A draft can be thrown away.
  await page.getByRole("button", { name: "Delete draft" }).click();
  await page.getByRole("dialog", { name: "Delete Cleanup?" }).getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole("heading", { name: "No campaigns yet" })).toBeVisible();
});

test("a big file shows its upload progress", async ({ page, user, workspace }) => {
  await createConnector(page.request, workspace);
  const rows = Array.from({ length: 40_000 }, (_, i) => `+4670${String(1_000_000 + i)},Person number ${i},Somewhere`);
  const file = csvFile("big.csv", ["phone,name,city", ...rows].join("\n"));
  await page.goto("/campaigns/new");
  await uploadAudience(page, file);
  // Chromium's network throttling: about two seconds of upload for the file's 1.5 MB.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 768 * 1024 });
  await page.getByRole("button", { name: "Upload audience and continue" }).click();
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect.poll(async () => Number(await progress.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(0);
  // Of the whole request: the file and the form fields around it.
  expect(Number(await progress.getAttribute("max"))).toBeGreaterThan(file.buffer.length);
  await expect(page.getByTestId("audience-valid")).toHaveText("40,000", { timeout: 30_000 });
  // Beyond the first thousand recipients, the audience's total is an estimate, and says so.
  await page.getByRole("combobox", { name: "Message" }).fill("Hi {{user.name}}");
  await expect(page.getByTestId("audience-segments")).toHaveText("≈ 40,000 segments for 40,000 recipients");
});

test("schedule a campaign in another time zone, see it start by itself, pause, resume and cancel it", async ({ page, user, workspace }) => {
  test.setTimeout(180_000);
  // 5 messages a second: slow enough to pause and cancel half-way.
  await createConnector(page.request, workspace, { throughputPerSecond: 5 });
  const rows = Array.from({ length: 150 }, (_, i) => `+4670555${String(1000 + i)},Person ${i}`);
  await page.goto("/campaigns/new");
  await uploadAudience(page, csvFile("weekly.csv", ["phone,name", ...rows].join("\n")));
  await page.getByLabel("Campaign name").fill("Weekly news");
  await page.getByRole("button", { name: "Upload audience and continue" }).click();
  await expect(page.getByTestId("audience-valid")).toHaveText("150");
  await page.getByLabel("Message", { exact: true }).fill("News for {{user.name}}");

  // Schedule: the browser's zone first; then the start time on Kolkata's clock, at the first full minute at least 20 s away.
  await page.getByRole("radiogroup", { name: "When" }).getByText("Schedule").click();
  const zone = page.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("Europe/Stockholm");
  await zone.click();
  await zone.fill("kolkata");
  await expect(page.getByRole("option", { name: /Asia\/Kolkata/ }).first()).toBeVisible();
  await zone.press("Enter");
  await expect(zone).toHaveValue("Asia/Kolkata");
  const chosenZone = await zone.inputValue();
  const startAt = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const onKolkataClock = (at: Date, options: Intl.DateTimeFormatOptions) => at.toLocaleString("en-GB", { timeZone: "Asia/Kolkata", ...options });
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(startAt)
      .map((part) => [part.type, part.value]),
  );
  await page.getByLabel("Date and time").fill(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  const stockholmTime = startAt.toLocaleString("en-GB", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" });
  await expect(page.getByTestId("schedule-summary")).toContainText(`${chosenZone} — `);
  await expect(page.getByTestId("schedule-summary")).toContainText(`${stockholmTime} your time (Europe/Stockholm)`);

  await page.getByRole("button", { name: "Schedule campaign…" }).click();
  const confirm = page.getByRole("dialog", { name: "Schedule Weekly news?" });
  await expect(confirm.getByTestId("start-summary")).toContainText("150 recipients");
  await confirm.getByRole("button", { name: "Schedule" }).click();

  // Scheduled: shown in the reader's time, with the campaign's zone and its clock named.
  await expect(page.getByTestId("campaign-status")).toHaveText("Scheduled");
  const scheduled = page.getByTestId("scheduled-at");
  await expect(scheduled).toContainText(stockholmTime);
  await expect(scheduled).toContainText(`${onKolkataClock(startAt, { hour: "2-digit", minute: "2-digit" })} in ${chosenZone}`);
  expect(fake.received).toHaveLength(0);

  // It starts by itself at its time.
  await expect(page.getByTestId("campaign-status")).toHaveText("Running", { timeout: 120_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(startAt.getTime());
  await expect.poll(() => fake.received.length).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Paused");
  await expect(page.getByTestId("toast").filter({ hasText: "Weekly news paused" })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Running");

  // Cancel from the list this time.
  await page.goto("/campaigns");
  const row = page.getByTestId("campaign-row").filter({ hasText: "Weekly news" });
  await expect(row.getByTestId("campaign-status")).toHaveText("Running");
  await row.getByRole("button", { name: "Cancel Weekly news" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel Weekly news?" });
  await expect(cancel).toContainText("Nothing already sent is sent again");
  await cancel.getByRole("button", { name: "Cancel campaign" }).click();
  await expect(row.getByTestId("campaign-status")).toHaveText("Cancelled");
  await expect(row.getByRole("button", { name: "Cancel Weekly news" })).toHaveCount(0);

  await row.getByRole("link", { name: "Weekly news" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Cancelled");
  const cancelled = Number(await page.getByTestId("count-cancelled").textContent());
  expect(cancelled).toBeGreaterThan(0);
  // Every recipient not cancelled was sent exactly once; no cancelled one was sent.
  await expect.poll(() => fake.received.length, { timeout: 10_000 }).toBe(150 - cancelled);
  expect(new Set(fake.received.map((request) => request.to)).size).toBe(150 - cancelled);
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("sees campaigns and drafts read-only, without controls", async ({ page, user, workspace }) => {
    const { id: connectorId, key } = await createConnector(page.request, workspace);
    const auth = { Authorization: `Bearer ${key}` };
    const running = await page.request.post("/api/v1/campaigns", {
      headers: auth,
      data: { name: "Sent one", connectorId, message: "Hello {{user.name}}", recipients: [{ to: "+46701234561", attributes: { name: "Ann" } }] },
    });
    expect(running.status(), await running.text()).toBe(201);
    const draft = await page.request.post("/api/v1/campaigns?draft=true", {
      headers: auth,
      data: { name: "Not yet", connectorId, message: "Hi {{user.name}}", recipients: [{ to: "+46701234562", attributes: { name: "Bo" } }] },
    });
    expect(draft.status(), await draft.text()).toBe(201);

    await page.goto("/campaigns");
    await expect(page.getByTestId("campaign-row")).toHaveCount(2);
    await expect(page.getByRole("link", { name: "New campaign" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Pause|Resume|Cancel) / })).toHaveCount(0);

    await page.getByRole("link", { name: "Sent one" }).click();
    await expect(page.getByTestId("metric-delivered")).toHaveText("1", { timeout: 20_000 });
    await expect(page.getByRole("button", { name: /Pause|Resume|Cancel/ })).toHaveCount(0);

    await page.goto(`/campaigns/${((await draft.json()) as { id: string }).id}`);
    await expect(page.getByTestId("message-preview")).toHaveText("Hi Bo");
    await expect(page.getByRole("button", { name: /Start|Delete draft|Send test|Save draft/ })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "Message" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Message" })).toContainText("Hi {{user.name}}");

    await page.goto("/campaigns/new");
    await expect(page.getByRole("heading", { name: "Your role cannot create campaigns" })).toBeVisible();
  });
});

test("an unsaved draft message is not lost: leaving by a link or reloading asks first", async ({ page, user, workspace }) => {
  const { id: connectorId, key } = await createConnector(page.request, workspace);
  const draft = await page.request.post("/api/v1/campaigns?draft=true", {
    headers: { Authorization: `Bearer ${key}` },
    data: { name: "Half written", connectorId, message: "Hi {{user.name}}", recipients: [{ to: "+46701234562", attributes: { name: "Bo" } }] },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const url = `/campaigns/${((await draft.json()) as { id: string }).id}`;
  await page.goto(url);
  const message = page.getByLabel("Message", { exact: true });
  await expect(message).toHaveValue("Hi {{user.name}}");
  await message.fill("Hi {{user.name}}, half a thought");
  const question = page.getByRole("dialog", { name: "Discard unsaved changes?" });

  // A link in the top bar asks; staying keeps the text.
  await page.getByRole("banner").getByRole("link", { name: "Campaigns", exact: true }).click();
  await expect(question).toContainText("The campaign's message has changes that are not saved");
  await question.getByRole("button", { name: "Keep editing" }).click();
  await expect(question).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(message).toHaveValue("Hi {{user.name}}, half a thought");

  // A reload asks through the browser's own prompt.
  const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
  void page.reload().catch(() => {});
  expect(await asked).toBe("beforeunload");

  // Leaving anyway lands where the link points, and the draft keeps its saved message.
  await page.getByRole("banner").getByRole("link", { name: "Campaigns", exact: true }).click();
  await question.getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await page.goto(url);
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Hi {{user.name}}");
});
