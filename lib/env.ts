// Configuration through one door: every environment variable Switchboard reads, validated and typed once.
// lib/ reads settings only through config(); a bad value stops the process with one line naming the variable.
import { z } from "zod";

/** An unset or blank variable is "not given": its default applies. */
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalText = z.preprocess(blankAsUnset, z.string().trim().optional());
const optionalUrl = z.preprocess(blankAsUnset, z.url("must be a full URL such as https://sms.example.com").optional());
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(blankAsUnset, z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(min).max(max).default(fallback));

const envSchema = z.object({
  DATABASE_URL: optionalText,
  SWITCHBOARD_DATA_DIR: z.preprocess(blankAsUnset, z.string().trim().default("./data")),
  REDIS_URL: optionalUrl,
  SWITCHBOARD_PUBLIC_URL: optionalUrl,
  SWITCHBOARD_ENCRYPTION_KEY: z.preprocess(blankAsUnset, z.string().trim().min(16, "must be at least 16 characters (32 random bytes, base64, recommended)").optional()),
  SWITCHBOARD_OUTBOUND_ALLOW: z.preprocess(blankAsUnset, z.string().default("")),
  SWITCHBOARD_WORKERS: integer(0, 64, 1),
  SWITCHBOARD_WORKER_CONCURRENCY: integer(1, 1000, 50),
  SWITCHBOARD_QUEUE_NAME: z.preprocess(blankAsUnset, z.string().trim().regex(/^[\w.:-]+$/, "may only contain letters, digits and . : _ -").default("sms-send")),
  SWITCHBOARD_QUEUE_POOL: integer(1, 200, 10),
  SWITCHBOARD_DB_POOL: integer(1, 200, 10),
  SWITCHBOARD_JOB_LOCK_MS: integer(1000, 600_000, 30_000),
  SWITCHBOARD_DLR_POLL_MS: integer(10, 60_000, 200),
  SWITCHBOARD_DLR_UNMATCHED_MINUTES: integer(0, 10_080, 15),
  SWITCHBOARD_INTERRUPTED_GRACE_MS: integer(0, 3_600_000, 30_000),
  SWITCHBOARD_CAMPAIGN_CSV_MAX_MB: integer(1, 10_000, 200),
  SWITCHBOARD_MAX_HEAP_MB: integer(0, 65_536, 1024),
  SWITCHBOARD_ADMIN_EMAIL: z.preprocess(blankAsUnset, z.email("must be an email address").optional()),
  SWITCHBOARD_ADMIN_PASSWORD: z.preprocess(blankAsUnset, z.string().min(10, "must be at least 10 characters").optional()),
  NEXTAUTH_SECRET: z.preprocess(blankAsUnset, z.string().min(16, "must be at least 16 characters").optional()),
  NEXTAUTH_URL: optionalUrl,
  SWITCHBOARD_API_RATE_LIMIT: integer(0, 1_000_000, 50),
  SWITCHBOARD_API_RATE_BURST: z.preprocess(blankAsUnset, z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(1).max(10_000_000).optional()),
  PORT: integer(1, 65535, 3000),
  LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  /** External PostgreSQL; unset until the launcher starts the embedded one (it then sets DATABASE_URL). */
  databaseUrl: string | undefined;
  dataDir: string;
  /** BullMQ's Redis backend when set; PostgreSQL otherwise. */
  redisUrl: string | undefined;
  /**
   * The base URL providers reach this installation on: SWITCHBOARD_PUBLIC_URL, else NEXTAUTH_URL, else
   * http://localhost:PORT. Every delivery-report URL — shown in the UI, returned by the API, sent to
   * providers — is built from this one value.
   */
  publicBaseUrl: string;
  /** Raw key material; lib/security/secrets.ts parses it. */
  encryptionKey: string | undefined;
  /** Hosts or CIDRs outbound requests may reach despite the private-address guard. */
  outboundAllow: string;
  /** Send workers inside the web process (0: none; run `npm run worker` instead). */
  workersInProcess: number;
  workerConcurrency: number;
  queueName: string;
  queuePool: number;
  dbPool: number;
  jobLockMs: number;
  deliveryPollMs: number;
  /** How long a delivery report may find no message before it moves to its connector's unmatched inbox. */
  deliveryUnmatchedAfterMinutes: number;
  /** How long past its connector's timeout a send may stay unrecorded before it counts as interrupted. */
  interruptedGraceMs: number;
  /** The largest audience file a campaign takes. */
  campaignCsvMaxBytes: number;
  /**
   * The JavaScript heap ceiling the launcher gives the processes it starts (0: Node's own default). Node sizes
   * its heap for the whole machine (4 GB here) and then lets garbage pile up to four times what is live before
   * collecting; a ceiling makes it collect sooner, so a busy process stays near what it really holds.
   */
  maxHeapMb: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  nextAuthSecret: string | undefined;
  nextAuthUrl: string | undefined;
  /**
   * REST API requests per second per API key (and per signed-in user), with bursts up to `burst` at once;
   * shared by every web process. perSecond 0 turns the limit off.
   */
  apiRateLimit: { perSecond: number; burst: number };
  port: number;
  logLevel: Env["LOG_LEVEL"];
}

let cached: Config | undefined;

/** The validated configuration; throws one line naming the first bad variable. */
export function config(): Config {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  cached = {
    databaseUrl: env.DATABASE_URL,
    dataDir: env.SWITCHBOARD_DATA_DIR,
    redisUrl: env.REDIS_URL,
    publicBaseUrl: (env.SWITCHBOARD_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    encryptionKey: env.SWITCHBOARD_ENCRYPTION_KEY,
    outboundAllow: env.SWITCHBOARD_OUTBOUND_ALLOW,
    workersInProcess: env.SWITCHBOARD_WORKERS,
    workerConcurrency: env.SWITCHBOARD_WORKER_CONCURRENCY,
    queueName: env.SWITCHBOARD_QUEUE_NAME,
    queuePool: env.SWITCHBOARD_QUEUE_POOL,
    dbPool: env.SWITCHBOARD_DB_POOL,
    jobLockMs: env.SWITCHBOARD_JOB_LOCK_MS,
    deliveryPollMs: env.SWITCHBOARD_DLR_POLL_MS,
    deliveryUnmatchedAfterMinutes: env.SWITCHBOARD_DLR_UNMATCHED_MINUTES,
    interruptedGraceMs: env.SWITCHBOARD_INTERRUPTED_GRACE_MS,
    campaignCsvMaxBytes: env.SWITCHBOARD_CAMPAIGN_CSV_MAX_MB * 1024 * 1024,
    maxHeapMb: env.SWITCHBOARD_MAX_HEAP_MB,
    adminEmail: env.SWITCHBOARD_ADMIN_EMAIL,
    adminPassword: env.SWITCHBOARD_ADMIN_PASSWORD,
    nextAuthSecret: env.NEXTAUTH_SECRET,
    nextAuthUrl: env.NEXTAUTH_URL,
    apiRateLimit: { perSecond: env.SWITCHBOARD_API_RATE_LIMIT, burst: env.SWITCHBOARD_API_RATE_BURST ?? Math.max(1, env.SWITCHBOARD_API_RATE_LIMIT * 2) },
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
  };
  return cached;
}

/** Forget the parsed configuration (tests and the launcher change process.env and read it again). */
export function resetConfig(): void {
  cached = undefined;
}

/**
 * NODE_OPTIONS for a process the launcher starts: with the heap ceiling added, unless the ceiling is 0 or the
 * options already set one.
 */
export function withHeapCeiling(nodeOptions: string | undefined, maxHeapMb: number): string | undefined {
  if (maxHeapMb <= 0 || /--max-old-space-size|--max-heap-size/.test(nodeOptions ?? "")) return nodeOptions;
  return `${nodeOptions ?? ""} --max-old-space-size=${maxHeapMb}`.trim();
}
