import { listConnectorViews } from "@/lib/connectors/read-connectors";
import { createConnector } from "@/lib/connectors/save-connector";
import { connectorsQuerySchema } from "@/lib/api/list-queries";
import { parseListQuery } from "@/lib/paging";
import { apiRoute, otherMethods, readJson } from "@/server/api";

/** The workspace's connectors by name, paged (`?limit=`, `?cursor=`). */
export const GET = apiRoute("read", async ({ actor, request }) => ({
  body: await listConnectorViews(actor, parseListQuery(connectorsQuerySchema, request.nextUrl.searchParams)),
}));

/** Create a connector, or import an exported one (custom or native). */
export const POST = apiRoute("configure", async ({ actor, request }) => ({ status: 201, body: await createConnector(actor, await readJson(request)) }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
