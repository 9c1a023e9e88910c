import { getDeliveryFields } from "@/lib/delivery/tracking";
import { apiRoute, otherMethods } from "@/server/api";

/** Field paths and sample values of the latest captured callback, with a suggested mapping. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await getDeliveryFields(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
