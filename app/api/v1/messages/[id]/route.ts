import { getMessage } from "@/lib/messages/read-messages";
import { apiRoute, otherMethods } from "@/server/api";

export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await getMessage(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
