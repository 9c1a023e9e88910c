import { copyAsCustomConnector } from "@/lib/connectors/save-connector";
import { apiRoute, otherMethods } from "@/server/api";

/** Copy a native connector into a custom connector, to change what the preset does not cover. */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params }) => ({
  status: 201,
  body: await copyAsCustomConnector(actor, params.id),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
