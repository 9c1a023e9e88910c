// Two projects: `unit` (plain functions, fake HTTP servers on localhost, no database: seconds) and
// `integration` (a real PostgreSQL, fresh for every run). `npm run test:unit` runs the first alone;
// `npm test` runs both.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    exclude: ["node_modules", ".next", "data"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "server/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts"],
          env: {
            // A throwaway key: unit tests seal and open secrets but never keep them.
            SWITCHBOARD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
            SWITCHBOARD_OUTBOUND_ALLOW: "127.0.0.1,::1",
            SWITCHBOARD_PUBLIC_URL: "http://switchboard.test",
            LOG_LEVEL: "silent",
          },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          globalSetup: ["tests/global-setup.ts"],
          pool: "forks",
          // One database for the run and timing-sensitive suites (throughput, crash recovery): one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
