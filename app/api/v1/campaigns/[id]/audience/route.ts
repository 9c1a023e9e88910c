import { previewAudience } from "@/lib/campaigns/read-campaigns";
import { apiRoute, otherMethods } from "@/server/api";

/** The audience's columns and its first recipients, in file order. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await previewAudience(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
