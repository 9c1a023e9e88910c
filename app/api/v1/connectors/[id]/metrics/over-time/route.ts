import { connectorMetricsForRange } from "@/lib/delivery/metrics";
import { apiRoute, otherMethods } from "@/server/api";

/** Messages per hour or UTC day over `?range=` (24h, 7d — the default — or 30d), optionally for one `?sender=`. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => ({
  body: await connectorMetricsForRange(actor, params.id, Object.fromEntries(request.nextUrl.searchParams)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
