import { exportConnector } from "@/lib/connectors/read-connectors";
import { apiRoute, otherMethods } from "@/server/api";

/** The connector as importable JSON (secret values left out): POST it to /api/v1/connectors to import. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await exportConnector(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
