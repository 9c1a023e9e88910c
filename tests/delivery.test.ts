// Delivery reports against a real PostgreSQL: every body shape, races with the send response, duplicates,
// out-of-order states, malformed and unauthenticated callbacks, re-applying after a mapping is saved.
import { createHmac } from "node:crypto";
import { callbackSignature } from "@/lib/delivery/callback-signature";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateDeliveryTracking, getDeliveryFields, listDeliveryCallbacks } from "@/lib/delivery/tracking";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { listSuppressions, releaseSuppression, SUPPRESSED_REASON, suppressionsCsv } from "@/lib/suppression/suppressions";
import { db } from "@/lib/db";
import { setUpSending, type SendingSetup } from "./sending-fixtures";
import { applyAll, json, postCallback, publicIdOf } from "./delivery-fixtures";

const mapping = {
  messageIdField: "messageId",
  statusField: "status",
  successValues: ["DELIVRD"],
  pendingValues: ["ACCEPTD", "sent"],
  failureReasonField: "reason",
};

let setup: SendingSetup;
let publicId: string;

beforeAll(async () => {
  setup = await setUpSending();
  publicId = await publicIdOf(setup.connectorId);
  await updateDeliveryTracking(setup.actor, setup.connectorId, mapping);
});
afterAll(async () => {
  await setup.provider.close();
  await closeSendQueue();
});

let counter = 0;
/** A sent message with its provider id; each test uses its own recipient so suppression stays separate. */
async function sentMessage(to = `+1415555${String(1000 + counter++).padStart(4, "0")}`) {
  const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to, message: "hello" });
  await processSend({ messageId: accepted.id }, 1);
  const message = await getMessage(setup.actor, accepted.id);
  return { id: accepted.id, providerId: message.providerMessageId!, to: message.to };
}

describe("the delivery-report endpoint", () => {
  it("accepts each body shape providers send and applies it", async () => {
    const shapes = [
      (id: string) => ({ ...json({ messageId: id, status: "DELIVRD" }) }),
      (id: string) => ({ ...json([{ messageId: id, status: "DELIVRD" }]) }),
      (id: string) => ({ body: `messageId=${encodeURIComponent(id)}&status=DELIVRD`, contentType: "application/x-www-form-urlencoded" }),
      (id: string) => ({ method: "GET", query: `messageId=${encodeURIComponent(id)}&status=DELIVRD` }),
      (id: string) => ({ body: `messageId=${id}\nstatus=DELIVRD`, contentType: "text/plain" }),
    ];
    for (const shape of shapes) {
      const message = await sentMessage();
      const response = await postCallback(publicId, shape(message.providerId));
      expect(response).toEqual({ status: 200, body: { status: "ok", received: 1 } });
      await applyAll();
      const [callback] = (await listDeliveryCallbacks(setup.actor, setup.connectorId, { limit: 1 })).data;
      expect({ shape: shapes.indexOf(shape), outcome: callback.outcome, detail: callback.detail }).toEqual({ shape: shapes.indexOf(shape), outcome: "applied", detail: null });
      expect((await getMessage(setup.actor, message.id)).status).toBe("delivered");
    }
  });

  it("reads XML reports by their element paths, as the mapping screen lists them", async () => {
    const xml = await setUpSending();
    try {
      const xmlId = await publicIdOf(xml.connectorId);
      const accepted = await enqueueMessage(xml.actor, { connectorId: xml.connectorId, to: "+14155550400", message: "x" });
      await processSend({ messageId: accepted.id }, 1);
      const { providerMessageId } = await getMessage(xml.actor, accepted.id);
      const body = `<?xml version="1.0"?><DeliveryReport><messageId>${providerMessageId}</messageId><status code="0">DELIVRD</status></DeliveryReport>`;
      expect((await postCallback(xmlId, { body, contentType: "application/xml" })).status).toBe(200);
      const fields = await getDeliveryFields(xml.actor, xml.connectorId);
      expect(fields.fields.map((f) => f.path)).toEqual(["DeliveryReport.messageId", "DeliveryReport.status.@_code", "DeliveryReport.status.#text"]);
      await updateDeliveryTracking(xml.actor, xml.connectorId, { messageIdField: "DeliveryReport.messageId", statusField: "DeliveryReport.status", successValues: ["DELIVRD"] });
      await applyAll();
      expect((await getMessage(xml.actor, accepted.id)).status).toBe("delivered");
    } finally {
      await xml.provider.close();
    }
  });

  it("applies every report of a batch", async () => {
    const messages = await Promise.all([sentMessage(), sentMessage(), sentMessage()]);
    const response = await postCallback(publicId, json(messages.map((m, i) => ({ messageId: m.providerId, status: i === 1 ? "UNDELIV" : "DELIVRD", reason: i === 1 ? "Absent subscriber" : undefined }))));
    expect(response.body.received).toBe(3);
    await applyAll();
    const statuses = await Promise.all(messages.map((m) => getMessage(setup.actor, m.id)));
    expect(statuses.map((m) => [m.status, m.reason])).toEqual([
      ["delivered", null],
      ["undelivered", "UNDELIV: Absent subscriber"],
      ["delivered", null],
    ]);
  });

  it("answers 404 for an unknown URL and 413 over 150 KB", async () => {
    expect((await postCallback("not-a-connector", json({}))).status).toBe(404);
    expect((await postCallback(publicId, json({ padding: "x".repeat(151 * 1024) }))).status).toBe(413);
  });

  it("answers 400 with a reason for a malformed body, keeps it, and still applies the good callback after it", async () => {
    const message = await sentMessage();
    const bad = await postCallback(publicId, { body: '{"messageId": "x", "status": ', contentType: "application/json" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid JSON/);
    await postCallback(publicId, json({ messageId: message.providerId, status: "DELIVRD" }));
    await applyAll();
    expect((await getMessage(setup.actor, message.id)).status).toBe("delivered");
    const captured = (await listDeliveryCallbacks(setup.actor, setup.connectorId, { limit: 5 })).data;
    expect(captured.find((c) => c.outcome === "invalid")).toMatchObject({ body: '{"messageId": "x", "status": ', detail: expect.stringMatching(/^Invalid JSON/) });
  });
});

describe("applying reports", () => {
  it("keeps a report that beats the send response and applies it when the message appears", async () => {
    const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155559999", message: "race" });
    await postCallback(publicId, json({ messageId: "early-provider-id", status: "DELIVRD" }));
    await applyAll();
    const [waiting] = (await listDeliveryCallbacks(setup.actor, setup.connectorId, { limit: 1 })).data;
    expect(waiting).toMatchObject({ outcome: "waiting", matched: false });

    // The send response is recorded now.
    await db().message.update({ where: { id: accepted.id }, data: { status: "sent", providerMessageId: "early-provider-id" } });
    await applyAll();
    expect((await getMessage(setup.actor, accepted.id)).status).toBe("delivered");
    const [applied] = (await listDeliveryCallbacks(setup.actor, setup.connectorId, { limit: 1 })).data;
    expect(applied).toMatchObject({ outcome: "applied", matched: true, messageId: accepted.id });
  });

  it("changes nothing on a duplicate", async () => {
    const message = await sentMessage();
    await postCallback(publicId, json({ messageId: message.providerId, status: "DELIVRD" }));
    await postCallback(publicId, json({ messageId: message.providerId, status: "DELIVRD" }));
    await applyAll();
    const view = await getMessage(setup.actor, message.id);
    expect(view.timeline.filter((e) => e.status === "delivered")).toHaveLength(1);
    const [latest] = (await listDeliveryCallbacks(setup.actor, setup.connectorId, { limit: 1 })).data;
    expect(latest.outcome).toBe("duplicate");
  });

  it("never lets a late intermediate state overwrite a final one, in either order", async () => {
    const finalFirst = await sentMessage();
    await postCallback(publicId, json({ messageId: finalFirst.providerId, status: "DELIVRD" }));
    await applyAll();
    await postCallback(publicId, json({ messageId: finalFirst.providerId, status: "ACCEPTD" }));
    await applyAll();
    expect((await getMessage(setup.actor, finalFirst.id)).status).toBe("delivered");

    const intermediateFirst = await sentMessage();
    await postCallback(publicId, json([{ messageId: intermediateFirst.providerId, status: "ACCEPTD" }, { messageId: intermediateFirst.providerId, status: "UNDELIV", reason: "Expired" }]));
    await applyAll();
    expect(await getMessage(setup.actor, intermediateFirst.id)).toMatchObject({ status: "undelivered", reason: "UNDELIV: Expired" });
  });

  it("re-applies callbacks that arrived before the mapping was saved", async () => {
    const other = await setUpSending();
    try {
      const otherPublicId = await publicIdOf(other.connectorId);
      const accepted = await enqueueMessage(other.actor, { connectorId: other.connectorId, to: "+14155550100", message: "x" });
      await processSend({ messageId: accepted.id }, 1);
      const { providerMessageId } = await getMessage(other.actor, accepted.id);
      await postCallback(otherPublicId, json({ id: providerMessageId, state: "OK" }));
      await applyAll();
      expect(((await listDeliveryCallbacks(other.actor, other.connectorId, { limit: 1 })).data)[0].outcome).toBe("unmapped");

      const fields = await getDeliveryFields(other.actor, other.connectorId);
      expect(fields.fields).toEqual([
        { path: "id", sample: providerMessageId, samples: [providerMessageId], count: 1, holds: "provider-id" },
        { path: "state", sample: "OK", samples: ["OK"], count: 1, holds: null },
      ]);
      expect(fields.suggestion).toMatchObject({ messageIdField: "id", statusField: "state", matchBy: "provider-id" });

      const saved = await updateDeliveryTracking(other.actor, other.connectorId, { messageIdField: "id", statusField: "state", successValues: ["OK"] });
      expect(saved.reapplied).toBe(1);
      await applyAll();
      expect((await getMessage(other.actor, accepted.id)).status).toBe("delivered");
    } finally {
      await other.provider.close();
    }
  });
});

describe("callback authentication", () => {
  it("rejects a callback without a valid HMAC signature (401, captured, no change) and accepts a signed one", async () => {
    const secured = await setUpSending();
    try {
      const securedId = await publicIdOf(secured.connectorId);
      await updateDeliveryTracking(secured.actor, secured.connectorId, { ...mapping, authentication: { type: "hmac", header: "X-Signature", secret: "shh-123" } });
      const accepted = await enqueueMessage(secured.actor, { connectorId: secured.connectorId, to: "+14155550101", message: "x" });
      await processSend({ messageId: accepted.id }, 1);
      const { providerMessageId } = await getMessage(secured.actor, accepted.id);
      const body = JSON.stringify({ messageId: providerMessageId, status: "DELIVRD" });

      const path = `/sms/dlr/custom/${securedId}`;
      const now = Math.floor(Date.now() / 1000);
      const sign = (secret: string, options: { method?: string; query?: string; body?: string; timestamp?: number } = {}) => ({
        "X-Signature": callbackSignature(secret, {
          method: options.method ?? "POST",
          pathAndQuery: options.query ? `${path}?${options.query}` : path,
          body: options.body ?? body,
          timestamp: options.timestamp ?? now,
        }),
        "X-Switchboard-Timestamp": String(options.timestamp ?? now),
      });

      const unsigned = await postCallback(securedId, { body, contentType: "application/json" });
      expect(unsigned.status).toBe(401);
      const forged = await postCallback(securedId, { body, contentType: "application/json", headers: sign("wrong") });
      expect(forged.status).toBe(401);
      // The old scheme, HMAC of the body alone, no longer passes.
      const bodyOnly = await postCallback(securedId, { body, contentType: "application/json", headers: { "X-Signature": createHmac("sha256", "shh-123").update(body).digest("hex"), "X-Switchboard-Timestamp": String(now) } });
      expect(bodyOnly.status).toBe(401);
      // A signature observed on one request does not carry an added query parameter, another method, or a later time.
      const signed = sign("shh-123");
      const withQuery = await postCallback(securedId, { body, contentType: "application/json", query: "status=UNDELIV", headers: signed });
      expect(withQuery.status).toBe(401);
      const emptyGet = await postCallback(securedId, { method: "GET", query: `messageId=${providerMessageId}&status=UNDELIV`, headers: sign("shh-123", { method: "GET", body: "" }) });
      expect(emptyGet.status).toBe(401);
      const replayed = await postCallback(securedId, { body, contentType: "application/json", headers: sign("shh-123", { timestamp: now - 600 }) });
      expect(replayed.status).toBe(401);
      await applyAll();
      expect((await getMessage(secured.actor, accepted.id)).status).toBe("sent");
      const rejected = (await listDeliveryCallbacks(secured.actor, secured.connectorId, { limit: 10 })).data;
      expect(rejected.map((c) => c.outcome)).toEqual(Array(6).fill("rejected"));
      expect(rejected[0].detail).toMatch(/more than 5 minutes/);
      expect(rejected[0].headers["x-signature"]).toBeDefined();

      const accepted200 = await postCallback(securedId, { body, contentType: "application/json", headers: signed });
      expect(accepted200.status).toBe(200);
      // A signed GET report, query and all, is accepted too.
      const query = `messageId=${providerMessageId}&status=DELIVRD`;
      const signedGet = await postCallback(securedId, { method: "GET", query, headers: sign("shh-123", { method: "GET", query, body: "" }) });
      expect(signedGet.status).toBe(200);
      await applyAll();
      expect((await getMessage(secured.actor, accepted.id)).status).toBe("delivered");
    } finally {
      await secured.provider.close();
    }
  });

  it("checks basic auth when configured", async () => {
    const secured = await setUpSending();
    try {
      const securedId = await publicIdOf(secured.connectorId);
      await updateDeliveryTracking(secured.actor, secured.connectorId, { ...mapping, authentication: { type: "basic", username: "acme", password: "pw-1" } });
      const ok = Buffer.from("acme:pw-1").toString("base64");
      const wrong = Buffer.from("acme:nope").toString("base64");
      expect((await postCallback(securedId, { ...json({ a: 1 }), headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
      expect((await postCallback(securedId, { ...json({ a: 1 }), headers: { authorization: `Basic ${ok}` } })).status).toBe(200);
    } finally {
      await secured.provider.close();
    }
  });
});

describe("metrics and suppression", () => {
  it("counts every state and breaks failures down by reason and kind", async () => {
    const measured = await setUpSending();
    try {
      const measuredId = await publicIdOf(measured.connectorId);
      await updateDeliveryTracking(measured.actor, measured.connectorId, mapping);
      const send = async (to: string) => {
        const accepted = await enqueueMessage(measured.actor, { connectorId: measured.connectorId, to, message: "m" });
        await processSend({ messageId: accepted.id }, 1);
        return getMessage(measured.actor, accepted.id);
      };
      const delivered = await send("+14155550201");
      const undelivered = await send("+14155550202");
      await send("+14155550203"); // stays sent: pending
      await enqueueMessage(measured.actor, { connectorId: measured.connectorId, to: "999", message: "m" }); // failed to send
      await postCallback(measuredId, json([{ messageId: delivered.providerMessageId, status: "DELIVRD" }, { messageId: undelivered.providerMessageId, status: "UNDELIV", reason: "Absent" }]));
      await applyAll();

      expect(await connectorMetrics(measured.actor, measured.connectorId)).toEqual({
        attempted: 4,
        sent: 3,
        failedToSend: 1,
        delivered: 1,
        failedToDeliver: 1,
        pending: 1,
        untracked: 0,
        deliveryRate: 0.3333,
        failureReasons: [
          { kind: "send", reason: "Invalid mobile number", count: 1 },
          { kind: "delivery", reason: "UNDELIV: Absent", count: 1 },
        ],
      });
      expect((await connectorMetrics(measured.actor, measured.connectorId, { sender: "NOBODY" })).attempted).toBe(0);
    } finally {
      await measured.provider.close();
    }
  });

  it("suppresses a number after three failures in a row, skips its next send, and releases it", async () => {
    const to = "+14155550300";
    const fail = async () => {
      const message = await sentMessage(to);
      await postCallback(publicId, json({ messageId: message.providerId, status: "UNDELIV", reason: "Absent subscriber" }));
      await applyAll();
    };
    await fail();
    await fail();
    // A delivery in between resets the count: failures must be consecutive.
    const ok = await sentMessage(to);
    await postCallback(publicId, json({ messageId: ok.providerId, status: "DELIVRD" }));
    await applyAll();
    await fail();
    await fail();
    expect((await listSuppressions(setup.actor, { limit: 200 })).data.map((s) => s.phone)).not.toContain(to);
    await fail();

    const [suppressed] = (await listSuppressions(setup.actor, { limit: 200 })).data.filter((s) => s.phone === to);
    expect(suppressed).toMatchObject({ phone: to, consecutiveFailures: 3, lastReason: "UNDELIV: Absent subscriber" });
    expect(await suppressionsCsv(setup.actor)).toContain(`${to},3,UNDELIV: Absent subscriber,`);

    const skipped = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to, message: "again" });
    expect(skipped).toMatchObject({ status: "failed", reason: SUPPRESSED_REASON });

    await releaseSuppression(setup.actor, encodeURIComponent(to));
    expect((await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to, message: "after release" })).status).toBe("queued");
  });
});
