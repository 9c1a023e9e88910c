import { MESSAGE_STATUSES, type MessageStatus } from "@/lib/messages/statuses";
import { listConnectorMessages } from "@/lib/messages/read-messages";
import { apiRoute } from "@/server/api";

/** The connector's recent messages, newest first (`?limit=`, `?before=<createdAt>&beforeId=<id>` for the next page, `?status=`). */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const query = request.nextUrl.searchParams;
  const status = query.get("status");
  return {
    body: await listConnectorMessages(actor, params.id, {
      limit: Number(query.get("limit") ?? 50) || 50,
      before: query.get("before") ?? undefined,
      beforeId: query.get("beforeId") ?? undefined,
      status: status && (MESSAGE_STATUSES as readonly string[]).includes(status) ? (status as MessageStatus) : undefined,
    }),
  };
});
