// Vitest global setup: a real PostgreSQL with the migrations applied, fresh for every run.
// TEST_DATABASE_URL points at an external server (a throwaway database is created on it);
// otherwise an embedded server starts in a temporary data directory.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../lib/database/embedded";
import { applyMigrations } from "../lib/database/migrate";

export default async function setup() {
  const cleanups: Array<() => Promise<void>> = [];
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), "switchboard-test-"));
    const database = await startEmbeddedDatabase(dataDir);
    adminUrl = database.url;
    cleanups.push(async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
  }

  const name = `switchboard_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await applyMigrations(databaseUrl);
  cleanups.unshift(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.end();
  });

  // Queue suites choose their backend themselves: Redis ones read TEST_REDIS_URL and run only when it is set.
  if (process.env.REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
  }
  process.env.SWITCHBOARD_QUEUE_NAME = `sms-send-test-${randomBytes(4).toString("hex")}`;
  process.env.SWITCHBOARD_JOB_LOCK_MS = "3000";
  // A killed worker's in-flight sends are closed as interrupted soon after their timeout, not 30 s later.
  process.env.SWITCHBOARD_INTERRUPTED_GRACE_MS = "1000";
  // Workers are forked after this runs, so they inherit these.
  process.env.DATABASE_URL = databaseUrl;
  process.env.SWITCHBOARD_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.SWITCHBOARD_OUTBOUND_ALLOW ??= "127.0.0.1,::1";
  // The installation's public base URL: every DLR URL the tests see is built on it.
  process.env.SWITCHBOARD_PUBLIC_URL ??= "http://switchboard.test";
  process.env.LOG_LEVEL ??= "silent";

  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
