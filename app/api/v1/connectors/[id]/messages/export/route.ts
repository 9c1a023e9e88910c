import { getConnector } from "@/lib/connectors/read-connectors";
import { csvStream } from "@/lib/csv";
import { messageLogFilterSchema } from "@/lib/messages/message-log-filter";
import { MESSAGE_LOG_CSV_HEADER, messageLogCsvRow, messageLogRows } from "@/lib/messages/read-messages";
import { parseListQuery } from "@/lib/paging";
import { apiRoute, otherMethods } from "@/server/api";

/** Every message of the connector that the log's filters keep, newest first, streamed as CSV page by page. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const filter = parseListQuery(messageLogFilterSchema, request.nextUrl.searchParams);
  const connector = await getConnector(actor, params.id);
  const stream = csvStream(MESSAGE_LOG_CSV_HEADER, messageLogRows(actor, connector.id, filter), messageLogCsvRow);
  const name = `${connector.name.replace(/[^\w.-]+/g, "-").slice(0, 60) || "connector"}-messages.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
