// Environment variables, validated once. A bad value stops the process with one line naming the variable.
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .url()
  .optional()
  .or(z.literal("").transform(() => undefined));

const envSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  SWITCHBOARD_DATA_DIR: z.string().trim().min(1).default("./data"),
  REDIS_URL: optionalUrl,
  SWITCHBOARD_PUBLIC_URL: optionalUrl,
  SWITCHBOARD_ENCRYPTION_KEY: z.string().trim().min(16, "must be at least 16 characters (32 random bytes, base64, recommended)").optional(),
  SWITCHBOARD_OUTBOUND_ALLOW: z.string().default(""),
  SWITCHBOARD_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: optionalUrl,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the parsed environment (tests change process.env between cases). */
export function resetEnv(): void {
  cached = undefined;
}
