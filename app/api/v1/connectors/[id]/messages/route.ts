import { connectorMessagesQuerySchema } from "@/lib/api/list-queries";
import { getConnector } from "@/lib/connectors/read-connectors";
import { csvStream } from "@/lib/csv";
import { listConnectorMessages, MESSAGE_LOG_CSV_HEADER, messageLogCsvRow, messageLogRows } from "@/lib/messages/read-messages";
import { parseListQuery } from "@/lib/paging";
import { apiRoute, otherMethods } from "@/server/api";

/**
 * The connector's messages, newest first, paged (`?limit=`, `?cursor=`), filtered by `?search=` (number),
 * `?status=`, `?sender=`, `?test=`, `?since=` and `?until=`; `?format=csv` streams every message they keep.
 */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const { format, limit, cursor, ...filter } = parseListQuery(connectorMessagesQuerySchema, request.nextUrl.searchParams);
  if (format !== "csv") return { body: await listConnectorMessages(actor, params.id, { ...filter, limit, cursor }) };
  const connector = await getConnector(actor, params.id);
  const stream = csvStream(MESSAGE_LOG_CSV_HEADER, messageLogRows(actor, connector.id, filter), messageLogCsvRow);
  const name = `${connector.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "connector"}-messages.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
