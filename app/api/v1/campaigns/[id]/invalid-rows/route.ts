import { findCampaignRow, listInvalidRows } from "@/lib/campaigns/read-campaigns";
import { csvStream } from "@/lib/csv";
import { pageQuerySchema, parseListQuery } from "@/lib/paging";
import { z } from "zod";
import { apiRoute, otherMethods } from "@/server/api";

const querySchema = pageQuerySchema.extend({ format: z.enum(["json", "csv"], { message: "format must be json or csv" }).optional() });

/** The audience rows that could not be used, by line, with why (paged; `?format=csv` downloads them all). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const { format, ...page } = parseListQuery(querySchema, request.nextUrl.searchParams);
  if (format !== "csv") return { body: await listInvalidRows(actor, params.id, page) };
  const campaign = await findCampaignRow(actor, params.id);
  async function* pages() {
    let cursor: string | undefined;
    for (;;) {
      const next = await listInvalidRows(actor, params.id, { limit: 200, cursor });
      if (next.data.length) yield next.data;
      if (!next.nextCursor) return;
      cursor = next.nextCursor;
    }
  }
  const name = `${campaign.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "campaign"}-invalid-rows.csv`;
  return new Response(csvStream(["line", "reason", "row"], pages(), (row) => [row.line, row.reason, row.raw]), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
