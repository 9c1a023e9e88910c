import { messageAttemptView } from "@/lib/messages/attempt-shape";
import { getMessageAttempt } from "@/lib/messages/read-messages";
import { apiRoute, otherMethods } from "@/server/api";

/** The message's last send attempt: the request as it went out (secrets masked) and the provider's answer. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: messageAttemptView(await getMessageAttempt(actor, params.id)) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
