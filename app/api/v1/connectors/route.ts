import { createConnector, listConnectorViews } from "@/lib/connectors/service";
import { apiRoute, readJson } from "@/server/api";

export const GET = apiRoute("read", async ({ actor, publicBaseUrl }) => {
  return { body: await listConnectorViews(actor, { publicBaseUrl }) };
});

export const POST = apiRoute("configure", async ({ actor, request, publicBaseUrl }) => {
  const connector = await createConnector(actor, await readJson(request), { publicBaseUrl });
  return { status: 201, body: connector };
});
