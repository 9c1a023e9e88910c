// Prisma CLI configuration. The app itself connects through the pg driver adapter (lib/db.ts);
// migrations are applied by scripts/migrate.ts, which records them exactly as `prisma migrate deploy` does.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/switchboard" },
});
