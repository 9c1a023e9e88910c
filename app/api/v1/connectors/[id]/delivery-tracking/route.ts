import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { apiRoute, readJson } from "@/server/api";

/** Save the delivery-report mapping; callbacks the old mapping could not read are applied again. */
export const PUT = apiRoute<{ id: string }>("configure", async ({ actor, params, request }) => ({
  body: await updateDeliveryTracking(actor, params.id, await readJson(request)),
}));
