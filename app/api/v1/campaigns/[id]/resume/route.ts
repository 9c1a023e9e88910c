import { resumeCampaign } from "@/lib/campaigns/control";
import { apiRoute, otherMethods } from "@/server/api";

/** Resume the campaign; 409 when its state does not allow it. Answers the campaign. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params }) => ({ body: await resumeCampaign(actor, params.id) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
