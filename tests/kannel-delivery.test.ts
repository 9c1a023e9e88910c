// A Kannel 1.4 gateway through the whole loop, as a Kannel operator connects it: a connector from the Kannel
// template, sends answered "0: Accepted for delivery" with no id, GET reports to the dlr-url carrying type, our
// reference and Kannel's composite %A. Delivered and undelivered with reasons that group; intermediate type 8 and 4
// reports kept pending; a report before the send's reply; the broken mapping that started it all (reports matched
// as provider ids), its warning, the unmatched inbox and the re-match; coding by {{unicode}}; the segment limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConnector } from "@/lib/connectors/read-connectors";
import { updateConnector } from "@/lib/connectors/save-connector";
import { createConnectorFromTemplate } from "@/lib/connectors/templates/create-from-template";
import { db } from "@/lib/db";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { getDeliveryFields, listDeliveryCallbacks, updateDeliveryTracking } from "@/lib/delivery/tracking";
import { countUnmatchedReports, listUnmatchedReports, rematchUnmatchedReports, unmatchedReportCounts } from "@/lib/delivery/unmatched-reports";
import { resetConfig } from "@/lib/env";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage, getMessageAttempt } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { ageKeptReports, applyAll } from "./delivery-fixtures";
import { createTestWorkspace } from "./fixtures";
import { startCallbackServer } from "./support/callback-server";

const PASSWORD = "kannel-pass";

let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let fake: FakeProvider;
let publicUrlBefore: string | undefined;

beforeAll(async () => {
  callbacks = await startCallbackServer();
  publicUrlBefore = process.env.SWITCHBOARD_PUBLIC_URL;
  process.env.SWITCHBOARD_PUBLIC_URL = callbacks.url;
  resetConfig();
  fake = await createFakeProvider({ apiKey: PASSWORD, autoDlr: false });
});
afterAll(async () => {
  process.env.SWITCHBOARD_PUBLIC_URL = publicUrlBefore;
  resetConfig();
  await fake.close();
  await callbacks.close();
  await closeSendQueue();
});

/** A workspace with a Kannel connector made from the template, as the gallery makes it. */
async function kannelConnector() {
  const ws = await createTestWorkspace();
  const actor = { workspaceId: ws.id, role: "admin" as const };
  const connector = await createConnectorFromTemplate(actor, "kannel", {
    name: "Kannel",
    sender: { name: "ACME", type: "transactional" },
    inputs: { base_url: fake.url, username: "switchboard", password: PASSWORD },
  });
  let n = 0;
  const send = async (message = "Your code is 4711", to = `+4670${String(1_000_000 + n++).slice(1)}`) => {
    const accepted = await enqueueMessage(actor, { connectorId: connector.id, to, message });
    await processSend({ messageId: accepted.id }, 1);
    const request = fake.received.at(-1)!;
    return { id: accepted.id, kannelId: request.messageId!, request };
  };
  return { actor, connector, send };
}

/** Kannel calling the dlr-url back: type is a word or Kannel's number, reason the err: code. */
async function report(kannelId: string, status: string, reason?: string) {
  const result = await fake.sendDeliveryReport({ messageId: kannelId, status, reason });
  expect(result.responseStatus, result.responseBody).toBe(200);
  return result;
}

describe("Kannel through the whole loop", () => {
  it("sends without an id, keeps intermediate reports pending and delivers by Switchboard's own id", async () => {
    const { actor, connector, send } = await kannelConnector();
    expect(connector.deliveryTracking).toMatchObject({ matchBy: "message-id", messageIdField: "ref", warnings: [] });

    const message = await send();
    expect(message.request.status).toBe(202);
    expect(message.request.query).toMatchObject({ username: "switchboard", "dlr-mask": "31", coding: "0", charset: "UTF-8" });
    expect(message.request.callbackUrl).toBe(`${connector.deliveryTracking.url}?type=%d&ref=${message.id}&answer=%A`);
    expect(await getMessage(actor, message.id)).toMatchObject({ status: "sent", providerMessageId: null, reason: null });

    await report(message.kannelId, "submitted");
    await report(message.kannelId, "buffered");
    await applyAll();
    const pending = await getMessage(actor, message.id);
    expect(pending.status).toBe("sent");
    expect((await connectorMetrics(actor, connector.id)).pending).toBe(1);

    const delivered = await report(message.kannelId, "delivered");
    expect(new URL(delivered.url).searchParams.get("answer")).toMatch(/stat:DELIVRD err:000/);
    await applyAll();
    const final = await getMessage(actor, message.id);
    expect(final.status).toBe("delivered");
    expect(final.timeline.map((event) => event.status)).toEqual(["queued", "sent", "delivered"]);
    const captured = (await listDeliveryCallbacks(actor, connector.id, { limit: 5 })).data;
    expect(captured.map((callback) => [callback.method, callback.outcome, callback.messageId])).toEqual([
      ["GET", "applied", message.id],
      ["GET", "duplicate", message.id],
      ["GET", "duplicate", message.id],
    ]);
  });

  it("records undelivered messages with the err: code as the reason, and groups them however noisy the answer", async () => {
    const { actor, connector, send } = await kannelConnector();
    await updateDeliveryTracking(actor, connector.id, { ...connector.deliveryTracking, reasonCodes: [{ code: "034", text: "Network error" }] });
    const failures = [];
    for (let i = 0; i < 6; i++) failures.push(await send(`Code ${1000 + i}`));
    for (const [i, message] of failures.entries()) await report(message.kannelId, "undelivered", i < 4 ? "034" : "011");
    const rejected = await send();
    await report(rejected.kannelId, "rejected", "Invalid Destination Address");
    await applyAll();

    expect(await getMessage(actor, failures[0].id)).toMatchObject({ status: "undelivered", reason: "034 Network error" });
    expect((await connectorMetrics(actor, connector.id)).failureReasons).toEqual([
      { kind: "delivery", reason: "034 Network error", count: 4 },
      { kind: "delivery", reason: "011", count: 2 },
      { kind: "delivery", reason: "16: NACK/0x0000000b/Invalid Destination Address", count: 1 },
    ]);

    // Mapped without the pattern, each answer carries its own id, dates and text — still one row per reason.
    await updateDeliveryTracking(actor, connector.id, { ...connector.deliveryTracking, failureReasonPattern: "" });
    const noisy = [];
    for (let i = 0; i < 5; i++) noisy.push(await send(`Another code ${2000 + i}`));
    for (const message of noisy) await report(message.kannelId, "undelivered", "034");
    await applyAll();
    const reasons = (await getMessage(actor, noisy[0].id)).reason!;
    expect(reasons).toMatch(new RegExp(`^2: id:${noisy[0].kannelId} sub:001 dlvrd:000 submit date:\\d{10} done date:\\d{10} stat:UNDELIV err:034 text:$`));
    expect((await connectorMetrics(actor, connector.id)).failureReasons).toContainEqual({ kind: "delivery", reason: "2: stat:UNDELIV err:034", count: 5 });
  });

  it("applies a report that arrives before the send's reply, and still records the reply", async () => {
    const { actor, connector } = await kannelConnector();
    fake.setBehavior("slow", { slowMs: 1500, times: 2 });
    const first = await enqueueMessage(actor, { connectorId: connector.id, to: "+46701110001", message: "early final" });
    const second = await enqueueMessage(actor, { connectorId: connector.id, to: "+46701110002", message: "early submitted" });
    const sending = [processSend({ messageId: first.id }, 1), processSend({ messageId: second.id }, 1)];
    const [a, b] = await Promise.all([
      fake.waitFor((request) => request.route === "kannel" && request.to === "+46701110001"),
      fake.waitFor((request) => request.route === "kannel" && request.to === "+46701110002"),
    ]);
    await report(a.messageId!, "delivered");
    await report(b.messageId!, "submitted");
    await applyAll();
    expect((await getMessage(actor, first.id)).status).toBe("delivered");
    expect((await getMessage(actor, second.id)).status).toBe("sent");

    await Promise.all(sending);
    expect((await getMessage(actor, first.id)).status).toBe("delivered");
    expect((await getMessage(actor, second.id)).timeline.map((event) => event.status)).toEqual(["queued", "sent"]);
    for (const id of [first.id, second.id]) expect((await getMessageAttempt(actor, id)).lastResponse).toMatchObject({ status: 202, body: "0: Accepted for delivery" });
  });

  it("sends coding=2 only for a message that needs UCS-2", async () => {
    const { send } = await kannelConnector();
    expect((await send("Hello there")).request.query).toMatchObject({ coding: "0", charset: "UTF-8" });
    expect((await send("Привет, код 4711")).request.query).toMatchObject({ coding: "2", charset: "UTF-8", text: "Привет, код 4711" });
  });

  it("fails a message over the connector's segment limit before anything is sent", async () => {
    const { actor, connector } = await kannelConnector();
    const before = fake.received.length;
    const tooLong = await enqueueMessage(actor, { connectorId: connector.id, to: "+46701112222", message: "a".repeat(153 * 10 + 1) });
    await processSend({ messageId: tooLong.id }, 1);
    expect(await getMessage(actor, tooLong.id)).toMatchObject({ status: "failed", reason: "Message too long: 11 segments, this connector allows 10", segments: 11 });

    const strict = await kannelConnector();
    const updated = await updateConnector(strict.actor, strict.connector.id, { maxSegments: 2 });
    expect(updated.maxSegments).toBe(2);
    // 306 septets fit two parts by arithmetic, but the "€" escape sequence never straddles two: three parts.
    const euros = await enqueueMessage(strict.actor, { connectorId: strict.connector.id, to: "+46701112223", message: "a".repeat(152) + "€" + "a".repeat(152) });
    await processSend({ messageId: euros.id }, 1);
    expect(await getMessage(strict.actor, euros.id)).toMatchObject({ status: "failed", reason: "Message too long: 3 segments, this connector allows 2", segments: 3 });
    expect(fake.received.length).toBe(before);
  });
});

describe("reports that cannot match", () => {
  it("warns, moves them to the unmatched inbox with the reason, proposes matching by our id, and re-matches after the fix", async () => {
    const { actor, connector, send } = await kannelConnector();
    // The mapping the operator ended up with: ref taken for the provider's id.
    const broken = { ...connector.deliveryTracking, matchBy: "provider-id" as const };
    await updateDeliveryTracking(actor, connector.id, broken);
    const view = await getConnector(actor, connector.id);
    expect(view.deliveryTracking.warnings.map((warning) => warning.code)).toEqual(["no-sent-id"]);
    expect(view.deliveryTracking.warnings[0].message).toMatch(/can never match a message/);

    const messages = [await send(), await send(), await send()];
    await report(messages[0].kannelId, "delivered");
    await report(messages[1].kannelId, "undelivered", "034");
    await report(messages[2].kannelId, "submitted");
    // A report without the reference at all (an old dlr-url).
    const bare = await fetch(`${connector.deliveryTracking.url}?type=1&answer=x`);
    expect(bare.status).toBe(200);
    await applyAll();
    expect(((await listDeliveryCallbacks(actor, connector.id, { limit: 4 })).data).map((callback) => callback.outcome)).toEqual(["unmapped", "waiting", "waiting", "waiting"]);

    // Not yet moved: the inbox is empty until the reports have waited long enough.
    expect((await listUnmatchedReports(actor, connector.id)).total).toBe(0);
    expect(await ageKeptReports(connector.id, 16)).toBe(4);
    const inbox = await listUnmatchedReports(actor, connector.id, { limit: 3 });
    expect(inbox.total).toBe(4);
    expect(inbox.data.map((row) => row.reason)).toEqual([
      'Message id: the report has no field "ref"',
      `No message with provider id ${messages[2].id}`,
      `No message with provider id ${messages[1].id}`,
    ]);
    expect(inbox.data[1]).toMatchObject({ reference: messages[2].id, matchBy: "provider-id", status: "8", report: { type: "8", ref: messages[2].id, answer: "ACK/" } });
    const next = await listUnmatchedReports(actor, connector.id, { limit: 3, cursor: inbox.nextCursor! });
    expect(next).toMatchObject({ nextCursor: null, data: [{ reason: `No message with provider id ${messages[0].id}` }] });
    await expect(listUnmatchedReports(actor, connector.id, { limit: 500 })).rejects.toMatchObject({ status: 422, details: [{ field: "limit" }] });
    expect(await unmatchedReportCounts(actor)).toEqual({ [connector.id]: 4 });
    expect(await countUnmatchedReports(actor)).toBe(4);
    expect(((await listDeliveryCallbacks(actor, connector.id, { limit: 1 })).data)[0]).toMatchObject({ outcome: "unmatched" });

    // The mapping screen sees that ref holds this connector's own message ids.
    const fields = await getDeliveryFields(actor, connector.id);
    expect(fields.fields.find((field) => field.path === "ref")).toMatchObject({ holds: "message-id", count: 3 });
    expect(fields.suggestion).toMatchObject({ messageIdField: "ref", matchBy: "message-id", statusField: "type" });

    const saved = await updateDeliveryTracking(actor, connector.id, { ...broken, matchBy: "message-id" });
    expect(saved.reapplied).toBe(4);
    await applyAll();
    expect((await getMessage(actor, messages[0].id)).status).toBe("delivered");
    expect(await getMessage(actor, messages[1].id)).toMatchObject({ status: "undelivered", reason: "034" });
    expect((await getMessage(actor, messages[2].id)).status).toBe("sent");
    const left = await listUnmatchedReports(actor, connector.id);
    expect(left.data.map((row) => row.reason)).toEqual(['Message id: the report has no field "ref"']);
    expect((await getConnector(actor, connector.id)).deliveryTracking.warnings).toEqual([]);
    expect(((await listDeliveryCallbacks(actor, connector.id, { limit: 4 })).data).map((callback) => [callback.outcome, callback.detail])).toEqual([
      ["unmatched", 'Message id: the report has no field "ref"'],
      // The submitted report found its message, already sent: nothing to change.
      ["duplicate", "Matched by a re-match, but changed nothing"],
      ["applied", "Applied by a re-match"],
      ["applied", "Applied by a re-match"],
    ]);

    // A re-match reads them again; what still matches nothing stays, with its reason.
    expect(await rematchUnmatchedReports(actor, connector.id)).toEqual({ queued: 1 });
    await applyAll();
    expect((await listUnmatchedReports(actor, connector.id)).total).toBe(1);
    await expect(rematchUnmatchedReports({ ...actor, role: "viewer" as const }, connector.id)).rejects.toMatchObject({ status: 403 });
    await expect(listUnmatchedReports({ workspaceId: "another", role: "admin" }, connector.id)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a report naming one of our ids that no message of this connector has, and lets it go after a while", async () => {
    const { actor, connector } = await kannelConnector();
    await fetch(`${connector.deliveryTracking.url}?type=1&ref=cnotamessage000000000000&answer=x`);
    await applyAll();
    const [callback] = (await listDeliveryCallbacks(actor, connector.id, { limit: 1 })).data;
    expect(callback).toMatchObject({ outcome: "waiting", detail: "No message with Switchboard id cnotamessage000000000000 on this connector: kept, and moved to the unmatched inbox after 15 minutes" });
    await ageKeptReports(connector.id, 15);
    expect((await listUnmatchedReports(actor, connector.id)).data[0].reason).toBe("No message with Switchboard id cnotamessage000000000000 on this connector");
    await db().pendingDeliveryReport.updateMany({ where: { connectorId: connector.id }, data: { receivedAt: new Date(Date.now() - 31 * 86_400_000) } });
    const { pruneDeliveryHistory } = await import("@/lib/delivery/apply-callbacks");
    await pruneDeliveryHistory();
    expect((await listUnmatchedReports(actor, connector.id)).total).toBe(0);
  });
});
