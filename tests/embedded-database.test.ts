// The embedded server survives restarts and recovers when a crash left it running or left a stale pid file.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/database/embedded";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    const pidFile = path.join(dir, "postgres", "postmaster.pid");
    const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
    if (pid) process.kill(pid, "SIGINT");
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts the embedded server from a separate process and kills that process without letting it clean up. */
async function startInChildAndCrash(dataDir: string): Promise<void> {
  const script = `import { startEmbeddedDatabase } from "./lib/database/embedded.ts";
    await startEmbeddedDatabase(${JSON.stringify(dataDir)}); console.log("ready"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
  });
  child.removeAllListeners("exit");
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe("embedded PostgreSQL", () => {
  it("keeps data across a clean restart", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sb-embedded-"));
    dirs.push(dir);
    const first = await startEmbeddedDatabase(dir);
    expect(first.owned).toBe(true);
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();

    const second = await startEmbeddedDatabase(dir);
    expect(await query(second.url, "select v from kept")).toEqual([{ v: "still here" }]);
    await second.stop();
  });

  it("reuses a server that a crashed process left running on the data directory", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sb-embedded-"));
    dirs.push(dir);
    await startInChildAndCrash(dir);
    const reused = await startEmbeddedDatabase(dir);
    expect(reused.owned).toBe(false);
    expect(await query(reused.url, "select 1 as ok")).toEqual([{ ok: 1 }]);
  });

  it("starts again when the server itself died and left a stale postmaster.pid", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sb-embedded-"));
    dirs.push(dir);
    const first = await startEmbeddedDatabase(dir);
    await query(first.url, "create table kept (v text); insert into kept values ('survived')");
    const pidFile = path.join(dir, "postgres", "postmaster.pid");
    const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          process.kill(pid, 0);
        } catch {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    const again = await startEmbeddedDatabase(dir);
    expect(again.owned).toBe(true);
    expect(await query(again.url, "select v from kept")).toEqual([{ v: "survived" }]);
    await again.stop();
  });
});
