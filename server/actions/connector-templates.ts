"use server";
// "New connector from a template": the gallery's one write.
import { revalidatePath } from "next/cache";
import { createConnectorFromTemplate } from "@/lib/connectors/templates/create-from-template";
import { runAction } from "@/server/action";

/** Creates a custom connector from the template with the user's values (`{ name, sender, inputs }`). */
export async function createConnectorFromTemplateAction(templateId: string, input: unknown) {
  return runAction("configure", "createConnectorFromTemplate", async (actor) => {
    const connector = await createConnectorFromTemplate(actor, String(templateId), input);
    revalidatePath("/settings/channel/sms");
    return connector;
  });
}
