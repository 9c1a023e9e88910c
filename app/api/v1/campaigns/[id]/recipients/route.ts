import { findCampaignRow, listRecipients, recipientResults, recipientStatusFilterSchema } from "@/lib/campaigns/read-campaigns";
import { csvStream } from "@/lib/csv";
import { pageQuerySchema, parseListQuery } from "@/lib/paging";
import { z } from "zod";
import { apiRoute, otherMethods } from "@/server/api";

const querySchema = pageQuerySchema.extend({
  status: recipientStatusFilterSchema.optional(),
  format: z.enum(["json", "csv"], { message: "format must be json or csv" }).optional(),
});

/**
 * Per-recipient results in file order, paged; `?status=failed,undelivered` for the numbers to clean from a list;
 * `?format=csv` downloads all of them (not paged), every attribute as a column.
 */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const { format, status, ...page } = parseListQuery(querySchema, request.nextUrl.searchParams);
  if (format !== "csv") return { body: await listRecipients(actor, params.id, { ...page, statuses: status }) };
  const campaign = await findCampaignRow(actor, params.id);
  const columns = Array.isArray(campaign.columns) ? (campaign.columns as string[]) : [];
  const stream = csvStream(["to", "status", "reason", "provider_message_id", "message_id", ...columns], recipientResults(actor, params.id, status), (row) => [
    row.to,
    row.status,
    row.reason,
    row.providerMessageId,
    row.messageId,
    ...columns.map((column) => row.attributes[column] ?? ""),
  ]);
  const name = `${campaign.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "campaign"}-${status ? status.join("-") : "recipients"}.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
