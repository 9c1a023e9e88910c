// REST: delivery reports, fields, mapping, metrics and suppressions — shapes, roles and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reports from "@/app/api/v1/connectors/[id]/delivery-reports/route";
import * as fields from "@/app/api/v1/connectors/[id]/delivery-fields/route";
import * as tracking from "@/app/api/v1/connectors/[id]/delivery-tracking/route";
import * as metrics from "@/app/api/v1/connectors/[id]/metrics/route";
import * as metricsOverTime from "@/app/api/v1/connectors/[id]/metrics/over-time/route";
import * as suppressions from "@/app/api/v1/suppressions/route";
import * as suppression from "@/app/api/v1/suppressions/[phone]/route";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { db } from "@/lib/db";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createTestWorkspace } from "../fixtures";
import { json, postCallback, publicIdOf } from "../delivery-fixtures";
import { setUpSending, type SendingSetup } from "../sending-fixtures";
import { call } from "./client";

let setup: SendingSetup;
beforeAll(async () => {
  setup = await setUpSending();
  await postCallback(await publicIdOf(setup.connectorId), json({ msg: { id: "abc", state: "DELIVRD" }, err: null }));
});
afterAll(async () => {
  await setup.provider.close();
  await closeSendQueue();
});

const params = () => ({ id: setup.connectorId });

describe("delivery tracking over REST", () => {
  it("lists captured callbacks newest first and their fields", async () => {
    const captured = await call(reports.GET, { key: setup.ws.keys.viewer, params: params() });
    expect(captured.status).toBe(200);
    expect(captured.body.data[0]).toMatchObject({ method: "POST", contentType: "application/json", body: expect.stringContaining('"abc"'), outcome: "received" });

    const found = await call(fields.GET, { key: setup.ws.keys.viewer, params: params() });
    expect(found.body).toMatchObject({
      capturedAt: expect.any(String),
      fields: [
        { path: "msg.id", sample: "abc" },
        { path: "msg.state", sample: "DELIVRD" },
        { path: "err", sample: "null" },
      ],
      suggestion: { messageIdField: "msg.id", statusField: "msg.state" },
    });
  });

  it("saves a mapping with PUT, masks its secret, and names bad fields", async () => {
    const saved = await call(tracking.PUT, {
      key: setup.ws.keys.manager,
      method: "PUT",
      params: params(),
      body: { messageIdField: "msg.id", statusField: "msg.state", successValues: ["DELIVRD"], authentication: { type: "hmac", header: "X-Sig", secret: "s3cret" } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.deliveryTracking).toMatchObject({ messageIdField: "msg.id", authentication: { type: "hmac", header: "X-Sig", secret: SECRET_MASK } });
    expect(JSON.stringify(await db().connector.findUniqueOrThrow({ where: { id: setup.connectorId }, select: { config: true } }))).not.toContain("s3cret");

    const bad = await call(tracking.PUT, { key: setup.ws.keys.manager, method: "PUT", params: params(), body: { successValues: "DELIVRD", authentication: { type: "basic" } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["successValues", "authentication.username"]));

    expect((await call(tracking.PUT, { key: setup.ws.keys.viewer, method: "PUT", params: params(), body: {} })).status).toBe(403);
  });

  it("answers metrics in the documented shape, and 404 to another workspace", async () => {
    const res = await call(metrics.GET, { key: setup.ws.keys.viewer, params: params() });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["attempted", "delivered", "deliveryRate", "failedToDeliver", "failedToSend", "failureReasons", "pending", "sent", "untracked"]);
    const other = await createTestWorkspace();
    for (const route of [metrics.GET, reports.GET, fields.GET]) expect((await call(route, { key: other.keys.admin, params: params() })).status).toBe(404);
  });
});

describe("metrics over time over REST", () => {
  it("answers the chart's series for a range and a sender, and refuses an unknown range", async () => {
    const message = { workspaceId: setup.ws.id, connectorId: setup.connectorId, to: "+14155550701", body: "hi", segments: 1, encoding: "GSM-7" };
    await db().message.createMany({
      data: [
        { ...message, senderName: "ACME", status: "delivered" },
        { ...message, senderName: "ACME", status: "failed" },
        { ...message, senderName: "OTHER", status: "undelivered" },
      ],
    });
    const path = (query: string) => `/api/v1/connectors/${setup.connectorId}/metrics/over-time?${query}`;

    const hourly = await call(metricsOverTime.GET, { key: setup.ws.keys.viewer, params: params(), path: path("range=24h") });
    expect(hourly.status).toBe(200);
    expect(hourly.body).toEqual({
      range: "24h",
      bucket: "hour",
      points: [{ at: expect.stringMatching(/T\d\d:00:00\.000Z$/), attempted: 3, delivered: 1, failedToSend: 1, failedToDeliver: 1 }],
    });

    const daily = await call(metricsOverTime.GET, { key: setup.ws.keys.viewer, params: params(), path: path("sender=ACME") });
    expect(daily.body).toMatchObject({ range: "7d", bucket: "day", points: [{ at: expect.stringMatching(/T00:00:00\.000Z$/), attempted: 2, failedToDeliver: 0 }] });

    const unknown = await call(metricsOverTime.GET, { key: setup.ws.keys.viewer, params: params(), path: path("range=1y") });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: "range", message: "Use one of 24h, 7d, 30d" }]);

    const other = await createTestWorkspace();
    expect((await call(metricsOverTime.GET, { key: other.keys.admin, params: params(), path: path("range=7d") })).status).toBe(404);
  });
});

describe("suppressions over REST", () => {
  it("lists, exports as CSV and releases, scoped to the workspace", async () => {
    await db().recipientHealth.create({ data: { workspaceId: setup.ws.id, phone: "+14155550700", consecutiveFailures: 3, lastReason: "Absent", suppressedAt: new Date() } });
    const listed = await call(suppressions.GET, { key: setup.ws.keys.viewer });
    expect(listed.body).toEqual({ data: [expect.objectContaining({ phone: "+14155550700", consecutiveFailures: 3, lastReason: "Absent" })], nextCursor: null });

    const csvResponse = await suppressions.GET(
      new (await import("next/server")).NextRequest("http://switchboard.test/api/v1/suppressions?format=csv", { headers: { authorization: `Bearer ${setup.ws.keys.viewer}` } }),
      { params: Promise.resolve({}) },
    );
    expect(csvResponse.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csvResponse.text()).split("\r\n")[1]).toMatch(/^\+14155550700,3,Absent,/);

    const other = await createTestWorkspace();
    expect((await call(suppression.DELETE, { key: other.keys.admin, method: "DELETE", params: { phone: "+14155550700" } })).status).toBe(404);
    expect((await call(suppression.DELETE, { key: setup.ws.keys.viewer, method: "DELETE", params: { phone: "+14155550700" } })).status).toBe(403);
    expect((await call(suppression.DELETE, { key: setup.ws.keys.manager, method: "DELETE", params: { phone: encodeURIComponent("+14155550700") } })).status).toBe(204);
    expect((await call(suppressions.GET, { key: setup.ws.keys.viewer })).body).toEqual({ data: [], nextCursor: null });
  });
});
