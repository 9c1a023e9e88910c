import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { apiRoute, otherMethods, readJson } from "@/server/api";

/** Save the delivery-report mapping; callbacks the old mapping could not read are applied again. */
export const PUT = apiRoute<{ id: string }>("configure", async ({ actor, params, request }) => ({
  body: await updateDeliveryTracking(actor, params.id, await readJson(request)),
}));

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
