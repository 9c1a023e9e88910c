// Queue and workers against a real PostgreSQL (and Redis when TEST_REDIS_URL is set): messages flow
// from the API to the provider, survive a killed worker, are never sent twice, and respect the
// connector's throughput limit across workers.
import { resetConfig } from "@/lib/env";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { INTERRUPTED_REASON } from "@/lib/messages/lifecycle";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { startSendWorkers, type RunningWorkers } from "@/lib/queue/worker-runtime";
import { setUpSending, statusCounts, waitUntil, type SendingSetup } from "./sending-fixtures";

const running: RunningWorkers[] = [];
const providers: SendingSetup["provider"][] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const workers of running.splice(0)) await workers.close();
  for (const provider of providers.splice(0)) await provider.close();
  for (const child of children.splice(0)) child.kill("SIGKILL");
});
afterAll(() => closeSendQueue());

async function setUp(options?: Parameters<typeof setUpSending>[0]) {
  const setup = await setUpSending(options);
  providers.push(setup.provider);
  return setup;
}

function workers(concurrency = 10) {
  const started = startSendWorkers({ concurrency, sweep: false });
  running.push(started);
  return started;
}

async function enqueueMany(setup: SendingSetup, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550123", message: `message ${i}` })).id);
  }
  return ids;
}

/** The Switchboard ids the provider received, from the `reference` field of each JSON body. */
function receivedReferences(setup: SendingSetup): string[] {
  return setup.provider.received.filter((r) => r.route === "json").map((r) => (JSON.parse(r.rawBody) as { reference: string }).reference);
}

async function settled(connectorId: string, timeoutMs = 30_000) {
  return waitUntil(() => statusCounts(connectorId), (c) => !c.queued && !c.sending, timeoutMs);
}

describe.each(["postgres", "redis"] as const)("queue on %s", (backend) => {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (backend === "redis" && !redisUrl) {
    console.info("[queue.test] The Redis backend suite is NOT run: set TEST_REDIS_URL or REDIS_URL (CI does) to run it.");
  }

  describe.runIf(backend === "postgres" || redisUrl)("", () => {
    const useBackend = async () => {
      await closeSendQueue();
      if (backend === "redis") process.env.REDIS_URL = redisUrl;
      else delete process.env.REDIS_URL;
      resetConfig();
    };

    it("delivers API sends through two workers, each message exactly once", async () => {
      await useBackend();
      const setup = await setUp();
      workers(10);
      workers(10);
      const ids = await enqueueMany(setup, 120);
      const counts = await settled(setup.connectorId);
      expect(counts).toEqual({ sent: 120 });
      const references = receivedReferences(setup);
      expect(references).toHaveLength(120);
      expect(new Set(references)).toEqual(new Set(ids));
    });

    it("holds the connector's throughput limit across two workers (within 10 %)", async () => {
      await useBackend();
      const perSecond = 20;
      const setup = await setUp({ throughputPerSecond: perSecond });
      workers(10);
      workers(10);
      await enqueueMany(setup, 61);
      await settled(setup.connectorId);
      const times = setup.provider.received.map((r) => r.at).sort((a, b) => a - b);
      const rate = (times.length - 1) / ((times.at(-1)! - times[0]) / 1000);
      console.info(`[queue.test] ${backend}: ${times.length} sends at ${rate.toFixed(2)}/s with a limit of ${perSecond}/s`);
      expect(rate).toBeGreaterThan(perSecond * 0.9);
      expect(rate).toBeLessThan(perSecond * 1.1);
      // No one-second window holds more than the limit, plus the one that opens the window and one that left a
      // little after its slot because the machine was busy (it then shares a window with the next, on-time one).
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(perSecond + 2);
    });
  });
});

describe("a worker killed mid-run", () => {
  it("loses nothing and sends nothing twice", async () => {
    await closeSendQueue();
    delete process.env.REDIS_URL;
    resetConfig();
    const setup = await setUp();
    // Replies take 40 ms, so the killed worker has requests in flight.
    await db().connector.update({ where: { id: setup.connectorId }, data: { config: await withUrl(setup.connectorId, `${setup.provider.url}/json/send?delay_ms=40`) } });
    const total = 150;
    await enqueueMany(setup, total);

    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-child.ts"], { env: { ...process.env, CHILD_CONCURRENCY: "5" }, stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    await setup.provider.waitFor(() => setup.provider.received.length >= 30, 20_000);
    child.kill("SIGKILL");
    const killedAt = setup.provider.received.length;

    workers(10);
    const counts = await settled(setup.connectorId, 40_000);
    const references = receivedReferences(setup);
    const interrupted = await db().message.count({ where: { connectorId: setup.connectorId, status: "failed", reason: INTERRUPTED_REASON } });
    console.info(`[queue.test] killed after ${killedAt} sends; ${interrupted} in flight were marked interrupted; final ${JSON.stringify(counts)}`);

    expect(new Set(references).size).toBe(references.length); // nothing sent twice
    expect((counts.sent ?? 0) + interrupted).toBe(total); // nothing lost: every message has an outcome
    expect(interrupted).toBeLessThanOrEqual(5);
    const sentIds = (await db().message.findMany({ where: { connectorId: setup.connectorId, status: "sent" }, select: { id: true } })).map((m) => m.id);
    for (const id of sentIds) expect(references).toContain(id);
  }, 90_000);
});

async function withUrl(connectorId: string, url: string) {
  const { config } = await db().connector.findUniqueOrThrow({ where: { id: connectorId }, select: { config: true } });
  const stored = config as { request: Record<string, unknown> };
  return { ...stored, request: { ...stored.request, url } };
}
