// A changed connector takes effect at once: the next send after an update uses the new credentials, and the next
// callback is checked with the new secret — on every process, not after a cache expires.
import { describe, expect, it } from "vitest";
import { updateConnector } from "@/lib/connectors/save-connector";
import { callbackSignature } from "@/lib/delivery/callback-signature";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { postCallback, publicIdOf } from "./delivery-fixtures";
import { setUpSending } from "./sending-fixtures";

describe("a changed connector", () => {
  it("sends the very next message with the rotated credential, three times in a row", async () => {
    const setup = await setUpSending();
    try {
      const send = async (text: string) => {
        const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550123", message: text });
        await processSend({ messageId: accepted.id, connectorId: setup.connectorId }, 1);
        return setup.provider.received.find((request) => request.rawBody.includes(text))!;
      };
      expect((await send("warm the cache")).headers.authorization).toBe("Bearer sk_test_secret");
      for (const round of [1, 2, 3]) {
        const token = `sk_rotated_${round}`;
        await updateConnector(setup.actor, setup.connectorId, {
          request: {
            method: "POST",
            url: `${setup.provider.url}/json/send`,
            headers: [{ key: "Authorization", value: `Bearer ${token}`, secret: true }],
            body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "message.text", value: "{{message}}" }] },
          },
        });
        expect((await send(`after rotation ${round}`)).headers.authorization).toBe(`Bearer ${token}`);
      }
    } finally {
      await setup.provider.close();
    }
  });

  it("checks the very next callback with the new shared secret", async () => {
    const setup = await setUpSending();
    try {
      const publicId = await publicIdOf(setup.connectorId);
      const mapping = { messageIdField: "id", statusField: "status", successValues: ["DELIVRD"] };
      const body = JSON.stringify({ id: "p-1", status: "DELIVRD" });
      const signedWith = (secret: string) => {
        const timestamp = Math.floor(Date.now() / 1000);
        return { "X-Sig": callbackSignature(secret, { method: "POST", pathAndQuery: `/sms/dlr/custom/${publicId}`, body, timestamp }), "X-Switchboard-Timestamp": String(timestamp) };
      };
      await updateDeliveryTracking(setup.actor, setup.connectorId, { ...mapping, authentication: { type: "hmac", header: "X-Sig", secret: "old-secret" } });
      expect((await postCallback(publicId, { body, contentType: "application/json", headers: signedWith("old-secret") })).status).toBe(200);
      await updateDeliveryTracking(setup.actor, setup.connectorId, { ...mapping, authentication: { type: "hmac", header: "X-Sig", secret: "new-secret" } });
      expect((await postCallback(publicId, { body, contentType: "application/json", headers: signedWith("old-secret") })).status).toBe(401);
      expect((await postCallback(publicId, { body, contentType: "application/json", headers: signedWith("new-secret") })).status).toBe(200);
    } finally {
      await setup.provider.close();
    }
  });
});
