// A provider that echoes the request back in its errors must not put the connector's secrets in reasons,
// timelines, stored responses or failure breakdowns — on the worker path and on Send Test SMS.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "@/lib/connectors/save-connector";
import { testSend } from "@/lib/connectors/test-send";
import { db } from "@/lib/db";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { createTestWorkspace } from "./fixtures";

const SECRETS = { param: "sk_live_param_123456", header: "sk_live_header_abcdef", body: "sk_live_body_778899" };

let server: Server;
let url: string;

beforeAll(async () => {
  // Answers 401 with everything it got: the path and query, every header and the body.
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const echo = { url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    res.writeHead(401, { "content-type": "application/json", "x-echo-auth": String(req.headers.authorization ?? "") }).end(JSON.stringify({ error: "bad key", echo }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function setUp(extraField?: { key: string; value: string; secret: boolean; valueType: "number" }) {
  const ws = await createTestWorkspace();
  const actor = { workspaceId: ws.id, role: "viewer" as const };
  const admin = { workspaceId: ws.id, role: "admin" as const };
  const connector = await createConnector(admin, {
    name: "Echo",
    senders: [{ name: "ACME", type: "transactional", default: true }],
    request: {
      method: "POST",
      url: `${url}/send`,
      params: [{ key: "api_key", value: SECRETS.param, secret: true }],
      headers: [{ key: "Authorization", value: `Bearer ${SECRETS.header}`, secret: true }],
      body: {
        type: "json",
        fields: [
          { key: "to", value: "{{destination}}" },
          { key: "text", value: "{{message}}" },
          { key: "token", value: SECRETS.body, secret: true },
          ...(extraField ? [extraField] : []),
        ],
      },
    },
    response: { sentId: { from: "json", path: "id" } },
  });
  return { admin, viewer: actor, connectorId: connector.id };
}

function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  expect(text).not.toContain("sk_live_number");
}

describe("a provider that echoes the request", () => {
  it("leaves no secret in the worker's reason, timeline, stored response or metrics", async () => {
    const { admin, viewer, connectorId } = await setUp();
    const accepted = await enqueueMessage(admin, { connectorId, to: "+14155550123", message: "hello" });
    await processSend({ messageId: accepted.id }, 1);
    const message = await getMessage(viewer, accepted.id);
    expect(message.status).toBe("failed");
    expect(message.reason).toMatch(/^HTTP 401: /);
    expect(message.reason).toContain("••••••••");
    expectNoSecret(message);
    const stored = await db().message.findUniqueOrThrow({ where: { id: accepted.id }, select: { lastRequest: true, lastResponse: true, reason: true } });
    expectNoSecret(stored);
    expectNoSecret(await connectorMetrics(viewer, connectorId));
  });

  it("leaves no secret in what Send Test SMS shows or records", async () => {
    const { admin, viewer, connectorId } = await setUp();
    const result = await testSend(admin, connectorId, { to: "+14155550123", message: "hello" });
    expect(result.error).toMatch(/^HTTP 401: /);
    expectNoSecret(result);
    expectNoSecret(await getMessage(viewer, result.messageId!));
  });

  it("does not echo a secret typed into a number field in the personalization error", async () => {
    const { admin, viewer, connectorId } = await setUp({ key: "amount", value: "sk_live_number_000", secret: true, valueType: "number" });
    const accepted = await enqueueMessage(admin, { connectorId, to: "+14155550123", message: "hello" });
    await processSend({ messageId: accepted.id }, 1);
    const message = await getMessage(viewer, accepted.id);
    expect(message.status).toBe("failed");
    expect(message.reason).toMatch(/must be a number/);
    expectNoSecret(message);
    const tested = await testSend(admin, connectorId, { to: "+14155550123", message: "hello" });
    expect(tested.error).toMatch(/must be a number/);
    expectNoSecret(tested);
  });
});
