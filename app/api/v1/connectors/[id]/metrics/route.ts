import { connectorMetrics } from "@/lib/delivery/metrics";
import { apiRoute, otherMethods } from "@/server/api";

/** Attempted, sent, failed, delivered, pending, delivery rate and failure reasons (`?sender=`, `?campaignId=`). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const query = request.nextUrl.searchParams;
  return { body: await connectorMetrics(actor, params.id, { sender: query.get("sender") ?? undefined, campaignId: query.get("campaignId") ?? undefined }) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
