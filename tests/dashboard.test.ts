// The workspace dashboard: totals, per-connector rows, top failure reasons and flags, against known sends and
// delivery reports (one connector sending to a fake provider) and known histories (two connectors whose messages are
// recorded through the lifecycle and then dated back).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dashboardRoute from "@/app/api/v1/dashboard/route";
import { createConnector } from "@/lib/connectors/save-connector";
import { db } from "@/lib/db";
import { workspaceDashboard } from "@/lib/delivery/dashboard";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { claimMessages, createMessages, markSent } from "@/lib/messages/lifecycle";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { call } from "./api/client";
import { applyAll, json, postCallback, publicIdOf } from "./delivery-fixtures";
import { connectorBody, createTestWorkspace } from "./fixtures";
import { setUpSending, type SendingSetup } from "./sending-fixtures";

let setup: SendingSetup;
let quiet: { id: string; name: string };
let jumpy: { id: string; name: string };
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** `count` messages of a connector, sent (with a provider id) or failed to send, dated `hours` ago. */
async function history(connectorId: string, { sent = 0, failed = 0, hours }: { sent?: number; failed?: number; hours: number }) {
  const base = { workspaceId: setup.ws.id, connectorId, senderName: "ACME", senderType: "transactional" as const, body: "m", segments: 1, encoding: "GSM-7" };
  const queued = await createMessages(Array.from({ length: sent }, (_, i) => ({ ...base, to: `+1415555${String(7000 + i)}`, status: "queued" as const })));
  await claimMessages(queued.map((m) => m.id));
  await markSent(queued.map((m) => ({ id: m.id, providerMessageId: `p-${m.id}`, note: null, request: null, response: null })));
  const refused = await createMessages(Array.from({ length: failed }, (_, i) => ({ ...base, to: `+1415555${String(8000 + i)}`, status: "failed" as const, reason: "HTTP 500: provider down" })));
  const ids = [...queued, ...refused].map((m) => m.id);
  await db().$executeRaw`update "Message" set "createdAt" = ${hoursAgo(hours)} where id = any(${ids}::text[])`;
}

beforeAll(async () => {
  setup = await setUpSending();
  await updateDeliveryTracking(setup.actor, setup.connectorId, { messageIdField: "messageId", statusField: "status", successValues: ["DELIVRD"], failureReasonField: "reason" });
  const send = async (to: string) => {
    const accepted = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to, message: "Hello" });
    await processSend({ messageId: accepted.id }, 1);
    return getMessage(setup.actor, accepted.id);
  };
  // The fake provider's connector, today: 5 sent (3 delivered, 1 undelivered, 1 waiting) and 1 refused at the door.
  const sent = [await send("+14155550201"), await send("+14155550202"), await send("+14155550203"), await send("+14155550204"), await send("+14155550205")];
  await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "999", message: "m" });
  await postCallback(await publicIdOf(setup.connectorId), json([
    { messageId: sent[0].providerMessageId, status: "DELIVRD" },
    { messageId: sent[1].providerMessageId, status: "DELIVRD" },
    { messageId: sent[2].providerMessageId, status: "DELIVRD" },
    { messageId: sent[3].providerMessageId, status: "UNDELIV", reason: "Absent subscriber" },
  ]));
  await applyAll();

  // "Quiet": had delivery reports, the last one 10 hours ago; 4 messages sent in the last 2 hours, none reported.
  quiet = await createConnector(setup.actor, connectorBody({ name: "Quiet" }));
  const quietCallback = await postCallback(await publicIdOf(quiet.id), json({ messageId: "old", status: "DELIVRD" }));
  expect(quietCallback.status).toBe(200);
  await db().deliveryCallback.updateMany({ where: { connectorId: quiet.id }, data: { receivedAt: hoursAgo(10) } });
  await history(quiet.id, { sent: 4, hours: 2 });

  // "Jumpy": 1 in 20 failed over the week before, 6 in 12 today; 3 more sent four days ago.
  jumpy = await createConnector(setup.actor, connectorBody({ name: "Jumpy" }));
  await history(jumpy.id, { sent: 16, failed: 1, hours: 24 * 5 });
  await history(jumpy.id, { sent: 3, hours: 24 * 4 });
  await history(jumpy.id, { sent: 6, failed: 6, hours: 3 });
});

afterAll(async () => {
  await setup.provider.close();
  await closeSendQueue();
});

describe("the workspace dashboard", () => {
  it("counts today's messages across connectors: rate, sent, delivered, failed, pending, untracked", async () => {
    const day = await workspaceDashboard({ workspaceId: setup.ws.id, role: "viewer" }, { range: "24h" });
    expect(day.hasMessages).toBe(true);
    expect(day.totals).toEqual({
      attempted: 6 + 4 + 12,
      sent: 5 + 4 + 6,
      failedToSend: 1 + 0 + 6,
      delivered: 3,
      failedToDeliver: 1,
      pending: 1 + 4 + 6,
      untracked: 0,
      deliveryRate: 0.2,
    });
    const row = (id: string) => day.connectors.find((c) => c.id === id)!.metrics;
    expect(row(setup.connectorId)).toEqual({ attempted: 6, sent: 5, failedToSend: 1, delivered: 3, failedToDeliver: 1, pending: 1, untracked: 0, deliveryRate: 0.6 });
    // The same definition as the connector's own metrics.
    const { failureReasons: _reasons, ...own } = await connectorMetrics(setup.actor, setup.connectorId);
    expect(row(setup.connectorId)).toEqual(own);
    expect(row(quiet.id)).toMatchObject({ attempted: 4, sent: 4, delivered: 0, pending: 4 });
    expect(row(jumpy.id)).toMatchObject({ attempted: 12, sent: 6, failedToSend: 6, pending: 6 });
    expect(day.connectors.map((c) => c.name)).toEqual(["Jumpy", "Fake JSON", "Quiet"]);
    expect(day.failureReasons).toEqual([
      { kind: "send", reason: "HTTP 500: provider down", count: 6 },
      { kind: "send", reason: "Invalid mobile number", count: 1 },
      { kind: "delivery", reason: "UNDELIV: Absent subscriber", count: 1 },
    ]);
  });

  it("widens with the period", async () => {
    const week = await workspaceDashboard({ workspaceId: setup.ws.id, role: "viewer" }, { range: "7d" });
    expect(week.totals).toMatchObject({ attempted: 22 + 17 + 3, sent: 15 + 16 + 3, failedToSend: 7 + 1 });
    expect(week.connectors.find((c) => c.id === jumpy.id)!.metrics).toMatchObject({ attempted: 32, sent: 25, failedToSend: 7 });
    expect(week.failureReasons[0]).toEqual({ kind: "send", reason: "HTTP 500: provider down", count: 7 });
    const month = await workspaceDashboard({ workspaceId: setup.ws.id, role: "viewer" }, { range: "30d" });
    expect(month.totals.attempted).toBe(42);
  });

  it("flags the connector whose reports stopped and the one whose failures jumped, with the numbers", async () => {
    const { flags } = await workspaceDashboard({ workspaceId: setup.ws.id, role: "viewer" }, { range: "24h" });
    expect(flags).toEqual([
      { kind: "reports-stopped", connectorId: quiet.id, connectorName: "Quiet", lastReportAt: expect.any(String), sentSince: 4, hours: 6 },
      {
        kind: "failure-rate",
        connectorId: jumpy.id,
        connectorName: "Jumpy",
        recent: { failures: 6, attempted: 12, rate: 0.5 },
        baseline: { failures: 1, attempted: 20, rate: 0.05 },
      },
    ]);
    const reportAt = new Date((flags[0] as { lastReportAt: string }).lastReportAt).getTime();
    expect(Math.abs(reportAt - hoursAgo(10).getTime())).toBeLessThan(60_000);
  });

  it("is empty for a workspace without messages, and shows one workspace only", async () => {
    const other = await createTestWorkspace();
    const empty = await workspaceDashboard({ workspaceId: other.id, role: "viewer" }, {});
    expect(empty).toMatchObject({ range: "24h", hasMessages: false, connectors: [], failureReasons: [], flags: [] });
    expect(empty.totals.attempted).toBe(0);
    const withConnector = await createConnector({ workspaceId: other.id, role: "admin" }, connectorBody());
    const still = await workspaceDashboard({ workspaceId: other.id, role: "viewer" }, {});
    expect(still.hasMessages).toBe(false);
    expect(still.connectors.map((c) => c.id)).toEqual([withConnector.id]);
  });

  it("is served to any role at GET /api/v1/dashboard, and refuses an unknown period naming it", async () => {
    const res = await call(dashboardRoute.GET, { key: setup.ws.keys.viewer, path: "/api/v1/dashboard?range=7d" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ range: "7d", totals: { attempted: 42 } });
    const bad = await call(dashboardRoute.GET, { key: setup.ws.keys.viewer, path: "/api/v1/dashboard?range=1y" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ field: "range", message: "range must be one of 24h, 7d, 30d" }]);
    expect((await call(dashboardRoute.GET, { path: "/api/v1/dashboard" })).status).toBe(401);
  });
});
