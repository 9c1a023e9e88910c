"use server";
// Server actions of the SMS & Connectors screen: every write the connector screens make. Each: permission
// check (runAction), then one call into lib/. Reads go through the REST API (/api/v1) instead.
import { revalidatePath } from "next/cache";
import { copyAsCustomConnector, createConnector, deleteConnector, duplicateConnector, updateConnector } from "@/lib/connectors/save-connector";
import { testSend } from "@/lib/connectors/test-send";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { BadRequestError, ValidationError } from "@/lib/errors";
import { runAction } from "@/server/action";

const PAGE = "/settings/channel/sms";

export async function createConnectorAction(input: unknown) {
  return runAction("configure", "createConnector", async (actor) => {
    const connector = await createConnector(actor, input);
    revalidatePath(PAGE);
    return connector;
  });
}

export async function updateConnectorAction(id: string, input: unknown) {
  return runAction("configure", "updateConnector", async (actor) => {
    const connector = await updateConnector(actor, String(id), input);
    revalidatePath(PAGE);
    return connector;
  });
}

/**
 * A native connector's form (Twilio, Sinch …): create it (`id` null, `input.kind` names the provider) or
 * update it. Secrets sent back as the mask keep their saved values.
 */
export async function saveNativeConnectorAction(id: string | null, input: unknown) {
  return runAction("configure", "saveNativeConnector", async (actor) => {
    const connector = id ? await updateConnector(actor, String(id), input) : await createNativeOnly(actor, input);
    revalidatePath(PAGE);
    return connector;
  });
}

// Not exported: every exported function of a "use server" file becomes an endpoint.
function createNativeOnly(actor: Parameters<typeof createConnector>[0], input: unknown) {
  const kind = typeof input === "object" && input !== null && "kind" in input ? input.kind : undefined;
  if (typeof kind !== "string" || kind === "" || kind === "custom") {
    throw new ValidationError([{ field: "kind", message: "Choose the provider of the native connector" }]);
  }
  return createConnector(actor, input);
}

/** A native connector copied into a custom one with the same request, to change what its form does not cover. */
export async function copyAsCustomAction(id: string) {
  return runAction("configure", "copyAsCustomConnector", async (actor) => {
    const connector = await copyAsCustomConnector(actor, String(id));
    revalidatePath(PAGE);
    return connector;
  });
}

/** A copy of a custom connector ("<name> (copy)", secrets kept, still encrypted) whose API host is left to fill in. */
export async function duplicateConnectorAction(id: string) {
  return runAction("configure", "duplicateConnector", async (actor) => {
    const connector = await duplicateConnector(actor, String(id));
    revalidatePath(PAGE);
    return connector;
  });
}

export async function deleteConnectorAction(id: string) {
  return runAction("configure", "deleteConnector", async (actor) => {
    await deleteConnector(actor, String(id));
    revalidatePath(PAGE);
    return { id };
  });
}

/** Import: parse pasted JSON and create a connector from it (secrets must be filled in afterwards). */
export async function importConnectorAction(json: string) {
  return runAction("configure", "importConnector", async (actor) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(json));
    } catch {
      throw new BadRequestError("The pasted text is not valid JSON");
    }
    const connector = await createConnector(actor, parsed);
    revalidatePath(PAGE);
    return connector;
  });
}

/**
 * Send Test SMS with the form's current values (`input.connector`, saved or not); `connectorId` is the saved
 * connector, whose secrets fill in masked values and which records the send as a test message.
 */
export async function testSendAction(connectorId: string | null, input: unknown) {
  return runAction("configure", "testSend", (actor) => testSend(actor, connectorId ? String(connectorId) : null, input));
}

/**
 * The delivery-report mapping and callback authentication of a custom connector; callbacks the old mapping
 * could not read are applied again (`reapplied` counts them). API users do the same with
 * PUT /api/v1/connectors/{id}/delivery-tracking.
 */
export async function saveDeliveryTrackingAction(connectorId: string, input: unknown) {
  return runAction("configure", "saveDeliveryTracking", async (actor) => {
    const saved = await updateDeliveryTracking(actor, String(connectorId), input);
    revalidatePath(PAGE);
    return saved;
  });
}
