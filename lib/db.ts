// The one Prisma client. Secret columns (password and key hashes) are left out unless a query asks for them.
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const { databaseUrl: connectionString, dbPool } = config();
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Switchboard through `npm run dev` / `npm start`, which provide it");
  const adapter = new PrismaPg({ connectionString, max: dbPool });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true }, apiKey: { keyHash: true } } });
}

export type Database = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as typeof globalThis & { switchboardPrisma?: Database };

export function db(): Database {
  globalForPrisma.switchboardPrisma ??= createClient();
  return globalForPrisma.switchboardPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.switchboardPrisma?.$disconnect();
  globalForPrisma.switchboardPrisma = undefined;
}
