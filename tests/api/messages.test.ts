// REST: send, read a message, and Send Test SMS, against a fake provider on localhost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as messages from "@/app/api/v1/messages/route";
import * as message from "@/app/api/v1/messages/[id]/route";
import * as attempt from "@/app/api/v1/messages/[id]/attempt/route";
import * as test from "@/app/api/v1/connectors/[id]/test/route";
import * as log from "@/app/api/v1/connectors/[id]/messages/route";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { processSend } from "@/lib/messages/process-send";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createTestWorkspace } from "../fixtures";
import { setUpSending, type SendingSetup } from "../sending-fixtures";
import { call } from "./client";

let setup: SendingSetup;
beforeAll(async () => {
  setup = await setUpSending();
});
afterAll(async () => {
  await setup.provider.close();
  await closeSendQueue();
});

describe("POST /api/v1/messages and GET /api/v1/messages/{id}", () => {
  it("accepts with 202, then shows status, provider id and timeline", async () => {
    const accepted = await call(messages.POST, { key: setup.ws.keys.manager, method: "POST", body: { connectorId: setup.connectorId, to: "+14155550123", message: "Hello" } });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: "queued" });

    await processSend({ messageId: accepted.body.id }, 1);
    const read = await call(message.GET, { key: setup.ws.keys.viewer, params: { id: accepted.body.id } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: accepted.body.id,
      connectorId: setup.connectorId,
      to: "+14155550123",
      status: "sent",
      reason: null,
      providerMessageId: expect.any(String),
      segments: 1,
      createdAt: expect.any(String),
      timeline: [{ status: "queued" }, { status: "sent" }],
    });

    const sent = await call(attempt.GET, { key: setup.ws.keys.viewer, params: { id: accepted.body.id } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      attempts: 1,
      body: "Hello",
      request: { method: "POST", url: `${setup.provider.url}/json/send`, headers: expect.objectContaining({ Authorization: SECRET_MASK }) },
      response: { status: expect.any(Number), body: expect.stringContaining(read.body.providerMessageId) },
    });

    const listed = await call(log.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: "/api/v1/connectors/x/messages?limit=5" });
    expect(listed.body.data[0]).toMatchObject({ id: accepted.body.id, status: "sent" });
  });

  it("answers 422 naming the field, 403 for a viewer and 404 for another workspace's connector or message", async () => {
    const invalid = await call(messages.POST, { key: setup.ws.keys.admin, method: "POST", body: { connectorId: setup.connectorId, message: "x" } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details).toEqual([{ field: "to", message: "Required" }]);

    const viewer = await call(messages.POST, { key: setup.ws.keys.viewer, method: "POST", body: { connectorId: setup.connectorId, to: "+14155550123", message: "x" } });
    expect(viewer.status).toBe(403);

    const other = await createTestWorkspace();
    const foreign = await call(messages.POST, { key: other.keys.admin, method: "POST", body: { connectorId: setup.connectorId, to: "+14155550123", message: "x" } });
    expect(foreign.status).toBe(404);
    const mine = await call(messages.POST, { key: setup.ws.keys.admin, method: "POST", body: { connectorId: setup.connectorId, to: "+14155550123", message: "x" } });
    expect((await call(message.GET, { key: other.keys.admin, params: { id: mine.body.id } })).status).toBe(404);
    expect((await call(attempt.GET, { key: other.keys.admin, params: { id: mine.body.id } })).status).toBe(404);
  });
});

describe("POST /api/v1/connectors/{id}/test", () => {
  it("sends at once and returns the request as it went out (secret masked), the reply and the extracted id", async () => {
    const res = await call(test.POST, { key: setup.ws.keys.manager, method: "POST", params: { id: setup.connectorId }, body: { to: "4155550123", countryCode: "+1", message: "Test 1" } });
    expect(res.status).toBe(200);
    const received = setup.provider.received.at(-1)!;
    expect(res.body).toEqual({
      request: { method: "POST", url: `${setup.provider.url}/json/send`, headers: expect.objectContaining({ Authorization: SECRET_MASK }), body: expect.any(String) },
      response: { status: 201, headers: expect.any(Object), body: expect.stringContaining(received.messageId!) },
      sentId: received.messageId,
      messageId: expect.any(String),
      error: null,
      note: null,
      durationMs: expect.any(Number),
      warnings: [],
      tokenExchanges: [],
    });
    expect(JSON.parse(res.body.request.body)).toMatchObject({ to: ["+14155550123"], message: { text: "Test 1" }, reference: res.body.messageId });
    expect(received.headers.authorization).toBe("Bearer sk_test_secret");
  });

  it("uses unsaved form values, keeping saved secrets that come back masked", async () => {
    const connector = {
      name: "Edited but not saved",
      senders: [{ name: "ACME", type: "transactional" }],
      request: {
        method: "GET",
        url: `${setup.provider.url}/get/send`,
        params: [{ key: "to", value: "{{destination | digits}}" }, { key: "text", value: "{{message}}" }],
        headers: [{ key: "Authorization", value: SECRET_MASK, secret: true }],
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
    };
    const res = await call(test.POST, { key: setup.ws.keys.manager, method: "POST", params: { id: setup.connectorId }, body: { to: "+14155550123", message: "a&b c", connector } });
    expect(res.body.error).toBeNull();
    const received = setup.provider.received.at(-1)!;
    expect(received.method).toBe("GET");
    expect(received.query).toEqual({ to: "14155550123", text: "a&b c" });
    expect(received.headers.authorization).toBe("Bearer sk_test_secret");
  });

  it("reports a failure with its reason instead of an error status", async () => {
    setup.provider.setBehavior("unauthorized", { times: 1 });
    const res = await call(test.POST, { key: setup.ws.keys.manager, method: "POST", params: { id: setup.connectorId }, body: { to: "+14155550123", message: "x" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ error: 'HTTP 401: {"error":"bad key"}', sentId: null, response: { status: 401 } });
  });

  it("answers 422 for an invalid number and for invalid form values", async () => {
    const badNumber = await call(test.POST, { key: setup.ws.keys.manager, method: "POST", params: { id: setup.connectorId }, body: { to: "123", message: "x" } });
    expect(badNumber.status).toBe(422);
    expect(badNumber.body.error.details).toEqual([{ field: "to", message: "Invalid mobile number" }]);
    const badForm = await call(test.POST, {
      key: setup.ws.keys.manager,
      method: "POST",
      params: { id: setup.connectorId },
      body: { to: "+14155550123", message: "x", connector: { name: "x", senders: [], request: { method: "POST", url: "nope" } } },
    });
    expect(badForm.status).toBe(422);
    expect(badForm.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["senders", "request.url"]));
  });
});

describe("GET /api/v1/connectors/{id}/messages paging", () => {
  it("pages through messages created in the same millisecond without skipping any", async () => {
    const { db } = await import("@/lib/db");
    const at = new Date("2026-01-01T00:00:00.000Z");
    const ids = ["pg-a", "pg-b", "pg-c", "pg-d", "pg-e"];
    await db().message.createMany({
      data: ids.map((id) => ({ id, workspaceId: setup.ws.id, connectorId: setup.connectorId, to: "+14155550123", body: "x", segments: 1, encoding: "GSM-7", status: "cancelled" as const, createdAt: at })),
    });
    // Filtered by status, these five are the connector's only messages.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: URLSearchParams = new URLSearchParams({ limit: "2", status: "cancelled", ...(cursor ? { cursor } : {}) });
      const res: { status: number; body: any } = await call(log.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: `/api/v1/connectors/x/messages?${query}` });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });
});
