// REST API rate limits, shared by every web process: a token bucket per caller (GCRA: one "next request due"
// time per caller) in PostgreSQL, or in Redis when REDIS_URL is set. Never in process memory, so N web
// processes behind a load balancer still allow one limit, not N.
import { Redis } from "ioredis";
import { db } from "@/lib/db";
import { config } from "@/lib/env";

export interface RateLimitDecision {
  allowed: boolean;
  /** The burst: how many requests may come at once after a quiet moment (the RateLimit-Limit header). */
  limit: number;
  /** Requests still allowed right now. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request is allowed (0 when this one was). */
  retryAfterSeconds: number;
}

/**
 * Takes one request from `subject`'s bucket (`apikey:<id>`, `user:<id>`). Null when limits are off
 * (SWITCHBOARD_API_RATE_LIMIT=0).
 */
export async function takeRequest(subject: string): Promise<RateLimitDecision | null> {
  const { perSecond, burst } = config().apiRateLimit;
  if (perSecond === 0) return null;
  const interval = 1000 / perSecond;
  const { granted, dueInMs } = config().redisUrl ? await takeInRedis(subject, interval, burst) : await takeInPostgres(subject, interval, burst);
  // dueInMs: granted, how far the next-due time now runs ahead of the clock; refused, how long until one is allowed.
  if (!granted) return { allowed: false, limit: burst, remaining: 0, resetSeconds: Math.ceil((burst * interval) / 1000), retryAfterSeconds: Math.max(1, Math.ceil(dueInMs / 1000)) };
  return {
    allowed: true,
    limit: burst,
    remaining: Math.max(0, Math.floor((burst * interval - dueInMs) / interval)),
    resetSeconds: Math.ceil(dueInMs / 1000),
    retryAfterSeconds: 0,
  };
}

/**
 * One statement: the request is granted when moving the caller's due time one interval on keeps it within
 * `burst` intervals of now. The outer select reads the row as it was before, which says how long a refused
 * caller must wait.
 */
async function takeInPostgres(subject: string, interval: number, burst: number) {
  const [row] = await db().$queryRaw<Array<{ granted: number | null; previous: number | null; now: number }>>`
    with clock as (select extract(epoch from clock_timestamp()) * 1000 as now),
    taken as (
      insert into "ApiRateLimit" as r (key, tat) select ${subject}, clock.now + ${interval}::float8 from clock
      on conflict (key) do update set tat = greatest(r.tat, excluded.tat - ${interval}::float8) + ${interval}::float8
       where greatest(r.tat, excluded.tat - ${interval}::float8) <= excluded.tat - ${interval}::float8 + (${burst}::float8 - 1) * ${interval}::float8
      returning r.tat
    )
    select (select tat from taken)::float8 as granted, (select tat from "ApiRateLimit" where key = ${subject})::float8 as previous, now::float8 as now from clock`;
  if (row.granted !== null) return { granted: true, dueInMs: row.granted - row.now };
  return { granted: false, dueInMs: Math.max(row.previous ?? row.now, row.now) + interval - row.now - burst * interval };
}

// KEYS[1] the caller's key; ARGV interval (ms) and burst. Redis's own clock, so every process agrees on now.
const GCRA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
if tat > now + (burst - 1) * interval then return {0, tostring(tat + interval - now - burst * interval)} end
local due = tat + interval
redis.call('SET', KEYS[1], tostring(due), 'PX', math.ceil(due - now) + 1000)
return {1, tostring(due - now)}`;

const globalForLimits = globalThis as typeof globalThis & { switchboardRateLimitRedis?: Redis };

async function takeInRedis(subject: string, interval: number, burst: number) {
  const redis = (globalForLimits.switchboardRateLimitRedis ??= new Redis(config().redisUrl!, { maxRetriesPerRequest: 2 }));
  // SWITCHBOARD_QUEUE_NAME already separates installations that share a Redis.
  const [granted, dueInMs] = (await redis.eval(GCRA_SCRIPT, 1, `${config().queueName}:rate-limit:${subject}`, interval, burst)) as [number, string];
  return { granted: granted === 1, dueInMs: Number(dueInMs) };
}

/** Closes the Redis connection of the limiter (tests, shutdown). */
export async function closeRateLimiter(): Promise<void> {
  await globalForLimits.switchboardRateLimitRedis?.quit().catch(() => {});
  globalForLimits.switchboardRateLimitRedis = undefined;
}
