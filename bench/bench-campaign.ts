// npm run bench:campaign — campaigns against the real app (`next start`, embedded database, in-process worker):
//
//  1. import: a generated CSV of BENCH_CAMPAIGN_ROWS rows (1,000,000: a phone column and 3 attribute columns, about
//     40 MB) uploaded as multipart, streamed, as a draft — time to the 201, rows/s, and the app's peak RSS;
//  2. send: a campaign of BENCH_CAMPAIGN_SEND recipients (100,000) through the fake provider (its own process,
//     answering at once): messages/s from start until every recipient is sent, against a plain undici loop making
//     the same requests in the same run — on the PostgreSQL queue backend, and on Redis when REDIS_URL is set;
//  3. fairness: while the campaign sends, single API sends on the same connector, from accepted to sent, against
//     the same sends with the connector idle.
//
//   npm run build && npm run bench:campaign
//   BENCH_CAMPAIGN_ROWS=200000 BENCH_CAMPAIGN_SEND=20000 npm run bench:campaign     (a quicker look)
//   BENCH_CAMPAIGN_SEND=0 npm run bench:campaign                                    (the import alone)
import type { ChildProcess } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { request } from "undici";
import { databaseUrlOf, nextServerPid, requireBuild, residentBytes, seedApiKey, startApp, startProviderProcess, stopApp, treeCpuSeconds, undiciLoop } from "./app";

const ROWS = Number(process.env.BENCH_CAMPAIGN_ROWS ?? 1_000_000);
const SEND = Number(process.env.BENCH_CAMPAIGN_SEND ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3919);
const CONCURRENCY = 50;
const FAIRNESS_SENDS = 40;

const CITIES = ["Stockholm", "Mumbai", "São Paulo", "Lagos", "Chicago", "Jakarta", "Berlin", "Osaka"];
const PLANS = ["free", "pro", "team", "enterprise"];

async function main() {
  requireBuild();
  const work = await mkdtemp(path.join(tmpdir(), "switchboard-bench-campaign-"));
  const provider = await startProviderProcess();
  const sendUrl = `${provider.url}/json/send`;
  const lines: string[] = [];
  try {
    const big = path.join(work, "audience-1m.csv");
    const small = path.join(work, "audience-send.csv");
    await writeAudience(big, ROWS);
    if (SEND > 0) await writeAudience(small, SEND);
    const megabytes = (await stat(big)).size / 1024 / 1024;
    console.log(`bench:campaign — import ${ROWS} rows (${megabytes.toFixed(1)} MB), send ${SEND} recipients, fake provider answering at once`);

    const baseline = SEND === 0 ? 0 : await undiciLoop(sendUrl, Math.min(SEND, 50_000), CONCURRENCY, (i) =>
      JSON.stringify({ to: [`+1212200${String(i % 10_000).padStart(4, "0")}`], message: { text: `Hi Person${i}, Stockholm has a new pro offer.` }, reference: `ref-${i}` }),
    );
    if (SEND > 0) console.log(`baseline  plain undici loop: ${baseline.toFixed(0)} requests/s`);

    const backends: Array<"postgres" | "redis"> = process.env.REDIS_URL && SEND > 0 ? ["postgres", "redis"] : ["postgres"];
    for (const backend of backends) {
      const dataDir = path.join(work, `data-${backend}`);
      const env: Record<string, string> = {
        SWITCHBOARD_OUTBOUND_ALLOW: "127.0.0.1",
        SWITCHBOARD_API_RATE_LIMIT: "1000000",
        SWITCHBOARD_API_RATE_BURST: "1000000",
        SWITCHBOARD_WORKER_CONCURRENCY: String(CONCURRENCY),
      };
      if (backend === "redis") Object.assign(env, { REDIS_URL: process.env.REDIS_URL!, SWITCHBOARD_QUEUE_NAME: `bench-campaign-${Date.now()}` });
      const app = await startApp(dataDir, PORT, env);
      try {
        const db = new pg.Client({ connectionString: await databaseUrlOf(dataDir) });
        await db.connect();
        db.on("error", () => {}); // the database stops with the app
        const session = await connect(db, sendUrl);

        if (backend === "postgres") {
          const imported = await importAudience(app, session, big);
          console.log(`import: ${imported.recipients} recipients, ${imported.invalid} invalid rows, ${(ROWS / imported.seconds).toFixed(0)} rows/s; app RSS ${mb(imported.rssBefore)} MB before, peak ${mb(imported.peakRss)} MB`);
          lines.push(`import ${ROWS} rows: ${imported.seconds.toFixed(1)} s, peak RSS ${mb(imported.peakRss)} MB`);
          await db.query(`delete from "Campaign" where id = $1`, [imported.id]);
          await db.query("vacuum analyze");
        }

        if (SEND === 0) {
          await db.end();
          continue;
        }
        const idle = await apiSendLatencies(session, db, null);
        const sent = await sendCampaign(app, session, db, small, async (campaignId) => apiSendLatencies(session, db, campaignId));
        console.log(
          `send ${backend}: ${sent.sent} sent, ${sent.failed} failed in ${sent.seconds.toFixed(1)} s — ${sent.perSecond.toFixed(0)} messages/s, ratio to the undici loop ${(sent.perSecond / baseline).toFixed(2)}; ${sent.cpuMsPerMessage.toFixed(2)} ms of CPU per message (app and its database)`,
        );
        console.log(
          `  API sends on the same connector, accepted → sent: idle p50 ${idle.p50.toFixed(0)} ms p95 ${idle.p95.toFixed(0)} ms; while the campaign sends p50 ${sent.during.p50.toFixed(0)} ms p95 ${sent.during.p95.toFixed(0)} ms (${sent.during.count} sends)`,
        );
        lines.push(`send ${backend}: ${sent.perSecond.toFixed(0)} messages/s end to end`);
        await db.end();
      } finally {
        await stopApp(app);
      }
    }
    console.log("");
    for (const line of lines) console.log(line);
  } finally {
    await provider.stop();
    await rm(work, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** phone,first_name,city,plan — distinct valid US mobile-format numbers. */
async function writeAudience(file: string, rows: number) {
  const out = createWriteStream(file);
  out.write("phone,first_name,city,plan\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const exchange = 200 + Math.floor(i / 10_000);
    chunk += `+1212${exchange}${String(i % 10_000).padStart(4, "0")},Person${i},${CITIES[i % CITIES.length]},${PLANS[i % PLANS.length]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

interface Session {
  base: string;
  headers: Record<string, string>;
  connectorId: string;
}

/** An admin API key and a JSON connector pointing at the fake provider, made through the REST API. */
async function connect(db: pg.Client, sendUrl: string): Promise<Session> {
  const { key } = await seedApiKey(db, "admin");
  const base = `http://127.0.0.1:${PORT}`;
  const headers = { authorization: `Bearer ${key}` };
  const created = await call("POST", `${base}/api/v1/connectors`, headers, {
    name: `Bench ${Date.now()}`,
    senders: [{ name: "BENCH", type: "promotional" }],
    request: {
      method: "POST",
      url: sendUrl,
      headers: [{ key: "Authorization", value: "Bearer bench-secret", secret: true }],
      body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "message.text", value: "{{message}}" }, { key: "reference", value: "{{message_id}}" }] },
    },
    response: { sentId: { from: "json", path: "data.messages[0].id" } },
    throughputPerSecond: 10_000,
  });
  return { base, headers, connectorId: created.id as string };
}

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const response = await request(url, {
    method: method as "POST",
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** The CSV as a multipart upload, streamed from disk: the fields first, then the file. */
function multipart(fields: Record<string, string>, file: string): { body: Readable; contentType: string } {
  const boundary = `----switchboard-bench-${Date.now()}`;
  async function* parts() {
    for (const [name, value] of Object.entries(fields)) {
      yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    }
    yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${path.basename(file)}"\r\ncontent-type: text/csv\r\n\r\n`);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: Readable.from(parts()), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function createCampaign(session: Session, file: string, draft: boolean) {
  const upload = multipart({ name: `Bench ${path.basename(file)}`, connectorId: session.connectorId, message: "Hi {{user.first_name}}, {{user.city}} has a new {{user.plan}} offer." }, file);
  const response = await request(`${session.base}/api/v1/campaigns${draft ? "?draft=true" : ""}`, {
    method: "POST",
    headers: { ...session.headers, "content-type": upload.contentType },
    body: upload.body,
    headersTimeout: 600_000,
    bodyTimeout: 600_000,
  });
  const text = await response.body.text();
  if (response.statusCode !== 201) throw new Error(`creating the campaign answered ${response.statusCode}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { id: string; audience: { valid: number; invalid: number } };
}

async function importAudience(app: ChildProcess, session: Session, file: string) {
  const server = nextServerPid(app.pid!);
  if (!server) throw new Error("could not find the next-server process");
  const rssBefore = residentBytes(server);
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentBytes(server))), 50);
  const started = performance.now();
  const campaign = await createCampaign(session, file, true);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // The kernel's high-water mark catches a peak between two samples; it counts since the server started.
  peakRss = Math.max(peakRss, residentBytes(server, true));
  return { id: campaign.id, recipients: campaign.audience.valid, invalid: campaign.audience.invalid, seconds, rssBefore, peakRss };
}

async function sendCampaign(app: ChildProcess, session: Session, db: pg.Client, file: string, meanwhile: (campaignId: string) => Promise<Latencies>) {
  const campaign = await createCampaign(session, file, true);
  const cpuBefore = treeCpuSeconds(app.pid!);
  const started = performance.now();
  await call("POST", `${session.base}/api/v1/campaigns/${campaign.id}/start`, session.headers, {});
  const during = meanwhile(campaign.id);
  // Done when no recipient is left queued or sending (one index probe: the poll must not load the database).
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const left = await db.query(`select 1 from "Message" where "campaignId" = $1 and status in ('queued', 'sending') limit 1`, [campaign.id]);
    if (!left.rowCount) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = treeCpuSeconds(app.pid!) - cpuBefore;
  const rows = (await db.query(`select status, count(*)::int as n from "Message" where "campaignId" = $1 group by status`, [campaign.id])).rows as Array<{ status: string; n: number }>;
  const counts: Record<string, number> = Object.fromEntries(rows.map((row) => [row.status, row.n]));
  const sent = counts.sent ?? 0;
  return { sent, failed: counts.failed ?? 0, seconds, perSecond: sent / seconds, cpuMsPerMessage: (cpuSeconds * 1000) / Math.max(1, sent), during: await during };
}

interface Latencies {
  p50: number;
  p95: number;
  count: number;
}

/** Single API sends every 100 ms (while `campaignId` still has queued messages, when given); accepted → sent. */
async function apiSendLatencies(session: Session, db: pg.Client, campaignId: string | null): Promise<Latencies> {
  const ids: string[] = [];
  for (let i = 0; i < FAIRNESS_SENDS; i++) {
    if (campaignId) {
      const left = (await db.query(`select 1 from "Message" where "campaignId" = $1 and status = 'queued' limit 1`, [campaignId])).rowCount;
      if (!left) break;
    }
    const message = await call("POST", `${session.base}/api/v1/messages`, session.headers, { connectorId: session.connectorId, to: "+14155550123", message: `Fairness ${i}` });
    ids.push(message.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (;;) {
    const waiting = (await db.query(`select count(*)::int as n from "Message" where id = any($1) and status in ('queued', 'sending')`, [ids])).rows[0].n;
    if (!waiting) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const rows = (await db.query(`select extract(epoch from ("sentAt" - "createdAt")) * 1000 as ms from "Message" where id = any($1) and "sentAt" is not null order by 1`, [ids])).rows;
  const ms = rows.map((row) => Number(row.ms));
  return { p50: ms[Math.floor(ms.length * 0.5)] ?? NaN, p95: ms[Math.floor(ms.length * 0.95)] ?? NaN, count: ms.length };
}


main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
