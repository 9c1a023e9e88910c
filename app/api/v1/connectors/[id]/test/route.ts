import { testSend } from "@/lib/connectors/test-send";
import { apiRoute, otherMethods, readJson } from "@/server/api";

/** Send a test SMS through the saved connector (or through `connector` values sent along). */
export const POST = apiRoute<{ id: string }>("configure", async ({ actor, params, request }) => {
  return { body: await testSend(actor, params.id, await readJson(request)) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
