// Every connector template against the fake provider, end to end: created the way the gallery creates it, a send
// answered with the provider's documented reply (Kannel's by the fake's Kannel emulation), the provider's
// documented delivery report sent to the DLR URL the send carried, and the message delivered or undelivered with
// the reason the template promises.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnectorFromTemplate, fillTemplate } from "@/lib/connectors/templates/create-from-template";
import { CONNECTOR_TEMPLATES, type ConnectorTemplate } from "@/lib/connectors/templates";
import { resetConfig } from "@/lib/env";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import type { ScriptedRoute } from "@/tools/fake-provider/gateways";
import { applyAll } from "./delivery-fixtures";
import { createTestWorkspace } from "./fixtures";
import { startCallbackServer } from "./support/callback-server";

/** Where each provider's send names what the fake records, beyond the generic field names. */
const FIELD_NAMES: Record<string, ScriptedRoute["fields"]> = {
  vonage: { reference: ["client-ref"] },
  plivo: { to: ["dst"], callback: ["url"] },
  infobip: { reference: ["callbackData"] },
  messagebird: { callback: ["reportUrl"] },
  msg91: { to: ["mobiles"] },
  textlocal: { to: ["numbers"], reference: ["custom"], callback: ["receipt_url"] },
};

let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let publicUrlBefore: string | undefined;
const fakes: FakeProvider[] = [];

beforeAll(async () => {
  callbacks = await startCallbackServer();
  publicUrlBefore = process.env.SWITCHBOARD_PUBLIC_URL;
  process.env.SWITCHBOARD_PUBLIC_URL = callbacks.url;
  resetConfig();
});
afterAll(async () => {
  process.env.SWITCHBOARD_PUBLIC_URL = publicUrlBefore;
  resetConfig();
  for (const fake of fakes) await fake.close();
  await callbacks.close();
  await closeSendQueue();
});

async function fakeFor(template: ConnectorTemplate, path: string): Promise<FakeProvider> {
  const scripted = template.id === "kannel" ? [] : [{ path, reply: template.examples.reply, report: template.examples.report, fields: FIELD_NAMES[template.id] }];
  const fake = await createFakeProvider({ apiKey: "password-value", scripted, autoDlr: false });
  fakes.push(fake);
  return fake;
}

describe.each(CONNECTOR_TEMPLATES.map((template) => [template.id, template] as const))("the %s template", (_id, template) => {
  it("sends through the provider's reply and applies its delivered and failed reports", async () => {
    const ws = await createTestWorkspace();
    const owner = { workspaceId: ws.id, role: "admin" as const };
    const inputs = (baseUrl: string) => Object.fromEntries(template.inputs.map((input) => [input.key, input.key === "base_url" ? baseUrl : `${input.key}-value`]));
    // The path the template sends to: the fake must answer there.
    const path = new URL((fillTemplate(template, inputs("http://probe.invalid")) as { request: { url: string } }).request.url).pathname;
    const fake = await fakeFor(template, path);
    const connector = await createConnectorFromTemplate(owner, template.id, { name: template.name, sender: { name: "ACME", type: "transactional" }, inputs: inputs(fake.url) });

    const send = async (to: string) => {
      const accepted = await enqueueMessage(owner, { connectorId: connector.id, to, message: "Your code is 4711" });
      await processSend({ messageId: accepted.id }, 1);
      const request = fake.received.at(-1)!;
      const message = await getMessage(owner, accepted.id);
      expect(message.status, `${message.reason} — ${request.rawBody || JSON.stringify(request.query)}`).toBe("sent");
      if (connector.response.sentId) expect(message.providerMessageId).toBe(request.messageId);
      // Providers that take the DLR URL with each message get this connector's; the others have it pasted in their console.
      if (request.callbackUrl) expect(request.callbackUrl.startsWith(connector.deliveryTracking.url)).toBe(true);
      return { id: accepted.id, providerId: request.messageId!, url: request.callbackUrl ? undefined : connector.deliveryTracking.url };
    };

    const delivered = await send("+14155550101");
    const failed = await send("+14155550102");
    const { examples } = template;
    for (const [message, status, reason] of [
      [delivered, examples.delivered.status, undefined],
      [failed, examples.failed.status, examples.failed.reason],
    ] as const) {
      const result = await fake.sendDeliveryReport({ messageId: message.providerId, status, reason, url: message.url });
      expect(result.responseStatus, result.responseBody).toBe(200);
    }
    await applyAll();

    expect((await getMessage(owner, delivered.id)).status).toBe("delivered");
    expect(await getMessage(owner, failed.id)).toMatchObject({ status: "undelivered", reason: examples.failed.recorded });
  });
});
