import { getConnector } from "@/lib/connectors/read-connectors";
import { deleteConnector, updateConnector } from "@/lib/connectors/save-connector";
import { apiRoute, otherMethods, readJson } from "@/server/api";

type Params = { id: string };

export const GET = apiRoute<Params>("read", async ({ actor, params }) => ({
  body: await getConnector(actor, params.id),
}));

export const PATCH = apiRoute<Params>("configure", async ({ actor, params, request }) => ({
  body: await updateConnector(actor, params.id, await readJson(request)),
}));

export const DELETE = apiRoute<Params>("configure", async ({ actor, params }) => {
  await deleteConnector(actor, params.id);
  return { status: 204, body: null };
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
