import { rematchUnmatchedReports } from "@/lib/delivery/unmatched-reports";
import { apiRoute, otherMethods } from "@/server/api";

/** Read every unmatched (and still waiting) report again with the current mapping: `202 { queued }`. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params }) => ({
  status: 202,
  body: await rematchUnmatchedReports(actor, params.id),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
