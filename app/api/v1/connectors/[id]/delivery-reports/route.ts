import { listDeliveryCallbacks } from "@/lib/delivery/tracking";
import { deliveryReportsQuerySchema } from "@/lib/api/list-queries";
import { parseListQuery } from "@/lib/paging";
import { apiRoute, otherMethods } from "@/server/api";

/** Captured delivery callbacks, newest first, paged (`?limit=`, `?cursor=`). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => ({
  body: await listDeliveryCallbacks(actor, params.id, parseListQuery(deliveryReportsQuerySchema, request.nextUrl.searchParams)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
