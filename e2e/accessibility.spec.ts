// Every screen, as a screen reader, a keyboard and a phone meet it: axe-core (WCAG 2 A and AA) finds no critical
// or serious violation at desktop and phone width, and at 390×844 the page never scrolls sideways. Then the
// skip link, the phone menu by keyboard, and the static files a browser asks for (robots.txt, manifest, icons).
// A new screen is one row in `screens`.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { database, seedApiKey } from "./support/database";
import { expect, logIn, test, type Role, type SeededWorkspace } from "./fixtures";
import { fakeJsonConnector } from "./support/fake-connector";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1360, height: 900 };

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider({ autoDlr: {} });
});
test.afterEach(async () => {
  await fake.close();
});

/** What a screen may need to exist before it is worth looking at; each helper seeds on first use. */
class Seeds {
  private key?: string;
  private connectorId?: string;
  constructor(
    private readonly request: APIRequestContext,
    private readonly workspace: SeededWorkspace,
  ) {}

  private async auth() {
    this.key ??= await seedApiKey(this.workspace, "admin");
    return { Authorization: `Bearer ${this.key}` };
  }

  /** A custom connector sending to the fake provider, with delivery tracking set up. */
  async connector(): Promise<string> {
    if (this.connectorId) return this.connectorId;
    const response = await this.request.post("/api/v1/connectors", {
      headers: await this.auth(),
      data: fakeJsonConnector(fake.url, {
        request: { params: [{ key: "account", value: "acme" }], headers: [{ key: "X-Api-Key", value: "secret-value", secret: true }] },
      }),
    });
    expect(response.status(), await response.text()).toBe(201);
    this.connectorId = ((await response.json()) as { id: string }).id;
    return this.connectorId;
  }

  /** A message sent through the connector and reported delivered. */
  async message(): Promise<{ connectorId: string; messageId: string }> {
    const connectorId = await this.connector();
    const accepted = await this.request.post("/api/v1/messages", {
      headers: await this.auth(),
      data: { connectorId, to: "+15555550123", message: "Your order #42 has shipped" },
    });
    expect(accepted.status(), await accepted.text()).toBe(202);
    const messageId = ((await accepted.json()) as { id: string }).id;
    await fake.waitFor((r) => r.text === "Your order #42 has shipped", 20_000);
    return { connectorId, messageId };
  }

  /** A delivery report for a message the app never sent, so the unmatched inbox has a row. */
  async unmatchedReport(): Promise<string> {
    const connectorId = await this.connector();
    const { rows } = await database().query(`select "publicId" from "Connector" where id = $1`, [connectorId]);
    const report = await this.request.post(`/sms/dlr/custom/${rows[0].publicId}`, { data: { messageId: "nobody-knows-this-id", status: "delivered" } });
    expect(report.status(), await report.text()).toBeLessThan(300);
    return connectorId;
  }

  /** A running campaign (`draft`: one waiting to start). */
  async campaign(draft = false): Promise<string> {
    const connectorId = await this.connector();
    const response = await this.request.post(`/api/v1/campaigns${draft ? "?draft=true" : ""}`, {
      headers: await this.auth(),
      data: {
        name: draft ? "Spring sale (draft)" : "Spring sale",
        connectorId,
        message: "Hello {{user.name}}, spring sale today",
        recipients: [
          { to: "+46701234561", attributes: { name: "Ann" } },
          { to: "+46701230000", attributes: { name: "Bo" } },
        ],
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }
}

interface Screen {
  name: string;
  /** Seeds what the screen shows and answers its URL. */
  url: (seeds: Seeds) => Promise<string>;
  /** Seen before anyone logs in. */
  loggedOut?: boolean;
  /** Who looks at it; admin unless said. */
  role?: Role;
  /** Waits until the screen shows its content (after its h1 is visible). */
  ready?: (page: Page) => Promise<void>;
}

const sms = "/settings/channel/sms";
const screens: Screen[] = [
  { name: "login", loggedOut: true, url: async () => "/login" },
  { name: "page not found", loggedOut: true, url: async () => "/no-such-page" },
  { name: "dashboard, no messages yet", url: async () => "/dashboard" },
  { name: "dashboard", url: async (s) => (await s.message(), "/dashboard?range=7d"), ready: (p) => expect(p.getByTestId("dashboard-connector-row")).toHaveCount(1) },
  { name: "campaigns list", url: async (s) => (await s.campaign(), "/campaigns"), ready: (p) => expect(p.getByTestId("campaign-row")).toHaveCount(1) },
  { name: "new campaign", url: async (s) => (await s.connector(), "/campaigns/new") },
  { name: "campaign", url: async (s) => `/campaigns/${await s.campaign()}` },
  { name: "draft campaign", url: async (s) => `/campaigns/${await s.campaign(true)}` },
  { name: "connectors, none yet", url: async () => sms },
  { name: "connector settings and delivery tracking", url: async (s) => `${sms}?connector=${await s.connector()}`, ready: (p) => expect(p.getByTestId("connector-title")).toHaveText("Fake SMS") },
  {
    name: "connector with the placeholder list open",
    url: async (s) => `${sms}?connector=${await s.connector()}`,
    ready: async (p) => {
      await p.getByText("Show all").click();
      await expect(p.getByTestId("placeholder-help")).toBeVisible();
    },
  },
  { name: "connector, read-only for a viewer", role: "viewer", url: async (s) => `${sms}?connector=${await s.connector()}`, ready: (p) => expect(p.getByTestId("connector-title")).toHaveText("Fake SMS") },
  { name: "new custom connector", url: async () => `${sms}?connector=new` },
  { name: "native connector, not configured", url: async () => `${sms}?connector=new-twilio` },
  { name: "SMS settings tab", url: async () => `${sms}?tab=settings` },
  { name: "suppression list tab", url: async () => `${sms}?tab=suppressions` },
  { name: "message log", url: async (s) => `${sms}/${(await s.message()).connectorId}/messages`, ready: (p) => expect(p.getByTestId("message-row")).toHaveCount(1) },
  {
    name: "message detail",
    url: async (s) => {
      const { connectorId, messageId } = await s.message();
      return `${sms}/${connectorId}/messages/${messageId}`;
    },
    ready: (p) => expect(p.getByTestId("message-body")).toBeVisible(),
  },
  { name: "message log, filtered", url: async (s) => `${sms}/${(await s.message()).connectorId}/messages?status=failed&test=false`, ready: (p) => expect(p.getByTestId("message-row")).toHaveCount(0) },
  { name: "unmatched inbox", url: async (s) => `${sms}/${await s.unmatchedReport()}/unmatched` },
  { name: "templates gallery", url: async () => `${sms}/templates` },
  { name: "template", url: async () => `${sms}/templates/kannel` },
  { name: "members", url: async () => "/settings/members" },
  { name: "API keys", url: async () => "/settings/api-keys" },
  { name: "account", url: async () => "/settings/account" },
];

/** axe with the WCAG 2 A/AA rules; critical and serious findings, each with the elements it names. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Plus the rule that a control's accessible name contains its visible label (WCAG 2.5.3), which axe ships
  // switched off as experimental.
  const results = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${node.target.join(" ")}  ${node.failureSummary?.replace(/\n/g, " ")}`).join("\n")}`);
}

async function openScreen(page: Page, url: string, ready?: (page: Page) => Promise<void>) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await ready?.(page);
}

test.describe("every screen", () => {
  for (const screen of screens) {
    test(`${screen.name}: no serious axe violations, no sideways scroll on a phone`, async ({ page, workspace, seed }) => {
      if (!screen.loggedOut) {
        const user = await seed.user(screen.role ?? "admin");
        await logIn(page.request, user.email, user.password);
      }
      const url = await screen.url(new Seeds(page.request, workspace));

      await page.setViewportSize(DESKTOP);
      await openScreen(page, url, screen.ready);
      // One main landmark, and the skip link points at it.
      await expect(page.getByRole("main")).toHaveCount(1);
      const target = await page.getByRole("link", { name: "Skip to content" }).getAttribute("href");
      await expect(page.getByRole("main")).toHaveAttribute("id", target!.slice(1));
      const desktop = await seriousViolations(page);
      expect(desktop, `axe at ${DESKTOP.width} px:\n${desktop.join("\n")}`).toEqual([]);

      await page.setViewportSize(PHONE);
      await openScreen(page, url, screen.ready);
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(width.scroll, `page is ${width.scroll} px wide in a ${width.viewport} px window`).toBeLessThanOrEqual(width.viewport);
      const phone = await seriousViolations(page);
      expect(phone, `axe at ${PHONE.width} px:\n${phone.join("\n")}`).toEqual([]);
    });
  }
});

test("the skip link is the first Tab stop and moves focus to the main content", async ({ page, user }) => {
  void user;
  await page.goto("/settings/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab goes into the page, past the top bar.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);

  // The login page puts the cursor in the email field; the skip link is the one stop before it.
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("on a phone the menu opens from the keyboard, reaches every link, and Escape closes it", async ({ page, user }) => {
  void user;
  await page.setViewportSize(PHONE);
  await page.goto("/settings/members");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();

  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Tab"); // the skip link
  await page.keyboard.press("Tab"); // the logo
  await page.keyboard.press("Tab");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();

  const names = ["Dashboard", "Campaigns", "SMS & Connectors", "Members", "API keys", "Account"];
  for (const name of names) {
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name, exact: true })).toBeFocused();
  }
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Log out" })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(nav).toBeHidden();

  // A link followed from the menu closes it on the next page.
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Account" }).press("Enter");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
});

test("on a phone the connector list folds into a button naming the selected connector", async ({ page, user, workspace }) => {
  void user;
  await page.setViewportSize(PHONE);
  const seeds = new Seeds(page.request, workspace);
  const id = await seeds.connector();
  await page.goto(`${sms}?connector=${id}`);
  await expect(page.getByTestId("connector-title")).toHaveText("Fake SMS");

  const list = page.getByRole("navigation", { name: "Connectors" });
  const toggle = page.getByRole("button", { name: /^Connectors/ });
  await expect(list).toBeHidden();
  await expect(toggle).toContainText("Fake SMS");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(list).toBeVisible();
  await list.getByRole("button", { name: "Create custom connector" }).click();
  await expect(page).toHaveURL(/connector=new$/);
  await expect(list).toBeHidden();
  await expect(toggle).toContainText("New connector");
});

test("on a phone a key/value row stacks: key above value, type and secret side by side", async ({ page, user, workspace }) => {
  void user;
  await page.setViewportSize(PHONE);
  const id = await new Seeds(page.request, workspace).connector();
  await page.goto(`${sms}?connector=${id}`);
  await expect(page.getByTestId("connector-title")).toHaveText("Fake SMS");

  const key = (await page.getByLabel("URL parameter 1 key", { exact: true }).boundingBox())!;
  const value = (await page.getByLabel("URL parameter 1 value", { exact: true }).boundingBox())!;
  expect(value.y, "value below its key").toBeGreaterThanOrEqual(key.y + key.height);
  expect(Math.abs(value.width - key.width), "key and value as wide as the row").toBeLessThan(2);

  const type = (await page.getByLabel("JSON field 1 value type").boundingBox())!;
  const secret = (await page.getByLabel("JSON field 1 secret").boundingBox())!;
  const jsonValue = (await page.getByLabel("JSON field 1 value", { exact: true }).boundingBox())!;
  expect(type.y, "type below the value").toBeGreaterThanOrEqual(jsonValue.y + jsonValue.height);
  expect(Math.abs(type.y + type.height / 2 - (secret.y + secret.height / 2)), "secret beside the type").toBeLessThan(4);
  expect(secret.x).toBeGreaterThan(type.x + type.width);
  // The column headings are for wide screens only: on a phone they would sit over the wrong fields.
  await expect(page.getByText("Key or path", { exact: true })).toBeHidden();
});

test("robots.txt keeps search engines out, and the manifest and icons are served", async ({ request, page }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/m);

  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const manifest = await request.get(href!);
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toContain("manifest+json");
  const body = (await manifest.json()) as { name: string; start_url: string; icons: Array<{ src: string; type: string }> };
  expect(body.name).toBe("Switchboard");
  for (const icon of body.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toContain(icon.type);
  }
  for (const path of ["/favicon.ico", "/logo.svg", "/apple-touch-icon.png"]) {
    expect((await request.get(path)).status(), path).toBe(200);
  }
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});
