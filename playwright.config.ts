// End-to-end tests: the real app (production build, embedded PostgreSQL on a fresh data directory) in Debian's Chromium.
//   npx playwright test            build if needed, start the app on a free port, run every e2e/*.spec.ts
// E2E_DATABASE_URL: use that PostgreSQL instead of a fresh embedded one · E2E_PORT · E2E_DATA_DIR · E2E_KEEP_DATA=1
// E2E_REUSE_SERVER=1 with E2E_PORT and E2E_DATA_DIR: run against an app already started with `npx tsx e2e/support/serve.ts`
import { defineConfig } from "@playwright/test";
import { e2eEnvironment } from "./e2e/support/environment";

const { baseURL } = e2eEnvironment();

export default defineConfig({
  testDir: "e2e",
  // Only *.spec.ts are browser tests; helpers in e2e/ are not.
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1360, height: 900 },
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "npx tsx e2e/support/serve.ts",
    url: `${baseURL}/login`,
    // First run includes `next build` (about 20 s here) and creating the PostgreSQL cluster.
    timeout: 240_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
