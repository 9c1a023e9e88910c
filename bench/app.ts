import { appendFileSync } from "node:fs";
// What the end-to-end benchmarks share: the production app (`next start` through the launcher, on its own embedded
// database in a fresh data directory), the fake provider in its own process, an API key, and resident memory.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { Agent, request } from "undici";

export function requireBuild() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first: the benchmark measures the production server.");
}

/** Starts the app on `port`; the embedded database lives in `dataDir`, whatever this shell's DATABASE_URL says. */
export function startApp(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const { DATABASE_URL: _external, REDIS_URL: _redis, ...inherited } = process.env;
  // BENCH_PROFILE_DIR=/tmp/x writes a CPU profile of the server there when it stops (open it in Chrome's DevTools).
  // BENCH_TRACE_GC=1 prints the server's garbage collections; BENCH_APP_LOG=/tmp/app.log keeps its output.
  const profile = process.env.BENCH_PROFILE_DIR;
  const nodeFlags = [...(process.env.BENCH_TRACE_GC ? ["--trace-gc"] : []), ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])];
  const next = nodeFlags.length ? [process.execPath, ...nodeFlags, "node_modules/next/dist/bin/next"] : ["npx", "next"];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "--", ...next, "start", "-p", String(port)], {
    env: { ...inherited, SWITCHBOARD_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", SWITCHBOARD_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (process.env.BENCH_APP_LOG) appendFileSync(process.env.BENCH_APP_LOG, chunk);
      if (/Ready in|started server|Local:/i.test(chunk.toString())) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`the app exited with ${code}`)));
  });
}

/** Stops the app and everything it started (its process group). */
export async function stopApp(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
}

export async function databaseUrlOf(dataDir: string) {
  const state = JSON.parse(await readFile(path.join(dataDir, "postgres.json"), "utf8"));
  return `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${state.database}`;
}

/** A new API key of the default workspace, stored as the app stores keys (its SHA-256). */
export async function seedApiKey(db: pg.Client, role: "admin" | "manager" = "manager") {
  const workspace = (await db.query(`select id from "Workspace" where slug = 'default'`)).rows[0].id as string;
  const key = `sb_${randomBytes(24).toString("base64url")}`;
  await db.query(`insert into "ApiKey" (id, "workspaceId", name, role, prefix, "keyHash") values ($1, $2, 'bench', $3, $4, $5)`, [
    `bench-key-${Date.now()}-${randomBytes(4).toString("hex")}`,
    workspace,
    role,
    key.slice(0, 10),
    createHash("sha256").update(key).digest("hex"),
  ]);
  return { key, workspace };
}

/** The fake provider in its own process, as a real provider would be: it must not share our event loop. */
export function startProviderProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = fork("tools/fake-provider/cli.ts", ["--port", "0", "--no-record", "--quiet"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
    child.stdout!.on("data", (chunk: Buffer) => {
      if (process.env.BENCH_APP_LOG) appendFileSync(process.env.BENCH_APP_LOG, chunk);
      const match = chunk.toString().match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) resolve({ url: match[0], stop: () => new Promise((done) => (child.once("exit", () => done()), child.kill("SIGTERM"))) });
    });
    child.once("exit", (code) => reject(new Error(`fake provider exited with ${code}`)));
  });
}

/** Resident memory of one process, in bytes (0 once it is gone). `peak` reads the kernel's high-water mark. */
export function residentBytes(pid: number, peak = false): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(peak ? /VmHWM:\s+(\d+) kB/ : /VmRSS:\s+(\d+) kB/);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system, seconds) used so far by `rootPid` and every process below it — the launcher, the Next.js
 * server and the embedded database with its backends. Unlike wall time, it hardly moves when the machine is busy.
 */
export function treeCpuSeconds(rootPid: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), Number(entry)]);
      // utime and stime, in clock ticks (100 per second on Linux).
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    total += cpu.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The Next.js server process among the app's descendants (the launcher starts it through npx). */
export function nextServerPid(rootPid: number): number | null {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const child of children.get(pid) ?? []) {
      try {
        if (readFileSync(`/proc/${child}/comm`, "utf8").startsWith("next-server")) return child;
      } catch {
        // gone meanwhile
      }
      queue.push(child);
    }
  }
  return null;
}

/** The baseline: the same requests straight from an undici loop at `concurrency`, in requests per second. */
export async function undiciLoop(url: string, total: number, concurrency: number, body: (i: number) => string): Promise<number> {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const response = await request(url, { method: "POST", body: body(i), headers: { "content-type": "application/json", authorization: "Bearer bench-secret" }, dispatcher: agent });
        await response.body.text();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return total / seconds;
}
