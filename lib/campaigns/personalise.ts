// A campaign's message for one recipient: the template rendered with the recipient's attributes, or why it
// cannot be (an attribute the message uses has no value and no default) — that recipient fails, no one else.
import type { Prisma } from "@/lib/generated/prisma/client";
import { PersonalizationError, renderTemplate } from "@/lib/connectors/template";
import { attributesOf } from "@/lib/messages/process-send";

export function personalise(message: string, recipient: { to: string; attributes: Prisma.JsonValue }, campaignId: string): { text: string } | { error: string } {
  try {
    return { text: renderTemplate(message, { destination: recipient.to, message: "", campaignId, user: attributesOf(recipient.attributes) }, "text") };
  } catch (error) {
    if (error instanceof PersonalizationError) return { error: error.message };
    throw error;
  }
}
