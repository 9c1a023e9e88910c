import { listSuppressions, suppressionsCsv } from "@/lib/suppression/suppressions";
import { apiRoute } from "@/server/api";

/** Suppressed numbers, newest first; `?format=csv` for a download. */
export const GET = apiRoute("read", async ({ actor, request }) => {
  if (request.nextUrl.searchParams.get("format") === "csv") {
    return new Response(await suppressionsCsv(actor), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="suppressions.csv"' },
    });
  }
  return { body: await listSuppressions(actor, { search: request.nextUrl.searchParams.get("search") ?? undefined }) };
});
