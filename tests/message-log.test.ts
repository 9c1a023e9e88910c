// The message log for support work: search by number, the filters, the CSV export, and a message's attempts after a
// retry — through the REST handlers, with messages sent to a fake provider and reported on by delivery callbacks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as log from "@/app/api/v1/connectors/[id]/messages/route";
import * as exported from "@/app/api/v1/connectors/[id]/messages/export/route";
import * as attempts from "@/app/api/v1/messages/[id]/attempts/route";
import { testSend } from "@/lib/connectors/test-send";
import { db } from "@/lib/db";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage, listMessageAttempts } from "@/lib/messages/read-messages";
import { closeSendQueue, RetryLaterError } from "@/lib/queue/send-queue";
import { call } from "./api/client";
import { applyAll, json, postCallback, publicIdOf } from "./delivery-fixtures";
import { createTestWorkspace } from "./fixtures";
import { setUpSending, type SendingSetup } from "./sending-fixtures";

let setup: SendingSetup;
const ids: Record<string, string> = {};
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const day = (date: Date) => date.toISOString().slice(0, 10);

async function sendNow(to: string, sender: string) {
  const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to, message: "Your code is 1234", sender });
  await processSend({ messageId: accepted.id }, 1);
  return getMessage(setup.actor, accepted.id);
}

beforeAll(async () => {
  setup = await setUpSending({
    connector: {
      senders: [
        { name: "ACME", type: "transactional", default: true },
        { name: "PROMO", type: "promotional" },
      ],
    },
  });
  await updateDeliveryTracking(setup.actor, setup.connectorId, {
    messageIdField: "messageId",
    statusField: "status",
    successValues: ["DELIVRD"],
    failureReasonField: "reason",
  });
  const delivered = await sendNow("+14155550101", "ACME");
  const undelivered = await sendNow("+14155550102", "PROMO");
  const pending = await sendNow("+14155550103", "ACME");
  // A number a spreadsheet would run as a formula: refused at the door, kept as given.
  const formula = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: '=HYPERLINK("evil.example")', message: "m" });
  const test = await testSend(setup.actor, setup.connectorId, { to: "4155550104", countryCode: "+1", message: "Test" });
  await postCallback(await publicIdOf(setup.connectorId), json([
    { messageId: delivered.providerMessageId, status: "DELIVRD" },
    { messageId: undelivered.providerMessageId, status: "UNDELIV", reason: "Absent subscriber" },
  ]));
  await applyAll();
  Object.assign(ids, { delivered: delivered.id, undelivered: undelivered.id, pending: pending.id, formula: formula.id, test: test.messageId! });
  // The delivered one was sent three days ago, for the date filters.
  await db().$executeRaw`update "Message" set "createdAt" = ${daysAgo(3)} where id = ${delivered.id}`;
});

afterAll(async () => {
  await setup.provider.close();
  await closeSendQueue();
});

async function listIds(query: string, key = setup.ws.keys.viewer): Promise<string[]> {
  const res = await call(log.GET, { key, params: { id: setup.connectorId }, path: `/api/v1/connectors/x/messages?${query}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((m: { id: string }) => m.id);
}

describe("GET /api/v1/connectors/{id}/messages with filters", () => {
  it("finds a whole number exactly and part of a number by its digits, however it is typed", async () => {
    expect(await listIds("search=%2B14155550102")).toEqual([ids.undelivered]);
    expect(await listIds(`search=${encodeURIComponent("+1 (415) 555-0102")}`)).toEqual([ids.undelivered]);
    expect(await listIds("search=5550103")).toEqual([ids.pending]);
    expect(await listIds("search=41555501")).toEqual([ids.test, ids.pending, ids.undelivered, ids.delivered]);
    expect(await listIds("search=%2B14155559999")).toEqual([]);
  });

  it("filters by status, sender, test or live, and dates; filters combine", async () => {
    expect(await listIds("status=undelivered")).toEqual([ids.undelivered]);
    expect(await listIds("status=failed")).toEqual([ids.formula]);
    expect(await listIds("sender=PROMO")).toEqual([ids.undelivered]);
    expect(await listIds("test=true")).toEqual([ids.test]);
    expect(await listIds("test=false")).toEqual([ids.formula, ids.pending, ids.undelivered, ids.delivered]);
    expect(await listIds(`since=${day(daysAgo(1))}`)).toEqual([ids.test, ids.formula, ids.pending, ids.undelivered]);
    expect(await listIds(`until=${day(daysAgo(2))}`)).toEqual([ids.delivered]);
    expect(await listIds(`since=${day(daysAgo(3))}&until=${day(daysAgo(3))}`)).toEqual([ids.delivered]);
    expect(await listIds(`since=${encodeURIComponent(daysAgo(4).toISOString())}&until=${encodeURIComponent(daysAgo(2).toISOString())}`)).toEqual([ids.delivered]);
    expect(await listIds("sender=ACME&test=false&search=5550")).toEqual([ids.pending, ids.delivered]);
    // Paged: the filters hold on every page.
    const first = await call(log.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages?test=false&limit=2" });
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual([ids.formula, ids.pending]);
    expect(await listIds(`test=false&limit=2&cursor=${first.body.nextCursor}`)).toEqual([ids.undelivered, ids.delivered]);
  });

  it("answers 422 naming the field for a filter it cannot read, and 404 for another workspace", async () => {
    const bad = async (query: string) => (await call(log.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: `/api/v1/connectors/x/messages?${query}` })).body.error.details;
    expect(await bad("search=abc")).toEqual([{ field: "search", message: "search must be a phone number or some of its digits" }]);
    expect(await bad("status=lost")).toEqual([expect.objectContaining({ field: "status" })]);
    expect(await bad("since=yesterday")).toEqual([expect.objectContaining({ field: "since" })]);
    expect(await bad("test=maybe")).toEqual([{ field: "test", message: "test must be true or false" }]);
    expect(await bad("since=2026-11-20&until=2026-11-10")).toEqual([{ field: "until", message: "until must be after since" }]);
    const other = await createTestWorkspace();
    expect((await call(log.GET, { key: other.keys.admin, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages" })).status).toBe(404);
  });
});

describe("GET /api/v1/connectors/{id}/messages/export", () => {
  it("streams the filtered list as CSV, a formula-like cell made harmless, numbers left as numbers", async () => {
    const res = await call(exported.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages/export?test=false" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Fake-JSON-messages.csv"');
    const lines = (res.body as string).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("created_at,to,status,reason,sender,test,provider_message_id,segments,message_id");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(new RegExp(`^[^,]+,"'=HYPERLINK\\(""evil.example""\\)",failed,Invalid mobile number,ACME,false,,1,${ids.formula}$`));
    expect(lines[3]).toMatch(new RegExp(`^[^,]+,\\+14155550102,undelivered,UNDELIV: Absent subscriber,PROMO,false,[^,]+,1,${ids.undelivered}$`));
    expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual([ids.formula, ids.pending, ids.undelivered, ids.delivered]);

    const failedOnly = await call(exported.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages/export?status=delivered" });
    expect((failedOnly.body as string).trimEnd().split("\r\n")).toHaveLength(2);
  });

  it("checks the workspace and the filters before it streams anything", async () => {
    const other = await createTestWorkspace();
    expect((await call(exported.GET, { key: other.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages/export" })).status).toBe(404);
    const unauthenticated = await call(exported.GET, { params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages/export" });
    expect(unauthenticated.status).toBe(401);
    const bad = await call(exported.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages/export?status=lost" });
    expect(bad.status).toBe(422);
  });
});

describe("a message's attempts", () => {
  it("keeps the attempt a retry superseded, with its request, response and why, and the last one on the message", async () => {
    const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550150", message: "Retry me" });
    setup.provider.setBehavior("unavailable");
    await expect(processSend({ messageId: accepted.id }, 1)).rejects.toBeInstanceOf(RetryLaterError);
    expect(await listMessageAttempts(setup.actor, accepted.id)).toEqual([
      expect.objectContaining({ attempt: 1, retried: true, outcome: expect.stringMatching(/^Retrying in \d+ s: HTTP 503/), response: expect.objectContaining({ status: 503 }) }),
    ]);
    setup.provider.setBehavior("ok");
    await processSend({ messageId: accepted.id }, 2);

    const res = await call(attempts.GET, { key: setup.ws.keys.viewer, params: { id: accepted.id } });
    expect(res.status).toBe(200);
    const [first, second] = res.body.data;
    expect(res.body.data).toHaveLength(2);
    expect(first).toMatchObject({ attempt: 1, retried: true, at: expect.any(String), response: { status: 503, body: expect.stringContaining("unavailable") } });
    expect(first.request).toMatchObject({ method: "POST", url: `${setup.provider.url}/json/send`, body: expect.stringContaining("Retry me") });
    const sent = await getMessage(setup.actor, accepted.id);
    expect(second).toMatchObject({ attempt: 2, retried: false, outcome: `Accepted: provider id ${sent.providerMessageId}`, response: { status: 201, body: expect.stringContaining(sent.providerMessageId!) } });
    expect(await db().messageAttempt.count({ where: { messageId: accepted.id } })).toBe(1);
  });

  it("writes no history row for a message sent once", async () => {
    const once = await sendNow("+14155550151", "ACME");
    expect(await db().messageAttempt.count({ where: { messageId: once.id } })).toBe(0);
    expect(await listMessageAttempts(setup.actor, once.id)).toEqual([expect.objectContaining({ attempt: 1, retried: false, outcome: `Accepted: provider id ${once.providerMessageId}` })]);
    const other = await createTestWorkspace();
    expect((await call(attempts.GET, { key: other.keys.viewer, params: { id: once.id } })).status).toBe(404);
  });
});
