import { startCampaign } from "@/lib/campaigns/control";
import { apiRoute, otherMethods, readJson } from "@/server/api";

/** Start a draft: now, or at `scheduledAt` (read in `timeZone` when it has no offset). 409 unless it is a draft. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params, request }) => {
  // The body is optional: without one (or without JSON), the campaign starts now.
  const body = (request.headers.get("content-type") ?? "").includes("json") ? await readJson(request) : {};
  return { body: await startCampaign(actor, params.id, body) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
