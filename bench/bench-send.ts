// npm run bench:send — 20,000 messages end to end (enqueue → send → recorded as sent) through a custom
// JSON connector to the fake provider, against a plain undici loop hitting the same provider with the
// same concurrency in the same run. Prints messages/s, peak RSS and the ratio.
//
//   BENCH_MESSAGES=20000 BENCH_CONCURRENCY=50 BENCH_WORKERS=1 npm run bench:send   (REDIS_URL=… for the Redis queue)
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { residentBytes, startProviderProcess, undiciLoop } from "./app";

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** Worker processes, as `npm run worker` runs them; the total concurrency is split between them. 1 = inside this process. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const CHUNK = 2_000;

async function main() {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    if (!process.env.DATABASE_URL) {
      const { startEmbeddedDatabase } = await import("@/lib/database/embedded");
      const dir = await mkdtemp(path.join(tmpdir(), "switchboard-bench-"));
      const database = await startEmbeddedDatabase(dir);
      process.env.DATABASE_URL = database.url;
      cleanups.push(async () => {
        await database.stop();
        await rm(dir, { recursive: true, force: true });
      });
    }
    process.env.SWITCHBOARD_ENCRYPTION_KEY ??= Buffer.alloc(32, 1).toString("base64");
    process.env.SWITCHBOARD_OUTBOUND_ALLOW = "127.0.0.1";
    process.env.SWITCHBOARD_QUEUE_NAME = `bench-${Date.now()}`;
    process.env.LOG_LEVEL = "warn";
    const { applyMigrations } = await import("@/lib/database/migrate");
    await applyMigrations(process.env.DATABASE_URL);

    const provider = await startProviderProcess();
    cleanups.unshift(provider.stop);
    const sendUrl = `${provider.url}/json/send`;
    console.log(`bench:send — ${TOTAL} messages, concurrency ${CONCURRENCY}, ${WORKERS <= 1 ? "workers inside the bench process" : `${WORKERS} worker processes`}, queue backend ${process.env.REDIS_URL ? "redis" : "postgres"}`);

    // Baseline: the same requests straight from an undici loop.
    const baseline = await undiciLoop(sendUrl, TOTAL, CONCURRENCY, body);
    console.log(`baseline  plain undici loop: ${baseline.toFixed(0)} requests/s`);

    const result = await switchboardRun(sendUrl);
    console.log(`switchboard end to end:      ${result.perSecond.toFixed(0)} messages/s (${result.sent} sent, ${result.failed} failed, ${(result.ms / 1000).toFixed(1)} s)`);
    console.log(`  enqueue alone:             ${result.enqueuePerSecond.toFixed(0)} messages/s`);
    console.log(`  database transactions:     ${result.perMessage.toFixed(1)} per message (queue, claim, record, polling)`);
    console.log(`peak RSS (bench + worker processes): ${(result.peakRss / 1024 / 1024).toFixed(0)} MB`);
    console.log(`ratio switchboard / baseline: ${(result.perSecond / baseline).toFixed(2)}`);
    console.log(`target ≥ 1000 messages/s: ${result.perSecond >= 1000 ? "met" : "NOT met"}`);
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    const { closeSendQueue } = await import("@/lib/queue/send-queue");
    await closeSendQueue();
    await disconnectDb();
    for (const cleanup of cleanups) await cleanup();
  }
}

function body(i: number) {
  return JSON.stringify({ to: ["+14155550123"], message: { text: `Benchmark message ${i}` }, reference: `ref-${i}` });
}


async function switchboardRun(url: string) {
  const { createWorkspace } = await import("@/lib/accounts/workspaces");
  const { createConnector } = await import("@/lib/connectors/save-connector");
  const { enqueueMessages } = await import("@/lib/messages/enqueue-message");
  const { startSendWorkers } = await import("@/lib/queue/worker-runtime");
  const { db } = await import("@/lib/db");

  const workspace = await createWorkspace({ slug: `bench-${Date.now()}`, name: "Bench" });
  const actor = { workspaceId: workspace.id, role: "admin" as const };
  const connector = await createConnector(
    actor,
    {
      name: "Bench JSON",
      senders: [{ name: "BENCH", type: "transactional" }],
      request: {
        method: "POST",
        url,
        headers: [{ key: "Authorization", value: "Bearer bench-secret", secret: true }],
        body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "message.text", value: "{{message}}" }, { key: "reference", value: "{{message_id}}" }] },
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
      throughputPerSecond: 10_000,
    },
  );

  const transactions = async () =>
    Number((await db().$queryRaw<Array<{ n: bigint }>>`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`)[0].n);
  const transactionsBefore = await transactions();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const workers =
    WORKERS <= 1 ? { ...startSendWorkers({ concurrency: CONCURRENCY, sweep: false }), rss: () => 0 } : await startWorkerProcesses(WORKERS, Math.ceil(CONCURRENCY / WORKERS));
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss + workers.rss())), 100);
  const started = performance.now();
  for (let offset = 0; offset < TOTAL; offset += CHUNK) {
    const size = Math.min(CHUNK, TOTAL - offset);
    await enqueueMessages(actor, connector.id, Array.from({ length: size }, (_, i) => ({ to: "+14155550123", message: `Benchmark message ${offset + i}` })));
  }
  const enqueueMs = performance.now() - started;
  let done = 0;
  let counts: Record<string, number> = {};
  while (done < TOTAL) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = await db().message.groupBy({ by: ["status"], where: { connectorId: connector.id }, _count: { _all: true } });
    counts = Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
    done = (counts.sent ?? 0) + (counts.failed ?? 0);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  clearInterval(rssSampler);
  const perMessage = ((await transactions()) - transactionsBefore) / TOTAL;
  await workers.close();
  return { perMessage, perSecond: TOTAL / (ms / 1000), enqueuePerSecond: TOTAL / (enqueueMs / 1000), ms, sent: counts.sent ?? 0, failed: counts.failed ?? 0, peakRss };
}

/** Standalone worker processes (scripts/worker.ts, what `npm run worker` runs) sharing this run's database and queue. */
async function startWorkerProcesses(count: number, concurrency: number) {
  const children = await Promise.all(
    Array.from({ length: count }, () => {
      const child = fork("scripts/worker.ts", [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, SWITCHBOARD_WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "inherit", "ipc"],
      });
      return new Promise<typeof child>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("send worker started") && resolve(child));
        child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
      });
    }),
  );
  return {
    rss: () => children.reduce((sum, child) => sum + residentBytes(child.pid!), 0),
    close: async () => {
      await Promise.all(children.map((child) => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM")))));
    },
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
