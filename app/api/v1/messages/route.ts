import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { apiRoute, idempotent, otherMethods, readJson } from "@/server/api";

/** Send one message: `202 { id, status }`. With an Idempotency-Key, a retry gets the first answer. */
export const POST = apiRoute("configure", async ({ actor, request }) => {
  const body = await readJson(request);
  return idempotent({ actor, request }, body, async () => ({ status: 202, body: await enqueueMessage(actor, body, { handoff: "background" }) }));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
