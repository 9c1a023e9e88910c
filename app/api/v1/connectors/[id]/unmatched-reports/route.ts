import { listUnmatchedReports } from "@/lib/delivery/unmatched-reports";
import { apiRoute, otherMethods } from "@/server/api";

/** The connector's unmatched inbox, newest first: `{ data, nextCursor, total }` (`?limit=` 1–200, `?cursor=`). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => ({
  body: await listUnmatchedReports(actor, params.id, Object.fromEntries(request.nextUrl.searchParams)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
