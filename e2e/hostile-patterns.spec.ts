// A sent-id pattern that freezes a backtracking engine, `(a+)+$`, against a provider that answers 50,000 "a"s
// and a "!": the test send finishes at once and the app keeps answering /api/health the whole time.
import { createFakeProvider, type FakeProvider } from "../tools/fake-provider";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

let fake: FakeProvider;
test.beforeEach(async () => {
  fake = await createFakeProvider({ scripted: [{ path: "/greedy/send", reply: { status: 200, contentType: "text/plain", body: `${"a".repeat(50_000)}!` } }] });
});
test.afterEach(async () => {
  await fake.close();
});

test("a catastrophic sent-id pattern against a long reply neither freezes the app nor the test send", async ({ page, user, request }) => {
  await page.goto("/settings/channel/sms?connector=new");
  await page.getByLabel("Connector name").fill("Greedy pattern");
  await page.getByLabel("Sender 1 name").fill("GREEDY");
  await page.getByLabel("Method").selectOption("GET");
  await page.getByLabel("API URL").fill(`${fake.url}/greedy/send?to={{destination}}&text={{message}}`);
  await page.getByLabel("Take the provider's message id from").selectOption("regex");
  await page.getByLabel("Pattern", { exact: true }).fill("(a+)+$");

  // /api/health, asked again and again from another client while the reply is matched.
  let polling = true;
  let slowestHealthMs = 0;
  let healthAnswers = 0;
  const poller = (async () => {
    while (polling) {
      const started = Date.now();
      const health = await request.get("/api/health", { timeout: 30_000 });
      expect(health.status()).toBe(200);
      slowestHealthMs = Math.max(slowestHealthMs, Date.now() - started);
      healthAnswers += 1;
    }
  })();

  const panel = page.getByRole("form", { name: "Send test SMS" });
  await panel.getByLabel("Mobile number").fill("+15555550100");
  await panel.getByLabel("Message", { exact: true }).fill("Pattern check");
  const clicked = Date.now();
  await panel.getByRole("button", { name: "Send test SMS" }).click();

  // The pattern finds nothing (the reply ends in "!"), so the send is shown as a failure — promptly.
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByTestId("send-outcome")).toHaveAttribute("data-outcome", "failed", { timeout: 5_000 });
  await expect(result).toContainText("carried no message id");
  const tookMs = Date.now() - clicked;
  // A few more health answers after the result, so the poller saw the whole match through.
  const answersAtResult = healthAnswers;
  await expect.poll(() => healthAnswers).toBeGreaterThanOrEqual(answersAtResult + 3);
  polling = false;
  await poller;

  expect(await fake.waitFor((received) => received.path === "/greedy/send")).toBeTruthy();
  expect(tookMs).toBeLessThan(5_000);
  expect(healthAnswers).toBeGreaterThan(3);
  // A backtracking engine held the process for 30 s on 28 characters; health must never wait on the match.
  expect(slowestHealthMs).toBeLessThan(1_000);
});
