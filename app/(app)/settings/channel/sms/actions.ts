"use server";
// Server actions of the SMS & Connectors screen. Each: permission check, then one call into lib/.
import { revalidatePath } from "next/cache";
import { exportConnector, getConnector } from "@/lib/connectors/read-connectors";
import { copyAsCustomConnector, createConnector, deleteConnector, updateConnector } from "@/lib/connectors/save-connector";
import { testSend } from "@/lib/connectors/test-send";
import { BadRequestError, ValidationError } from "@/lib/errors";
import { z } from "zod";
import { forgetCallbackTarget } from "@/lib/delivery/ingest";
import { connectorMetricsOverTime } from "@/lib/delivery/metrics";
import { setSuppressionThreshold } from "@/lib/suppression/suppressions";
import { parseInput } from "@/lib/validation";
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
    const connector = await updateConnector(actor, id, input);
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
    // The DLR endpoint caches a connector's callback check for a few seconds; a changed secret applies at once.
    forgetCallbackTarget(connector.deliveryTracking.url.split("/").pop());
    revalidatePath(PAGE);
    return connector;
  });
}

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

export async function deleteConnectorAction(id: string) {
  return runAction("configure", "deleteConnector", async (actor) => {
    await deleteConnector(actor, id);
    revalidatePath(PAGE);
    return { id };
  });
}

export async function getConnectorAction(id: string) {
  return runAction("read", "getConnector", async (actor) => getConnector(actor, id));
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
  return runAction("configure", "testSend", (actor) => testSend(actor, connectorId, input));
}

const metricsOverTimeSchema = z.object({
  bucket: z.enum(["hour", "day"]),
  days: z.number().int().min(1).max(90),
  sender: z.string().trim().max(50).optional(),
});

/** The metrics chart's points: messages per hour or day over the last `days` days (optionally one sender's). */
export async function connectorMetricsOverTimeAction(connectorId: string, options: unknown) {
  return runAction("read", "connectorMetricsOverTime", async (actor) => {
    const { bucket, days, sender } = parseInput(metricsOverTimeSchema, options);
    return connectorMetricsOverTime(actor, String(connectorId), { bucket, days, sender: sender || undefined });
  });
}

/** Settings tab: how many consecutive delivery failures suppress a number (admins only). */
export async function setSuppressionThresholdAction(value: unknown) {
  return runAction("administer", "setSuppressionThreshold", async (actor) => {
    const threshold = await setSuppressionThreshold(actor, value);
    revalidatePath(PAGE);
    return threshold;
  });
}
