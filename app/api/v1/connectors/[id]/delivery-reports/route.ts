import { listDeliveryCallbacks } from "@/lib/delivery/tracking";
import { apiRoute } from "@/server/api";

/** Captured delivery callbacks, newest first (`?limit=`, at most 200). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => ({
  body: await listDeliveryCallbacks(actor, params.id, Number(request.nextUrl.searchParams.get("limit") ?? 50) || 50),
}));
