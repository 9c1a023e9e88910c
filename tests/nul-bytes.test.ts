// A NUL byte poisons nothing: not the callbacks stored with it, not the messages recorded with it, not the API.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dlr from "@/app/sms/dlr/custom/[publicId]/route";
import * as messageRoute from "@/app/api/v1/messages/[id]/route";
import * as messagesRoute from "@/app/api/v1/messages/route";
import * as connectorsRoute from "@/app/api/v1/connectors/route";
import { createConnector } from "@/lib/connectors/save-connector";
import { db } from "@/lib/db";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { call } from "./api/client";
import { applyAll, publicIdOf } from "./delivery-fixtures";
import { connectorBody, createTestWorkspace } from "./fixtures";

const tracking = { messageIdField: "id", statusField: "status", successValues: ["DELIVRD"] };

async function trackedConnector(host: string) {
  const ws = await createTestWorkspace();
  const actor = { workspaceId: ws.id, role: "admin" as const };
  const connector = await createConnector(actor, connectorBody({ request: { method: "POST", url: `https://${host}/send` }, deliveryTracking: tracking }));
  return { ws, actor, connectorId: connector.id, publicId: await publicIdOf(connector.id) };
}

function callback(publicId: string, body: string | Buffer, contentType = "application/json") {
  const request = new NextRequest(`http://switchboard.test/sms/dlr/custom/${publicId}`, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : new Uint8Array(body) });
  return dlr.POST(request, { params: Promise.resolve({ publicId }) });
}

describe("delivery callbacks with NUL bytes", () => {
  it("stores every good callback arriving together with a NUL one or a binary one", async () => {
    const a = await trackedConnector("nul-a.example");
    const b = await trackedConnector("nul-b.example");
    // Sent in the same turn of the event loop: they share one insert.
    const responses = await Promise.all([
      callback(a.publicId, JSON.stringify({ id: "A1", status: "DELIVRD" })),
      callback(a.publicId, `{"id":"A2","status":"UNDELIV","err":"bad\u0000byte"}`),
      callback(b.publicId, Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x41]), "application/octet-stream"),
      callback(b.publicId, JSON.stringify({ id: "B1", status: "DELIVRD" })),
      callback(b.publicId, JSON.stringify({ id: "B2", status: "DELIVRD" })),
    ]);
    expect(responses.map((response) => response.status).filter((status) => status >= 500)).toEqual([]);
    const stored = await db().deliveryCallback.findMany({ where: { connectorId: { in: [a.connectorId, b.connectorId] } }, select: { body: true } });
    expect(stored).toHaveLength(5);
    // The binary body is kept byte for byte.
    expect(stored.some((row) => Buffer.from(row.body).equals(Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x41])))).toBe(true);
    await applyAll();
    const waiting = await db().deliveryCallback.count({ where: { connectorId: { in: [a.connectorId, b.connectorId] }, processedAt: null } });
    expect(waiting).toBe(0);
  });

  it("answers 404 for a %00 delivery-report id", async () => {
    const response = await callback("\u0000", "{}");
    expect(response.status).toBe(404);
    const encoded = new NextRequest("http://switchboard.test/sms/dlr/custom/%00", { method: "GET" });
    expect((await dlr.GET(encoded, { params: Promise.resolve({ publicId: decodeURIComponent("%00") }) })).status).toBe(404);
  });
});

describe("a provider reply with a NUL byte", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    let count = 0;
    server = createServer((req, res) => {
      req.resume();
      count += 1;
      // Every third reply carries a NUL inside the id (escaped in the JSON), every fifth a raw NUL byte.
      const body =
        count % 3 === 0 ? `{"data":{"id":"x${count}\\u0000"},"note":"nul\\u0000here"}` : count % 5 === 0 ? `{"data":{"id":"y${count}"}}\u0000` : `{"data":{"id":"ok-${count}"}}`;
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("leaves no message of any workspace stuck sending", async () => {
    const setups = await Promise.all(
      [1, 2].map(async () => {
        const ws = await createTestWorkspace();
        const actor = { workspaceId: ws.id, role: "admin" as const };
        const connector = await createConnector(actor, connectorBody({ request: { method: "POST", url: `${url}/send` }, response: { sentId: { from: "json", path: "data.id" } } }));
        return { actor, connectorId: connector.id };
      }),
    );
    const accepted = await Promise.all(
      setups.flatMap((setup) => Array.from({ length: 15 }, (_, i) => enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: `+1415555${String(1000 + i)}`, message: `m${i}` }).then((m) => ({ ...m, setup })))),
    );
    // All at once: their records share statements.
    await Promise.all(accepted.map((message) => processSend({ messageId: message.id, connectorId: message.setup.connectorId }, 1)));
    const statuses = await Promise.all(accepted.map((message) => getMessage(message.setup.actor, message.id)));
    expect(statuses.filter((message) => message.status !== "sent")).toEqual([]);
    const stored = await db().message.findMany({ where: { id: { in: accepted.map((m) => m.id) } }, select: { lastResponse: true, providerMessageId: true } });
    expect(stored.filter((message) => message.lastResponse === null)).toEqual([]);
    // The id is kept, with the NUL replaced, so its delivery reports still match.
    expect(stored.filter((message) => message.providerMessageId?.startsWith("x")).map((message) => message.providerMessageId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^x\d+\uFFFD$/)]),
    );
  });
});

describe("NUL in API input", () => {
  it("is a 422 naming the field, never a 500", async () => {
    const ws = await createTestWorkspace();
    const connector = await call(connectorsRoute.POST, { key: ws.keys.admin, method: "POST", body: connectorBody() });
    expect(connector.status).toBe(201);
    const send = (body: Record<string, unknown>) => call(messagesRoute.POST, { key: ws.keys.admin, method: "POST", body: { connectorId: connector.body.id, to: "+14155550123", message: "hi", ...body } });
    const text = await send({ message: "hi\u0000there" });
    expect(text.status).toBe(422);
    expect(text.body.error.details).toEqual([{ field: "message", message: expect.stringContaining("NUL") }]);
    const attribute = await send({ attributes: { city: "Sto\u0000ckholm" } });
    expect(attribute.status).toBe(422);
    expect(attribute.body.error.details[0].field).toBe("attributes.city");
    const name = await call(connectorsRoute.POST, { key: ws.keys.admin, method: "POST", body: connectorBody({ name: "Bad\u0000name" }) });
    expect(name.status).toBe(422);
    expect(name.body.error.details[0].field).toBe("name");
    const id = await call(messageRoute.GET, { key: ws.keys.admin, params: { id: "abc\u0000" } });
    expect(id.status).toBe(404);
  });
});
