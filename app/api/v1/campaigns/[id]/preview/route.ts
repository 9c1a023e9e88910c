import { z } from "zod";
import { previewCampaignMessage } from "@/lib/campaigns/preview";
import { parseInput } from "@/lib/validation";
import { apiRoute, otherMethods } from "@/server/api";

const querySchema = z.object({
  message: z.string().max(1600, "message must be at most 1600 characters").optional(),
  recipient: z.string().max(100).optional(),
});

/**
 * The message (`?message=`, else the saved one) as a recipient (`?recipient=<messageId>`, else the first) gets it:
 * text, characters, segments and encoding, and the total segments across the audience.
 */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params, request }) => {
  const query = parseInput(querySchema, Object.fromEntries(request.nextUrl.searchParams));
  return { body: await previewCampaignMessage(actor, params.id, { message: query.message, recipientId: query.recipient }) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
