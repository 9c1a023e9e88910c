import { listConnectorViews } from "@/lib/connectors/read-connectors";
import { createConnector } from "@/lib/connectors/save-connector";
import { apiRoute, readJson } from "@/server/api";

export const GET = apiRoute("read", async ({ actor }) => {
  return { body: await listConnectorViews(actor) };
});

export const POST = apiRoute("configure", async ({ actor, request }) => {
  const connector = await createConnector(actor, await readJson(request));
  return { status: 201, body: connector };
});
