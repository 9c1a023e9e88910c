import { duplicateConnector } from "@/lib/connectors/save-connector";
import { apiRoute, otherMethods } from "@/server/api";

/** Duplicate a custom connector in its workspace; the copy's API host is left empty to fill in. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params }) => ({
  status: 201,
  body: await duplicateConnector(actor, params.id),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
