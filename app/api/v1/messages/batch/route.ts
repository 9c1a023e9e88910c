import { enqueueBatch } from "@/lib/messages/enqueue-batch";
import { apiRoute, idempotent, otherMethods, readJson } from "@/server/api";

/** Up to 1,000 messages: `202 { data: [{ id, status } | { error }] }`, one entry per input, in order. */
export const POST = apiRoute("configure", async ({ actor, request }) => {
  const body = await readJson(request);
  return idempotent({ actor, request }, body, async () => ({ status: 202, body: { data: await enqueueBatch(actor, body, { handoff: "background" }) } }));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
