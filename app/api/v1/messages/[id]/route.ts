import { getMessage } from "@/lib/messages/read-messages";
import { apiRoute } from "@/server/api";

export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await getMessage(actor, params.id) }));
