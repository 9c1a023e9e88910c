// One message through the real pipeline against a fake provider over HTTP: what goes out, what is recorded.
import { afterEach, describe, expect, it } from "vitest";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage, getMessageAttempt } from "@/lib/messages/read-messages";
import { MAX_SEND_ATTEMPTS } from "@/lib/queue/send-queue";
import { db } from "@/lib/db";
import { updateConnector } from "@/lib/connectors/save-connector";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { setUpSending, type SendingSetup } from "./sending-fixtures";

const open: SendingSetup[] = [];
afterEach(async () => {
  for (const setup of open.splice(0)) await setup.provider.close();
});

async function setUp(options?: Parameters<typeof setUpSending>[0]) {
  const setup = await setUpSending(options);
  open.push(setup);
  return setup;
}

const hostile = `He said "hi" \\ & <b>{{user.x}}</b>\n😀 {% raw %}`;

describe("sending one message", () => {
  it("sends the exact text in a valid JSON body and records the provider id and timeline", async () => {
    const { actor, provider, connectorId } = await setUp();
    const accepted = await enqueueMessage(actor, { connectorId, to: "+46 70 123 45 67", message: hostile });
    expect(accepted.status).toBe("queued");

    await processSend({ messageId: accepted.id }, 1);

    const [received] = provider.received;
    expect(received.headers["content-type"]).toMatch(/application\/json/);
    expect(received.headers.authorization).toBe("Bearer sk_test_secret");
    expect(JSON.parse(received.rawBody)).toEqual({
      to: ["+46701234567"],
      message: { text: hostile },
      reference: accepted.id,
      callback_url: expect.stringMatching(/\/sms\/dlr\/custom\/[\w-]{32}$/),
    });

    const message = await getMessage(actor, accepted.id);
    expect(message).toMatchObject({ status: "sent", to: "+46701234567", providerMessageId: received.messageId, reason: null, segments: 1 });
    expect(message.timeline.map((e) => e.status)).toEqual(["queued", "sent"]);

    const attempt = await getMessageAttempt(actor, accepted.id);
    expect(JSON.stringify(attempt.lastRequest)).not.toContain("sk_test_secret");
    expect(attempt.lastRequest).toMatchObject({ method: "POST", headers: { Authorization: "••••••••" } });
    expect(attempt.lastResponse).toMatchObject({ status: 201 });
  });

  it("counts segments on the raw text", async () => {
    const { actor, connectorId } = await setUp();
    const gsm = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "a".repeat(161) });
    const ucs = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "é😀".repeat(40) });
    expect((await getMessage(actor, gsm.id)).segments).toBe(2);
    expect(await db().message.findUniqueOrThrow({ where: { id: ucs.id }, select: { segments: true, encoding: true } })).toEqual({ segments: 2, encoding: "UCS-2" });
  });

  it("fails an invalid number at once with a readable reason and never calls the provider", async () => {
    const { actor, provider, connectorId } = await setUp();
    const accepted = await enqueueMessage(actor, { connectorId, to: "12345", message: "hi" });
    expect(accepted).toEqual({ id: expect.any(String), status: "failed", reason: "Invalid mobile number" });
    expect(provider.received).toHaveLength(0);
  });

  it("rejects bad input naming the field, and an unknown sender", async () => {
    const { actor, connectorId } = await setUp();
    await expect(enqueueMessage(actor, { connectorId, to: "+14155550123" })).rejects.toMatchObject({ status: 422, details: [{ field: "message" }] });
    await expect(enqueueMessage(actor, { connectorId, to: "+14155550123", message: "x", sender: "NOPE" })).rejects.toMatchObject({
      details: [{ field: "sender" }],
    });
    await expect(enqueueMessage({ ...actor, workspaceId: "other" }, { connectorId, to: "+14155550123", message: "x" })).rejects.toMatchObject({ status: 404 });
  });

  it("records the provider's refusal with status and body", async () => {
    const { actor, provider, connectorId } = await setUp({ provider: { behavior: "unauthorized" } });
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: accepted.id }, 1);
    expect(await getMessage(actor, accepted.id)).toMatchObject({ status: "failed", reason: 'HTTP 401: {"error":"bad key"}' });
    expect(provider.received).toHaveLength(1);
  });

  it("fails a 200 that carries an error when an accepted check is configured", async () => {
    const { actor, connectorId } = await setUp({
      provider: { behavior: "error-200" },
      connector: { response: { sentId: { from: "json", path: "data.messages[0].id" }, accepted: { path: "data.messages[0].status", values: ["accepted"] } } },
    });
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: accepted.id }, 1);
    expect((await getMessage(actor, accepted.id)).reason).toMatch(/^Provider rejected: data\.messages\[0\]\.status missing/);
  });

  it("fails a 200 maintenance page, {} or a 200 error without the message id, quoting the reply, and never retries it", async () => {
    const { actor, provider, connectorId } = await setUp({ provider: { behavior: "maintenance" } });
    const page = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: page.id }, 1);
    expect(await getMessage(actor, page.id)).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/^Accepted reply carried no message id at data\.messages\[0\]\.id: <!DOCTYPE html> <html lang="en"> <head>.*Down for maintenance/),
    });
    provider.setBehavior("error-200");
    const credit = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: credit.id }, 1);
    expect((await getMessage(actor, credit.id)).reason).toBe('Accepted reply carried no message id at data.messages[0].id: {"status":"error","message":"Insufficient credit"}');
    expect(provider.received).toHaveLength(2);

    const metrics = await connectorMetrics(actor, connectorId);
    expect(metrics).toMatchObject({ attempted: 2, sent: 0, failedToSend: 2, pending: 0, untracked: 0 });
  });

  it("counts a send without an id as sent but untracked, never pending, when the connector allows replies without one", async () => {
    const { actor, provider, connectorId } = await setUp({
      connector: { response: { sentId: { from: "json", path: "data.messages[0].id" }, allowMissingId: true } },
    });
    const tracked = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "with id" });
    await processSend({ messageId: tracked.id }, 1);
    provider.setBehavior("maintenance");
    const untracked = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "without id" });
    await processSend({ messageId: untracked.id }, 1);

    const message = await getMessage(actor, untracked.id);
    expect(message).toMatchObject({ status: "sent", providerMessageId: null });
    expect(message.timeline.at(-1)?.detail).toMatch(/untracked/);
    expect(await connectorMetrics(actor, connectorId)).toMatchObject({ attempted: 2, sent: 2, failedToSend: 0, pending: 1, untracked: 1 });
  });

  it("never retries after a timeout: the provider may have the message", async () => {
    const { actor, provider, connectorId } = await setUp({ provider: { behavior: "slow", slowMs: 1500 }, timeoutMs: 300 });
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: accepted.id }, 1);
    expect(await getMessage(actor, accepted.id)).toMatchObject({ status: "failed", reason: "Timeout after 300 ms" });
    expect(provider.received).toHaveLength(1);
  });

  it("asks the queue to retry a 429, honouring Retry-After, and gives up after the last attempt", async () => {
    const { actor, connectorId } = await setUp({ provider: { behavior: "rate-limit" } });
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await expect(processSend({ messageId: accepted.id }, 1)).rejects.toMatchObject({ name: "RetryLaterError", delayMs: 1000 });
    const retrying = await getMessage(actor, accepted.id);
    expect(retrying.status).toBe("queued");
    expect(retrying.timeline.at(-1)?.detail).toMatch(/^Retrying in 1 s: HTTP 429/);

    await processSend({ messageId: accepted.id }, MAX_SEND_ATTEMPTS);
    expect(await getMessage(actor, accepted.id)).toMatchObject({ status: "failed", reason: expect.stringMatching(/^HTTP 429/) });
  });

  it("fails with 'Personalization failed' when an attribute has no value and no default", async () => {
    const { actor, connectorId, provider } = await setUp();
    const view = await db().connector.findUniqueOrThrow({ where: { id: connectorId }, select: { id: true } });
    await updateConnector(
      actor,
      view.id,
      { request: { method: "POST", url: `${provider.url}/json/send`, body: { type: "json", fields: [{ key: "text", value: "Hi {{user.first_name}} {{user.city | default: \"there\"}}" }] } } },
    );
    const missing = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "x" });
    await processSend({ messageId: missing.id }, 1);
    expect((await getMessage(actor, missing.id)).reason).toMatch(/^Personalization failed: /);

    const present = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "x", attributes: { first_name: "Ada" } });
    await processSend({ messageId: present.id }, 1);
    expect(JSON.parse(provider.received.at(-1)!.rawBody)).toEqual({ text: "Hi Ada there" });
  });

  it("refuses to call a metadata address even though loopback is allowed", async () => {
    const { actor, connectorId } = await setUp({
      connector: { request: { method: "GET", url: "http://169.254.169.254/latest/meta-data" } },
    });
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await processSend({ messageId: accepted.id }, 1);
    expect((await getMessage(actor, accepted.id)).reason).toMatch(/^Blocked: 169\.254\.169\.254/);
  });

  it("sends a message only once when two workers process the same job", async () => {
    const { actor, provider, connectorId } = await setUp();
    const accepted = await enqueueMessage(actor, { connectorId, to: "+14155550123", message: "hi" });
    await Promise.all([processSend({ messageId: accepted.id }, 1), processSend({ messageId: accepted.id }, 1), processSend({ messageId: accepted.id }, 1)]);
    expect(provider.received).toHaveLength(1);
    expect((await getMessage(actor, accepted.id)).status).toBe("sent");
  });
});
