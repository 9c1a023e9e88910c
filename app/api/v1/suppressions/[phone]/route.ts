import { releaseSuppression } from "@/lib/suppression/suppressions";
import { apiRoute, otherMethods } from "@/server/api";

/** Release a number: it can be sent to again and its failure count starts over. */
export const DELETE = apiRoute<{ phone: string }>("configure", async ({ actor, params }) => {
  await releaseSuppression(actor, params.phone);
  return { status: 204, body: null };
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
