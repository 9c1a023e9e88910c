// PostgreSQL ending connections because it shuts down or restarts — Ctrl-C reaches the embedded server together
// with the app, and an operator restarts an external one. For the background loops (send workers, the delivery
// applier, the campaign dispatcher) that is expected and they carry on once the database is back: a one-line
// warning, not an error log with the whole client in it.
import { logger } from "@/lib/logger";

/** SQLSTATE admin_shutdown, crash_shutdown, cannot_connect_now. */
const GOING_AWAY = new Set(["57P01", "57P02", "57P03"]);

/**
 * The SQLSTATE of a pg error, or of a Prisma error: through the driver adapter it sits in
 * `meta.driverAdapterError.cause.code`, in older raw-query errors in `meta.code`.
 */
function sqlState(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { code?: unknown } } } } | null;
  for (const code of [candidate?.meta?.driverAdapterError?.cause?.code, candidate?.meta?.code, candidate?.code]) {
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) return code;
  }
  return undefined;
}

export function isDatabaseGoingAway(error: unknown): boolean {
  const state = error instanceof Error ? sqlState(error) : undefined;
  return state !== undefined && GOING_AWAY.has(state);
}

/** Logs a background loop's failure: a warning while the database goes away, an error otherwise. */
export function logBackgroundError(error: unknown, what: string, fields: Record<string, unknown> = {}): void {
  if (isDatabaseGoingAway(error)) logger.warn({ ...fields, code: sqlState(error) }, `${what}: the database is shutting down or restarting; carrying on when it is back`);
  else logger.error({ ...fields, err: error }, what);
}
