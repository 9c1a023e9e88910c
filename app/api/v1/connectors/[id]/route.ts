import { deleteConnector, getConnector, updateConnector } from "@/lib/connectors/service";
import { apiRoute, readJson } from "@/server/api";

type Params = { id: string };

export const GET = apiRoute<Params>("read", async ({ actor, params, publicBaseUrl }) => ({
  body: await getConnector(actor, params.id, { publicBaseUrl }),
}));

export const PATCH = apiRoute<Params>("configure", async ({ actor, params, request, publicBaseUrl }) => ({
  body: await updateConnector(actor, params.id, await readJson(request), { publicBaseUrl }),
}));

export const DELETE = apiRoute<Params>("configure", async ({ actor, params }) => {
  await deleteConnector(actor, params.id);
  return { status: 204, body: null };
});
