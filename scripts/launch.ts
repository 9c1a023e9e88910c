// The one launcher behind `npm run dev`, `npm start`, `npm run worker` and the scripts:
// it makes sure the database is there (embedded unless DATABASE_URL is set), applies migrations,
// seeds a first admin, provides generated secrets, then runs the given command with DATABASE_URL set.
//
//   tsx scripts/launch.ts [--no-db] [--migrate-only] -- <command> [args…]
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const flags = new Set(separator === -1 ? argv : argv.slice(0, separator));
const command = separator === -1 ? [] : argv.slice(separator + 1);
const log = (line: string) => console.log(`[switchboard] ${line}`);

async function main(): Promise<number> {
  const dataDir = path.resolve(process.env.SWITCHBOARD_DATA_DIR ?? "./data");
  await mkdir(dataDir, { recursive: true });
  process.env.SWITCHBOARD_DATA_DIR = dataDir;
  process.env.SWITCHBOARD_ENCRYPTION_KEY ??= await generatedSecret(dataDir, "encryption.key", () => randomBytes(32).toString("base64"));
  process.env.NEXTAUTH_SECRET ??= await generatedSecret(dataDir, "nextauth.secret", () => randomBytes(32).toString("base64url"));
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  // This install never phones home (and the machines it runs on may have no internet at all).
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";

  const { config, resetConfig, withHeapCeiling } = await import("@/lib/env");
  config(); // fail fast, with the variable's name, on a bad value

  let stopDatabase = async () => {};
  if (!flags.has("--no-db")) {
    if (!process.env.DATABASE_URL) {
      const { startEmbeddedDatabase } = await import("@/lib/database/embedded");
      const database = await startEmbeddedDatabase(path.join(dataDir), { log });
      process.env.DATABASE_URL = database.url;
      resetConfig();
      stopDatabase = database.stop;
    }
    const { applyMigrations } = await import("@/lib/database/migrate");
    const { applied } = await applyMigrations(process.env.DATABASE_URL!);
    if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
    const { ensureSeed } = await import("@/lib/accounts/seed");
    const seed = await ensureSeed({ email: config().adminEmail, password: config().adminPassword });
    if (seed.created) {
      const note = path.join(dataDir, "initial-admin.txt");
      await writeFile(note, `email: ${seed.email}\npassword: ${seed.password}\n`, { mode: 0o600 });
      log(`Created workspace "default" and the first admin. Log in with:`);
      log(`    email:    ${seed.email}`);
      log(`    password: ${seed.password}`);
      log(`(also saved in ${note}; change it after logging in)`);
    }
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
  }

  // A heap ceiling for what it starts, unless NODE_OPTIONS already names one (see SWITCHBOARD_MAX_HEAP_MB).
  const nodeOptions = withHeapCeiling(process.env.NODE_OPTIONS, config().maxHeapMb);
  if (nodeOptions !== undefined) process.env.NODE_OPTIONS = nodeOptions;

  if (flags.has("--migrate-only") || command.length === 0) {
    await stopDatabase();
    return 0;
  }
  const code = await run(command);
  await stopDatabase();
  return code;
}

async function generatedSecret(dataDir: string, name: string, make: () => string): Promise<string> {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const value = make();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

function run([bin, ...args]: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: "inherit", env: process.env, shell: false });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`[switchboard] Could not start ${bin}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[switchboard] ${error.message}`);
    process.exit(1);
  },
);
