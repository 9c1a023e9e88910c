// A plain pg pool beside Prisma, for what Prisma cannot do: COPY (bulk imports of a campaign's audience) and
// streaming reads of large result sets (per-recipient exports).
import pg from "pg";
import { config } from "@/lib/env";

const globalForPool = globalThis as typeof globalThis & { switchboardPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.switchboardPgPool) {
    const { databaseUrl } = config();
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    globalForPool.switchboardPgPool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  }
  return globalForPool.switchboardPgPool;
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function closePgPool(): Promise<void> {
  await globalForPool.switchboardPgPool?.end();
  globalForPool.switchboardPgPool = undefined;
}
