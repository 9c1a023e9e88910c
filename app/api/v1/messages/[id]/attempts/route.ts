import { listMessageAttempts } from "@/lib/messages/read-messages";
import { apiRoute, otherMethods } from "@/server/api";

/** Every send attempt of the message, oldest first: request (secrets masked), response and what came of it. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: { data: await listMessageAttempts(actor, params.id) } }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
