import { cancelCampaign } from "@/lib/campaigns/control";
import { apiRoute, otherMethods } from "@/server/api";

/** Cancel the campaign; 409 when its state does not allow it. Answers the campaign. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params }) => ({ body: await cancelCampaign(actor, params.id) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
