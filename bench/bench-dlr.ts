// npm run bench:dlr — delivery reports posted at concurrency 50 to the DLR URL of a connector that has
// as many sent messages, against the real app (`next start` on its embedded database). Prints accepted/s,
// p50/p99 latency, how many reports were applied (must equal the number acknowledged) and the ratio
// against a bare route handler of the same app (/api/health) measured in the same run.
//
//   BENCH_REPORTS=50000 BENCH_CONCURRENCY=50 npm run bench:dlr      (needs `npm run build` first)
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { Agent, request } from "undici";
import { databaseUrlOf, requireBuild, startApp, stopApp } from "./app";

const TOTAL = Number(process.env.BENCH_REPORTS ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BASELINE_REQUESTS = Math.min(TOTAL, Number(process.env.BENCH_BASELINE_REQUESTS ?? 20_000));
const PORT = Number(process.env.BENCH_PORT ?? 3917);

async function main() {
  requireBuild();
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchboard-bench-dlr-"));
  let app: ChildProcess | undefined;
  try {
    app = await startApp(dataDir, PORT);
    const databaseUrl = await databaseUrlOf(dataDir);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { connectorId, publicId } = await seed(db);
    const base = `http://127.0.0.1:${PORT}`;
    console.log(`bench:dlr — ${TOTAL} reports, concurrency ${CONCURRENCY}, ${TOTAL} sent messages`);

    await load(`${base}/api/health`, Math.min(2000, BASELINE_REQUESTS), () => "{}"); // warm-up
    const baseline = await load(`${base}/api/health`, BASELINE_REQUESTS, () => "{}");
    console.log(`baseline  bare route handler: ${baseline.perSecond.toFixed(0)} req/s  p50 ${baseline.p50.toFixed(1)} ms  p99 ${baseline.p99.toFixed(1)} ms`);

    const dlr = await load(`${base}/sms/dlr/custom/${publicId}`, TOTAL, (i) => JSON.stringify({ id: `p-${i}`, status: "DELIVRD" }));
    console.log(`delivery reports:             ${dlr.perSecond.toFixed(0)} accepted/s  p50 ${dlr.p50.toFixed(1)} ms  p99 ${dlr.p99.toFixed(1)} ms  (${dlr.ok} acknowledged, ${dlr.failed} not)`);

    const started = Date.now();
    let applied = 0;
    while (Date.now() - started < 300_000) {
      applied = Number((await db.query(`select count(*) from "Message" where "connectorId" = $1 and status = 'delivered'`, [connectorId])).rows[0].count);
      if (applied >= dlr.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`applied: ${applied} of ${dlr.ok} acknowledged (lost: ${Math.max(0, dlr.ok - applied)}), all applied ${((Date.now() - started) / 1000).toFixed(1)} s after the load ended`);
    console.log(`ratio delivery reports / bare handler: ${(dlr.perSecond / baseline.perSecond).toFixed(2)} (target ≥ 0.8)`);

    // A flood of large unauthenticated callbacks full of ids that match nothing, while /api/health is polled:
    // the longest health answer is how long the app stalled for anyone else.
    const flood = await floodWhilePolling(base, publicId);
    console.log(`flood: 40 callbacks of ${flood.kilobytes} KB (${flood.reports} reports each): health answered in at most ${flood.maxHealthMs.toFixed(0)} ms (quiet: ${baseline.p99.toFixed(1)} ms p99; target < 100 ms)`);
    await db.end();
  } finally {
    if (app) await stopApp(app);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function floodWhilePolling(base: string, publicId: string) {
  const reports: Array<Record<string, string>> = [];
  while (JSON.stringify(reports).length < 47 * 1024) reports.push({ id: `nobody-${reports.length}-xxxxxxxx`, status: "DELIVRD", err: "000" });
  const body = JSON.stringify(reports);
  let flooding = true;
  let maxHealthMs = 0;
  const poller = (async () => {
    while (flooding) {
      const t0 = performance.now();
      const response = await request(`${base}/api/health`);
      await response.body.text();
      maxHealthMs = Math.max(maxHealthMs, performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await Promise.all(Array.from({ length: 40 }, () => request(`${base}/sms/dlr/custom/${publicId}`, { method: "POST", body, headers: { "content-type": "application/json" } }).then((r) => r.body.text())));
  // Keep polling while the applier works through them.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  flooding = false;
  await poller;
  return { kilobytes: Math.round(body.length / 1024), reports: reports.length, maxHealthMs };
}

/** A workspace, a connector with its DLR mapping, and TOTAL sent messages with provider ids p-0 … p-(TOTAL-1). */
async function seed(db: pg.Client) {
  const workspace = (await db.query(`select id from "Workspace" where slug = 'default'`)).rows[0].id as string;
  const publicId = `bench${Date.now()}`;
  const config = {
    request: { method: "POST", url: "https://bench.example/send", params: [], headers: [], body: { type: "none" } },
    response: { sentId: null, accepted: null },
    deliveryTracking: { messageIdField: "id", statusField: "status", successValues: ["DELIVRD"], pendingValues: [], failureReasonField: "", caseInsensitive: false, authentication: { type: "none" } },
  };
  const connectorId = `bench-${Date.now()}`;
  await db.query(
    `insert into "Connector" (id, "workspaceId", "publicId", kind, name, "nameKey", host, config, "updatedAt") values ($1, $2, $3, 'custom', 'Bench', 'bench', 'bench.example', $4, now())`,
    [connectorId, workspace, publicId, JSON.stringify(config)],
  );
  await db.query(
    `insert into "Message" (id, "workspaceId", "connectorId", "to", body, status, "providerMessageId", segments, encoding, "sentAt", "updatedAt")
     select 'bm-' || i, $1, $2, '+14155550123', 'bench', 'sent', 'p-' || i, 1, 'GSM-7', now(), now() from generate_series(0, $3 - 1) as i`,
    [workspace, connectorId, TOTAL],
  );
  return { connectorId, publicId };
}

async function load(url: string, total: number, body: (i: number) => string) {
  const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  const latencies = new Float64Array(total);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        try {
          const response = await request(url, { method: "POST", body: body(i), headers: { "content-type": "application/json" }, dispatcher: agent });
          await response.body.text();
          if (response.statusCode === 200) ok++;
          else failed++;
        } catch {
          failed++;
        }
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: sorted[Math.floor(total * 0.5)], p99: sorted[Math.floor(total * 0.99)], ok, failed };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
