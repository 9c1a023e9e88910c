import { deleteCampaignDraft, updateCampaignDraft } from "@/lib/campaigns/control";
import { getCampaign } from "@/lib/campaigns/read-campaigns";
import { apiRoute, otherMethods, readJson } from "@/server/api";

type Params = { id: string };

/** One campaign with its audience counts and progress by state. */
export const GET = apiRoute<Params>("read", async ({ actor, params }) => ({ body: await getCampaign(actor, params.id) }));

/** A draft's name, message, DLT template id or sender (409 once it is started). */
export const PATCH = apiRoute<Params>("configure", async ({ actor, params, request }) => ({ body: await updateCampaignDraft(actor, params.id, await readJson(request)) }));

/** Deletes a draft and its audience (409 once it is started: cancel it instead). */
export const DELETE = apiRoute<Params>("configure", async ({ actor, params }) => {
  await deleteCampaignDraft(actor, params.id);
  return { status: 204, body: null };
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
