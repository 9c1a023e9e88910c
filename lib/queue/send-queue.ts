// The send queue on BullMQ: its PostgreSQL backend by default (no extra service), Redis when REDIS_URL is set.
import { Queue, Worker, createPostgresBackend, type Job } from "bullmq";
import { Redis } from "ioredis";
import { config } from "@/lib/env";
import { logger } from "@/lib/logger";

/** One queue for every connector's sends; SWITCHBOARD_QUEUE_NAME separates installations sharing a Redis. */
export function sendQueueName(): string {
  return config().queueName;
}
/** Attempts per message, counting the first; only retry-safe failures use them (see lib/connectors/classify.ts). */
export const MAX_SEND_ATTEMPTS = 5;

export interface SendJob {
  messageId: string;
  /** Lets the worker reserve a throughput slot and claim the message in one statement. */
  connectorId?: string;
}

/** Thrown by the processor when a resend cannot duplicate the message; BullMQ retries after `delayMs`. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}

export type SendProcessor = (job: Job<SendJob>) => Promise<void>;

/** What the app needs of a queue or worker, whichever backend carries it. */
export interface SendQueueHandle {
  addBulk(jobs: Array<{ name: string; data: SendJob; opts?: { jobId?: string } }>): Promise<unknown>;
  close(): Promise<void>;
}

export interface SendWorkerHandle {
  close(force?: boolean): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
}

const jobOptions = {
  attempts: MAX_SEND_ATTEMPTS,
  backoff: { type: "custom" },
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
};

function postgresConnection() {
  const { databaseUrl: connectionString, queuePool } = config();
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  return { connectionString, migrate: true, max: queuePool };
}

function redisConnection(url: string) {
  // BullMQ's blocking commands need maxRetriesPerRequest: null.
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function queueBackendName(): "redis" | "postgres" {
  return config().redisUrl ? "redis" : "postgres";
}

export function createSendQueue(): SendQueueHandle {
  const { redisUrl } = config();
  if (redisUrl) return new Queue(sendQueueName(), { connection: redisConnection(redisUrl), defaultJobOptions: jobOptions });
  return new Queue(sendQueueName(), { connection: postgresConnection(), defaultJobOptions: jobOptions }, createPostgresBackend);
}

export function createSendWorker(processor: SendProcessor, options: { concurrency: number }): SendWorkerHandle {
  const settings = {
    backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
      error instanceof RetryLaterError ? error.delayMs : Math.min(60_000, 1000 * 2 ** attemptsMade),
  };
  // A worker that dies leaves its jobs locked until the lock expires; then another worker takes them over.
  const { jobLockMs: lockDuration, redisUrl } = config();
  const common = { concurrency: options.concurrency, settings, lockDuration, stalledInterval: lockDuration, maxStalledCount: 1 };
  if (redisUrl) return new Worker(sendQueueName(), processor, { ...common, connection: redisConnection(redisUrl) });
  return new Worker(sendQueueName(), processor, { ...common, connection: postgresConnection() }, createPostgresBackend);
}

const globalForQueue = globalThis as typeof globalThis & { switchboardSendQueue?: SendQueueHandle };

/** The process's producer handle (the web process and scripts enqueue through it). */
export function sendQueue(): SendQueueHandle {
  globalForQueue.switchboardSendQueue ??= createSendQueue();
  return globalForQueue.switchboardSendQueue;
}

export async function enqueueSends(jobs: SendJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await sendQueue().addBulk(jobs.map((data) => ({ name: "send", data, opts: { jobId: data.messageId } })));
}

/**
 * Hands jobs to the queue without waiting: the REST API answers once its messages are recorded as queued, and
 * the jobs of every request since the last hand-off go in one addBulk (one at a time, so under load they
 * batch themselves). The message rows are the truth: a hand-off that fails — or a process that dies first —
 * leaves them queued, and the sweeper (lib/queue/worker-runtime.ts) queues them again within a minute or two.
 */
export function enqueueSendsSoon(jobs: SendJob[]): void {
  if (jobs.length === 0) return;
  handoff.pending.push(...jobs);
  if (!handoff.running) handoff.running = drainHandoff();
}

const handoff: { pending: SendJob[]; running: Promise<void> | null } = { pending: [], running: null };

async function drainHandoff(): Promise<void> {
  // Let the requests of this turn of the event loop add theirs first.
  await new Promise((resolve) => setImmediate(resolve));
  while (handoff.pending.length) {
    const jobs = handoff.pending.splice(0, 5000);
    try {
      await enqueueSends(jobs);
    } catch (error) {
      logger.error({ err: error, jobs: jobs.length }, "could not hand sends to the queue; the sweeper will queue them again");
    }
  }
  handoff.running = null;
}

export async function closeSendQueue(): Promise<void> {
  await handoff.running;
  await globalForQueue.switchboardSendQueue?.close();
  globalForQueue.switchboardSendQueue = undefined;
}
