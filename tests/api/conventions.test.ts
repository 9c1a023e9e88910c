// The conventions every /api/v1 endpoint follows: paging and filters, JSON 404 and 405, Idempotency-Key,
// and batch sends — against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/connectors/route";
import * as connectorItem from "@/app/api/v1/connectors/[id]/route";
import * as reports from "@/app/api/v1/connectors/[id]/delivery-reports/route";
import * as log from "@/app/api/v1/connectors/[id]/messages/route";
import * as messages from "@/app/api/v1/messages/route";
import * as batch from "@/app/api/v1/messages/batch/route";
import * as suppressions from "@/app/api/v1/suppressions/route";
import * as unknown from "@/app/api/v1/[[...path]]/route";
import { deleteExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { encodeCursor } from "@/lib/paging";
import { db } from "@/lib/db";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { connectorBody, createTestWorkspace } from "../fixtures";
import { setUpSending, type SendingSetup } from "../sending-fixtures";
import { call } from "./client";

let setup: SendingSetup;
beforeAll(async () => {
  setup = await setUpSending();
});
afterAll(async () => {
  // The queue is shared by the run's test files: leave no jobs that would keep another file's workers busy.
  await db().message.updateMany({ where: { connectorId: setup.connectorId, status: "queued" }, data: { status: "cancelled" } });
  await setup.provider.close();
  await closeSendQueue();
});

const send = (to = "+14155550123") => ({ connectorId: setup.connectorId, to, message: "Hello" });

describe("paging and filters", () => {
  it("pages the connector list with an opaque cursor, by name", async () => {
    const ws = await createTestWorkspace();
    const names = ["alpha", "Bravo", "charlie", "Delta", "echo"];
    for (const name of names) expect((await call(collection.POST, { key: ws.keys.admin, method: "POST", body: connectorBody({ name }) })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({ limit: "2", ...(cursor ? { cursor } : {}) });
      const page: { status: number; body: { data: Array<{ name: string }>; nextCursor: string | null } } = await call(collection.GET, { key: ws.keys.viewer, path: `/api/v1/connectors?${query}` });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c) => c.name));
      cursor = page.body.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(seen).toEqual(names);
    expect((await call(collection.GET, { key: ws.keys.viewer })).body.data).toHaveLength(5);
  });

  it.each([
    ["limit=-5", "limit"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["limit=ten", "limit"],
    ["limit=2.5", "limit"],
    ["cursor=not-a-cursor", "cursor"],
    [`cursor=${encodeCursor(["not a date", "x"])}`, "cursor"],
    ["status=bogus", "status"],
  ])("answers 422 naming the field for %s", async (query, field) => {
    const res = await call(log.GET, { key: setup.ws.keys.viewer, params: { id: setup.connectorId }, path: `/api/v1/connectors/x/messages?${query}` });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it("checks limit, cursor and filters on every list", async () => {
    const lists: Array<[(...args: any[]) => Promise<Response>, Record<string, string> | undefined]> = [
      [collection.GET, undefined],
      [reports.GET, { id: setup.connectorId }],
      [suppressions.GET, undefined],
    ];
    for (const [handler, params] of lists) {
      const res = await call(handler, { key: setup.ws.keys.viewer, params, path: "/api/v1/x?limit=500" });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].field).toBe("limit");
      expect((await call(handler, { key: setup.ws.keys.viewer, params, path: "/api/v1/x?cursor=%%%" })).body.error.details[0].field).toBe("cursor");
    }
    const format = await call(suppressions.GET, { key: setup.ws.keys.viewer, path: "/api/v1/suppressions?format=xml" });
    expect(format.status).toBe(422);
    expect(format.body.error.details).toEqual([{ field: "format", message: "format must be json or csv" }]);
  });

  it("pages suppressions and delivery reports with a nextCursor", async () => {
    const ws = await createTestWorkspace();
    const at = Date.now();
    await db().recipientHealth.createMany({
      data: [0, 1, 2].map((i) => ({ workspaceId: ws.id, phone: `+1415555080${i}`, consecutiveFailures: 3, suppressedAt: new Date(at - i * 1000) })),
    });
    const first = await call(suppressions.GET, { key: ws.keys.viewer, path: "/api/v1/suppressions?limit=2" });
    expect(first.body.data.map((s: { phone: string }) => s.phone)).toEqual(["+14155550800", "+14155550801"]);
    const second = await call(suppressions.GET, { key: ws.keys.viewer, path: `/api/v1/suppressions?limit=2&cursor=${first.body.nextCursor}` });
    expect(second.body).toEqual({ data: [expect.objectContaining({ phone: "+14155550802" })], nextCursor: null });
  });
});

describe("JSON for every answer under /api/v1", () => {
  it("answers an unknown path with the JSON 404, for any method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await call(unknown[method], { method, path: "/api/v1/nope/nothing" });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: "not_found", message: expect.stringContaining(`${method} /api/v1/nope/nothing`) });
    }
  });

  it("answers a wrong method with 405, Allow and the JSON error", async () => {
    const put = await call(collection.PUT, { key: setup.ws.keys.admin, method: "PUT", path: "/api/v1/connectors" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(put.body.error).toMatchObject({ code: "method_not_allowed", message: "PUT is not allowed here; this path takes GET, POST, HEAD, OPTIONS" });
    const get = await call(messages.GET, { method: "GET", path: "/api/v1/messages" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    const options = await connectorItem.OPTIONS(new (await import("next/server")).NextRequest("http://switchboard.test/api/v1/connectors/x", { method: "OPTIONS" }), { params: Promise.resolve({}) });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
  });
});

describe("Idempotency-Key on POST /api/v1/messages", () => {
  const post = (key: string, body: unknown, apiKey = setup.ws.keys.manager) => call(messages.POST, { key: apiKey, method: "POST", body, path: "/api/v1/messages", headers: { "idempotency-key": key } });
  const count = () => db().message.count({ where: { connectorId: setup.connectorId } });

  it("returns the first answer for the same key and body, and creates nothing new", async () => {
    const key = `k-${Date.now()}-same`;
    const before = await count();
    const first = await post(key, send());
    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The same body with its keys in another order is the same request.
    const again = await post(key, { message: "Hello", to: "+14155550123", connectorId: setup.connectorId });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(before + 1);
  });

  it("answers 422 for the same key with another body", async () => {
    const key = `k-${Date.now()}-other`;
    expect((await post(key, send())).status).toBe(202);
    const other = await post(key, send("+14155550999"));
    expect(other.status).toBe(422);
    expect(other.body.error.details).toEqual([{ field: "Idempotency-Key", message: expect.stringContaining("different request") }]);
  });

  it("creates one message for concurrent requests with one key", async () => {
    const key = `k-${Date.now()}-parallel`;
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(key, send())));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it("replays a refusal too, scopes keys to the workspace, and refuses a malformed key", async () => {
    const key = `k-${Date.now()}-scoped`;
    const refused = await post(key, { ...send(), connectorId: "missing" });
    expect(refused.status).toBe(404);
    expect((await post(key, { ...send(), connectorId: "missing" })).headers.get("idempotent-replayed")).toBe("true");
    // Another API key of the same workspace shares the key; another workspace does not.
    expect((await post(key, { ...send(), connectorId: "missing" }, setup.ws.keys.admin)).headers.get("idempotent-replayed")).toBe("true");
    const other = await createTestWorkspace();
    const elsewhere = await post(key, send(), other.keys.manager);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get("idempotent-replayed")).toBeNull();
    const malformed = await post("has spaces in it", send());
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.details[0].field).toBe("Idempotency-Key");
  });

  it("forgets keys after 24 hours", async () => {
    const key = `k-${Date.now()}-expired`;
    const first = await post(key, send());
    await db().idempotencyKey.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const later = await post(key, send());
    expect(later.status).toBe(202);
    expect(later.body.id).not.toBe(first.body.id);
    await db().idempotencyKey.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    expect(await deleteExpiredIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db().idempotencyKey.count({ where: { key } })).toBe(0);
  });
});

describe("POST /api/v1/messages/batch", () => {
  it("answers one entry per input, in order, with bad entries as errors in their slots", async () => {
    const other = await createTestWorkspace();
    const res = await call(batch.POST, {
      key: setup.ws.keys.manager,
      method: "POST",
      path: "/api/v1/messages/batch",
      body: {
        messages: [
          send("+14155550201"),
          { connectorId: setup.connectorId, message: "no number" },
          send("123"),
          { ...send("+14155550202"), sender: "NOPE" },
          { ...send("+14155550203"), connectorId: "missing" },
          send("+14155550204"),
        ],
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual([
      { id: expect.any(String), status: "queued" },
      { error: { code: "validation_failed", message: "to: Required", details: [{ field: "to", message: "Required" }] } },
      { id: expect.any(String), status: "failed", reason: "Invalid mobile number" },
      { error: { code: "validation_failed", message: expect.stringContaining('no sender named "NOPE"'), details: [{ field: "sender", message: expect.any(String) }] } },
      { error: { code: "not_found", message: "Connector not found" } },
      { id: expect.any(String), status: "queued" },
    ]);
    const stored = await db().message.findMany({ where: { id: { in: [res.body.data[0].id, res.body.data[5].id] } }, select: { to: true } });
    expect(stored.map((m) => m.to).sort()).toEqual(["+14155550201", "+14155550204"]);
    // Another workspace's connector is not found, entry by entry.
    const foreign = await call(batch.POST, { key: other.keys.manager, method: "POST", body: { messages: [send()] } });
    expect(foreign.body.data).toEqual([{ error: { code: "not_found", message: "Connector not found" } }]);
  });

  it("takes up to 1,000 messages and refuses more, or none, as a whole", async () => {
    const full = await call(batch.POST, { key: setup.ws.keys.manager, method: "POST", body: { messages: Array.from({ length: 1000 }, (_, i) => send(`+1415556${String(i).padStart(4, "0")}`)) } });
    expect(full.status).toBe(202);
    expect(full.body.data).toHaveLength(1000);
    expect(full.body.data.every((entry: { status?: string }) => entry.status === "queued")).toBe(true);
    const tooMany = await call(batch.POST, { key: setup.ws.keys.manager, method: "POST", body: { messages: Array.from({ length: 1001 }, () => send()) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].field).toBe("messages");
    expect((await call(batch.POST, { key: setup.ws.keys.manager, method: "POST", body: { messages: [] } })).status).toBe(422);
    expect((await call(batch.POST, { key: setup.ws.keys.viewer, method: "POST", body: { messages: [send()] } })).status).toBe(403);
  });
});
