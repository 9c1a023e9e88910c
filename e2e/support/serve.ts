// Playwright's webServer command: builds the app when the build is missing or older than the sources,
// then starts the real thing (launcher → embedded PostgreSQL → `next start`) on a fresh data directory.
// Removes a temporary data directory once the app has stopped.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { e2eEnvironment } from "./environment";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const log = (line: string) => console.log(`[e2e] ${line}`);
const { port, baseURL, dataDir, temporaryDataDir } = e2eEnvironment();

const SOURCES = ["app", "components", "lib", "server", "tools", "public", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package.json"];

function newestSourceTime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  }
  return newest;
}

function buildIfStale(): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((s) => newestSourceTime(path.join(root, s))));
  if (builtAt > changedAt && process.env.E2E_BUILD !== "always") return;
  log(builtAt ? "Sources changed since the last build: running next build …" : "No build yet: running next build …");
  const result = spawnSync(bin("tsx"), ["scripts/launch.ts", "--no-db", "--", bin("next"), "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error("[e2e] next build failed");
    process.exit(result.status ?? 1);
  }
}

function start(): void {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_OUTBOUND_ALLOW: "127.0.0.1,::1",
    SWITCHBOARD_PUBLIC_URL: baseURL,
    NEXTAUTH_URL: baseURL,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // With REDIS_URL set (CI sets it), the app queues on Redis: a queue of its own, so no other run's jobs reach it.
    SWITCHBOARD_QUEUE_NAME: `sms-send-e2e-${port}-${Date.now()}`,
  };
  // A fresh embedded database unless the run names one: a DATABASE_URL meant for other suites must not leak in.
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

  log(`Starting Switchboard on ${baseURL} with data in ${dataDir}`);
  const app = spawn(bin("tsx"), ["scripts/launch.ts", "--", bin("next"), "start", "-p", String(port)], { cwd: root, stdio: "inherit", env });
  // Playwright stops the web server by signalling the whole process group: the launcher and the app get the
  // signal too and shut down (the launcher stops PostgreSQL). Wait for that, then clean up.
  const ignore = () => {};
  process.on("SIGTERM", ignore);
  process.on("SIGINT", ignore);
  app.on("exit", (code, signal) => {
    if (temporaryDataDir && !process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? (signal ? 0 : 1));
  });
}

buildIfStale();
start();
