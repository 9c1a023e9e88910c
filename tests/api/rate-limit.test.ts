// API rate limits: per API key (and per signed-in user), shared by every web process through PostgreSQL — or
// Redis when REDIS_URL is set — with RateLimit-* headers on every answer and 429 + Retry-After past the limit.
// Delivery-report endpoints are never limited.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/connectors/route";
import { closeRateLimiter, takeRequest } from "@/lib/api/rate-limit";
import { db } from "@/lib/db";
import { resetConfig } from "@/lib/env";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createTestWorkspace, type TestWorkspace } from "../fixtures";
import { json, postCallback, publicIdOf } from "../delivery-fixtures";
import { setUpSending } from "../sending-fixtures";
import { call } from "./client";

const saved = { limit: process.env.SWITCHBOARD_API_RATE_LIMIT, burst: process.env.SWITCHBOARD_API_RATE_BURST, redis: process.env.REDIS_URL };
function limits(perSecond: number, burst: number, redisUrl?: string) {
  process.env.SWITCHBOARD_API_RATE_LIMIT = String(perSecond);
  process.env.SWITCHBOARD_API_RATE_BURST = String(burst);
  if (redisUrl) process.env.REDIS_URL = redisUrl;
  else delete process.env.REDIS_URL;
  resetConfig();
}
function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(async () => {
  restore("SWITCHBOARD_API_RATE_LIMIT", saved.limit);
  restore("SWITCHBOARD_API_RATE_BURST", saved.burst);
  restore("REDIS_URL", saved.redis);
  resetConfig();
  await closeRateLimiter();
});
afterAll(() => closeSendQueue());

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});

describe("rate limits per API key (PostgreSQL)", () => {
  it("allows the burst, then refuses until the bucket refills", async () => {
    limits(1, 3);
    const subject = `apikey:direct-${Date.now()}`;
    const decisions = [await takeRequest(subject), await takeRequest(subject), await takeRequest(subject), await takeRequest(subject)];
    expect(decisions.map((d) => d?.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d?.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]?.retryAfterSeconds).toBe(1);
  });

  it("answers with RateLimit-* headers, and 429 with Retry-After in the JSON error shape past the limit", async () => {
    limits(1, 3);
    const [key] = await db().apiKey.findMany({ where: { workspaceId: ws.id, role: "viewer" }, select: { id: true } });
    const list = () => call(collection.GET, { key: ws.keys.viewer, path: "/api/v1/connectors" });
    const first = await list();
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("3");
    expect(first.headers.get("ratelimit-remaining")).toBe("2");
    expect(first.headers.get("ratelimit-reset")).toBe("1");

    // Spend the bucket for the next ten seconds, as a burst from another process would.
    await db().apiRateLimit.update({ where: { key: `apikey:${key.id}` }, data: { tat: Date.now() + 10_000 } });
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/^Too many requests/) });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(7);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");

    // Another key of the same workspace has its own bucket.
    expect((await call(collection.GET, { key: ws.keys.admin, path: "/api/v1/connectors" })).status).toBe(200);
    // Once the time has come, the key may call again.
    await db().apiRateLimit.update({ where: { key: `apikey:${key.id}` }, data: { tat: Date.now() - 1 } });
    expect((await list()).status).toBe(200);
  });

  it("keeps the state in the database, where every web process reads it", async () => {
    limits(1000, 5);
    const [key] = await db().apiKey.findMany({ where: { workspaceId: ws.id, role: "manager" }, select: { id: true } });
    await call(collection.GET, { key: ws.keys.manager, path: "/api/v1/connectors" });
    const row = await db().apiRateLimit.findUnique({ where: { key: `apikey:${key.id}` } });
    expect(row?.tat).toBeGreaterThan(Date.now() - 60_000);
  });

  it("never limits the delivery-report endpoints", async () => {
    limits(1, 1);
    const setup = await setUpSending();
    try {
      const publicId = await publicIdOf(setup.connectorId);
      for (let i = 0; i < 5; i++) {
        const answer = await postCallback(publicId, json({ msg: { id: `rl-${i}`, state: "DELIVRD" } }));
        expect(answer.status).toBe(200);
      }
    } finally {
      await setup.provider.close();
    }
  });

  it("is off with SWITCHBOARD_API_RATE_LIMIT=0", async () => {
    limits(0, 1);
    expect(await takeRequest("apikey:off")).toBeNull();
    const answer = await call(collection.GET, { key: ws.keys.viewer, path: "/api/v1/connectors" });
    expect(answer.headers.get("ratelimit-limit")).toBeNull();
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.info("[rate-limit.test] The Redis rate-limit suite is NOT run: set TEST_REDIS_URL or REDIS_URL (CI does) to run it.");

describe.runIf(redisUrl)("rate limits in Redis (REDIS_URL set)", () => {
  it("allows the burst, refuses the next with a wait, and keeps nothing in PostgreSQL", async () => {
    limits(2, 3, redisUrl);
    const subject = `apikey:redis-${Date.now()}`;
    const decisions = [await takeRequest(subject), await takeRequest(subject), await takeRequest(subject), await takeRequest(subject)];
    expect(decisions.map((d) => d?.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d?.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await db().apiRateLimit.findUnique({ where: { key: subject } })).toBeNull();
  });
});
