"use server";
// Server actions of the SMS & Connectors screen. Each: permission check, then one call into lib/.
import { revalidatePath } from "next/cache";
import { createConnector, deleteConnector, exportConnector, getConnector, updateConnector } from "@/lib/connectors/service";
import { BadRequestError } from "@/lib/errors";
import { runAction } from "@/server/action";
import { publicBaseUrl } from "@/server/public-url";

const PAGE = "/settings/channel/sms";

export async function createConnectorAction(input: unknown) {
  return runAction("configure", "createConnector", async (actor) => {
    const connector = await createConnector(actor, input, { publicBaseUrl: await publicBaseUrl() });
    revalidatePath(PAGE);
    return connector;
  });
}

export async function updateConnectorAction(id: string, input: unknown) {
  return runAction("configure", "updateConnector", async (actor) => {
    const connector = await updateConnector(actor, id, input, { publicBaseUrl: await publicBaseUrl() });
    revalidatePath(PAGE);
    return connector;
  });
}

export async function deleteConnectorAction(id: string) {
  return runAction("configure", "deleteConnector", async (actor) => {
    await deleteConnector(actor, id);
    revalidatePath(PAGE);
    return { id };
  });
}

export async function getConnectorAction(id: string) {
  return runAction("read", "getConnector", async (actor) => getConnector(actor, id, { publicBaseUrl: await publicBaseUrl() }));
}

export async function exportConnectorAction(id: string) {
  return runAction("read", "exportConnector", (actor) => exportConnector(actor, id));
}

/** Import: parse pasted JSON and create a connector from it (secrets must be filled in afterwards). */
export async function importConnectorAction(json: string) {
  return runAction("configure", "importConnector", async (actor) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new BadRequestError("The pasted text is not valid JSON");
    }
    const connector = await createConnector(actor, parsed, { publicBaseUrl: await publicBaseUrl() });
    revalidatePath(PAGE);
    return connector;
  });
}
