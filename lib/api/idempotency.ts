// Idempotency-Key: a client that retries a create (a timeout, a dropped connection) gets the first answer back
// instead of a second message. Keys are kept per workspace for 24 hours in PostgreSQL, so every web process
// sees them; a unique index on (workspace, key) decides which of two concurrent requests does the work.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_WINDOW_HOURS = 24;
/** A first request still unanswered after this long died with its process: a retry may take the key over. */
const ABANDONED_AFTER_SECONDS = 120;
/** How long a concurrent duplicate waits for the first request's answer before it is told to retry. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 20;
const CLEAN_EVERY_MS = 10 * 60_000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentAnswer extends StoredAnswer {
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

/** A header value that can be a key: 1–255 visible ASCII characters (a UUID is the usual choice). */
export function checkIdempotencyKey(value: string): string {
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new ValidationError([{ field: IDEMPOTENCY_HEADER, message: "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID" }]);
  }
  return value;
}

/** What makes two requests "the same": method, path and body, with object keys in a fixed order. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Runs `run` once per (workspace, key) within 24 hours and stores its answer. The same key again with the same
 * fingerprint gets that answer (`replayed`); with another fingerprint, a 422 naming the header. A duplicate that
 * arrives while the first is still running waits for its answer. When `run` throws, nothing is kept: the
 * request can be retried with the same key. Without a key, `run` simply runs.
 */
export async function withIdempotency(
  scope: { workspaceId: string },
  key: string | null,
  fingerprint: string,
  run: () => Promise<StoredAnswer>,
): Promise<IdempotentAnswer> {
  if (key === null) return { ...(await run()), replayed: false };
  checkIdempotencyKey(key);
  cleanExpiredSoon();
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claimed = await claim(scope.workspaceId, key, fingerprint);
    if (claimed !== null) return { ...(await runAndStore(claimed, run)), replayed: false };

    const existing = await db().idempotencyKey.findUnique({
      where: { workspaceId_key: { workspaceId: scope.workspaceId, key } },
      select: { requestHash: true, status: true, response: true },
    });
    if (!existing) continue; // the first request failed and let the key go: try to claim it again
    if (existing.requestHash !== fingerprint) {
      throw new ValidationError([
        { field: IDEMPOTENCY_HEADER, message: "This Idempotency-Key was already used with a different request; send a new key for a new request" },
      ]);
    }
    if (existing.status !== null) return { status: existing.status, body: existing.response, replayed: true };
    if (Date.now() > deadline) throw new ConflictError("A request with this Idempotency-Key is still being processed; retry in a moment", IDEMPOTENCY_HEADER);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Claims the key (a new one, one past its 24 hours, or one whose first request was abandoned); the row id, or null. */
async function claim(workspaceId: string, key: string, fingerprint: string): Promise<bigint | null> {
  const rows = await db().$queryRaw<Array<{ id: bigint }>>`
    insert into "IdempotencyKey" as k ("workspaceId", key, "requestHash") values (${workspaceId}, ${key}, ${fingerprint})
    on conflict ("workspaceId", key) do update set "requestHash" = excluded."requestHash", status = null, response = null, "createdAt" = now()
     where k."createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS}::int)
        or (k.status is null and k."requestHash" = excluded."requestHash" and k."createdAt" < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}::int))
    returning id`;
  return rows[0]?.id ?? null;
}

async function runAndStore(id: bigint, run: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
  let answer: StoredAnswer;
  try {
    answer = await run();
  } catch (error) {
    await db().idempotencyKey.deleteMany({ where: { id } });
    throw error;
  }
  await db().idempotencyKey.update({ where: { id }, data: { status: answer.status, response: answer.body == null ? Prisma.JsonNull : (answer.body as Prisma.InputJsonValue) }, select: { id: true } });
  return answer;
}

/** Deletes keys past their 24 hours; returns how many. */
export async function deleteExpiredIdempotencyKeys(limit = 5000): Promise<number> {
  return db().$executeRaw`
    delete from "IdempotencyKey" where id in (
      select id from "IdempotencyKey" where "createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS}::int) limit ${limit})`;
}

let lastCleanAt = 0;

/** At most every ten minutes per process, in the background: expired keys are only ever skipped, never read. */
function cleanExpiredSoon() {
  if (Date.now() - lastCleanAt < CLEAN_EVERY_MS) return;
  lastCleanAt = Date.now();
  void deleteExpiredIdempotencyKeys().catch((error) => logger.warn({ err: error }, "could not delete expired idempotency keys"));
}
