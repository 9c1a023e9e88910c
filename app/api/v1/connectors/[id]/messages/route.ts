import { connectorMessagesQuerySchema } from "@/lib/api/list-queries";
import { listConnectorMessages } from "@/lib/messages/read-messages";
import { parseListQuery } from "@/lib/paging";
import { apiRoute, otherMethods } from "@/server/api";

/**
 * The connector's messages, newest first, paged (`?limit=`, `?cursor=`), filtered by `?search=` (number),
 * `?status=`, `?sender=`, `?test=`, `?since=` and `?until=`.
 */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => ({
  body: await listConnectorMessages(actor, params.id, parseListQuery(connectorMessagesQuerySchema, request.nextUrl.searchParams)),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
