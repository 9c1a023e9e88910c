// npm run bench:api — how fast the REST API accepts messages, against the real app (`next start` on its
// embedded database): single `POST /api/v1/messages` one at a time and at concurrency 50, then
// `POST /api/v1/messages/batch` with 1,000 messages per request. Every figure sits beside a bare route
// handler of the same app (/api/health) measured in the same run, with the ratio.
//
//   npm run build && npm run bench:api
//   knobs: BENCH_SINGLE (2000 sends per run), BENCH_BATCHES (40 batches of 1000), BENCH_BATCH_CONCURRENCY (2)
//
// The app runs without in-process send workers (SWITCHBOARD_WORKERS=0): this measures acceptance (validate,
// record, queue), not the provider calls that bench:send measures. The rate limit is raised so that it is
// checked on every request (its cost is in the figures) without refusing the load.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { Agent, request } from "undici";
import { databaseUrlOf, requireBuild, seedApiKey, startApp, stopApp } from "./app";

const SINGLE = Number(process.env.BENCH_SINGLE ?? 2000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const BATCH_SIZE = 1000;
const BATCH_CONCURRENCY = Number(process.env.BENCH_BATCH_CONCURRENCY ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3918);

interface Run {
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  ok: number;
  failed: number;
  statuses: Record<number, number>;
}

async function main() {
  requireBuild();
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchboard-bench-api-"));
  let app: ChildProcess | undefined;
  try {
    app = await startApp(dataDir, PORT, { SWITCHBOARD_WORKERS: "0", SWITCHBOARD_API_RATE_LIMIT: "1000000", SWITCHBOARD_API_RATE_BURST: "1000000" });
    const db = new pg.Client({ connectionString: await databaseUrlOf(dataDir) });
    await db.connect();
    const { key, connectorId } = await seed(db);
    const base = `http://127.0.0.1:${PORT}`;
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const send = (i: number) => JSON.stringify({ connectorId, to: `+1415555${String(i % 10_000).padStart(4, "0")}`, message: `Bench message ${i}` });
    console.log(`bench:api — ${SINGLE} single sends per run, ${BATCHES} batches of ${BATCH_SIZE}, queue backend postgres, no in-process workers`);

    // Warm-up: JIT, connection pools, the route bundles.
    await load(`${base}/api/health`, 500, 10, () => "{}", {}, 200);
    await load(`${base}/api/v1/messages`, 500, 10, send, auth, 202);

    const rows: Array<[string, Run, Run]> = [];
    for (const concurrency of [1, 50]) {
      const health = await load(`${base}/api/health`, SINGLE, concurrency, () => "{}", {}, 200);
      const single = await load(`${base}/api/v1/messages`, SINGLE, concurrency, send, auth, 202);
      rows.push([`concurrency ${concurrency}`, health, single]);
      print(`bare route handler, c=${concurrency}`, health);
      print(`POST /api/v1/messages, c=${concurrency}`, single);
      console.log(`  ratio p50 single send / bare handler: ${(single.p50 / health.p50).toFixed(2)} (target ≤ 2)`);
    }

    const batchBody = (b: number) =>
      JSON.stringify({ messages: Array.from({ length: BATCH_SIZE }, (_, i) => ({ connectorId, to: `+1415556${String(i).padStart(4, "0")}`, message: `Batch ${b} message ${i}` })) });
    await load(`${base}/api/v1/messages/batch`, 2, 1, batchBody, auth, 202); // warm-up
    const batch = await load(`${base}/api/v1/messages/batch`, BATCHES, BATCH_CONCURRENCY, batchBody, auth, 202);
    const accepted = batch.perSecond * BATCH_SIZE;
    print(`POST /api/v1/messages/batch (${BATCH_SIZE} each), c=${BATCH_CONCURRENCY}`, batch);
    console.log(`  messages accepted/s: ${accepted.toFixed(0)} (target ≥ 10000)`);

    const queued = Number((await db.query(`select count(*) from "Message" where "connectorId" = $1 and status = 'queued'`, [connectorId])).rows[0].count);
    const expected = 500 + 2 * SINGLE + (BATCHES + 2) * BATCH_SIZE;
    console.log(`messages recorded as queued: ${queued} of ${expected} sent`);
    await db.end();
  } finally {
    if (app) await stopApp(app);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function print(label: string, run: Run) {
  const bad = run.failed ? `  (${run.failed} failed: ${JSON.stringify(run.statuses)})` : "";
  console.log(`${label.padEnd(44)} ${run.perSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50.toFixed(1)} ms  p90 ${run.p90.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms${bad}`);
}

/** An API key of the default workspace and a custom connector with one sender (never called: no workers run). */
async function seed(db: pg.Client) {
  const { key, workspace } = await seedApiKey(db);
  const config = {
    request: { method: "POST", url: "https://bench.example/send", params: [], headers: [], body: { type: "json", fields: [{ key: "to", value: "{{destination}}", secret: false, valueType: "string" }] } },
    response: { sentId: null, accepted: null },
  };
  const connectorId = `bench-${Date.now()}`;
  await db.query(
    `insert into "Connector" (id, "workspaceId", "publicId", kind, name, "nameKey", host, config, "updatedAt") values ($1, $2, $3, 'custom', 'Bench', 'bench', 'bench.example', $4, now())`,
    [connectorId, workspace, `bench${Date.now()}`, JSON.stringify(config)],
  );
  await db.query(`insert into "Sender" (id, "connectorId", name, type, "isDefault", position) values ($1, $2, 'BENCH', 'transactional', true, 0)`, [`bench-sender-${Date.now()}`, connectorId]);
  return { key, connectorId };
}

async function load(url: string, total: number, concurrency: number, body: (i: number) => string, headers: Record<string, string>, expected: number): Promise<Run> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const latencies = new Float64Array(total);
  const statuses: Record<number, number> = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const payload = body(i);
        const t0 = performance.now();
        try {
          const response = await request(url, { method: "POST", body: payload, headers, dispatcher: agent });
          await response.body.text();
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          if (response.statusCode === expected) ok++;
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
  const at = (q: number) => sorted[Math.min(total - 1, Math.floor(total * q))];
  return { perSecond: total / seconds, p50: at(0.5), p90: at(0.9), p99: at(0.99), ok, failed, statuses };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
