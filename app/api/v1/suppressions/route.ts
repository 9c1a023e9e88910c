import { suppressionsQuerySchema } from "@/lib/api/list-queries";
import { parseListQuery } from "@/lib/paging";
import { listSuppressions, suppressionsCsv } from "@/lib/suppression/suppressions";
import { apiRoute, otherMethods } from "@/server/api";

/** Suppressed numbers, most recent first, paged; `?format=csv` downloads the whole list (not paged). */
export const GET = apiRoute("read", async ({ actor, request }) => {
  const { format, search, ...page } = parseListQuery(suppressionsQuerySchema, request.nextUrl.searchParams);
  if (format === "csv") {
    return new Response(await suppressionsCsv(actor, { search }), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="suppressions.csv"' },
    });
  }
  return { body: await listSuppressions(actor, { ...page, search }) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
