import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { apiRoute, readJson } from "@/server/api";

export const POST = apiRoute("configure", async ({ actor, request }) => ({ status: 202, body: await enqueueMessage(actor, await readJson(request)) }));
