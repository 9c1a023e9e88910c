// Where the e2e run's app lives: its port, base URL and data directory. Computed once in the Playwright
// runner and handed to workers and the web server through environment variables, so every process agrees.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface E2eEnvironment {
  port: number;
  baseURL: string;
  dataDir: string;
  /** True when this run chose the data directory (a fresh temporary one), so it may delete it afterwards. */
  temporaryDataDir: boolean;
}

/** A port nobody listens on right now. Synchronous because Playwright's config is. */
function freePortSync(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

export function e2eEnvironment(): E2eEnvironment {
  process.env.E2E_PORT ||= String(freePortSync());
  if (!process.env.E2E_DATA_DIR) {
    process.env.E2E_DATA_DIR = path.join(tmpdir(), `switchboard-e2e-${randomBytes(4).toString("hex")}`);
    process.env.E2E_TEMPORARY_DATA_DIR = "1";
  }
  const port = Number(process.env.E2E_PORT);
  return {
    port,
    baseURL: `http://localhost:${port}`,
    dataDir: path.resolve(process.env.E2E_DATA_DIR),
    temporaryDataDir: process.env.E2E_TEMPORARY_DATA_DIR === "1",
  };
}

/** The app's database: E2E_DATABASE_URL, or the embedded server the launcher recorded in the data directory. */
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const file = path.join(e2eEnvironment().dataDir, "postgres.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: the app under test did not start its embedded PostgreSQL`);
  const state = JSON.parse(readFileSync(file, "utf8")) as { port: number; user: string; password: string; database: string };
  return `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${state.database}`;
}
