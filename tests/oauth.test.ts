// OAuth 2.0 client credentials end to end: the token is fetched once and shared by every worker and process
// through PostgreSQL, fetched again once on a 401, and a failing token endpoint fails the message with its reason.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { updateConnector } from "@/lib/connectors/save-connector";
import { forgetTokensInMemory } from "@/lib/connectors/oauth-token-store";
import { db } from "@/lib/db";
import { enqueueMessages } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { setUpSending, statusCounts, type SendingSetup } from "./sending-fixtures";

const open: SendingSetup[] = [];
afterEach(async () => {
  for (const setup of open.splice(0)) await setup.provider.close();
});

const CLIENT = { clientId: "sb-client", clientSecret: "cs-Very-s3cret" };

async function setUp() {
  const setup = await setUpSending({ provider: { oauth: { ...CLIENT, expiresIn: 3600 } }, timeoutMs: 20_000 });
  open.push(setup);
  return setup;
}

/** setUpSending knows the fake's URL only after starting it: point the connector's URLs at it now. */
async function pointAt(setup: SendingSetup, auth: Record<string, unknown> = {}) {
  await updateConnector(setup.actor, setup.connectorId, {
    request: {
      method: "POST",
      url: `${setup.provider.url}/json/send`,
      body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }, { key: "text", value: "{{message}}" }, { key: "reference", value: "{{message_id}}" }] },
      auth: { type: "oauth2", tokenUrl: `${setup.provider.url}/oauth/token`, ...CLIENT, placement: "header", ...auth },
    },
  });
}

async function queue(setup: SendingSetup, count: number) {
  const items = Array.from({ length: count }, (_, i) => ({ to: `+1415555${String(1000 + (i % 9000)).padStart(4, "0")}`, message: `m${i}` }));
  return (await enqueueMessages(setup.actor, setup.connectorId, items)).map((message) => message.id);
}

/** As a worker does: at most `concurrency` sends in flight. */
async function sendAll(connectorId: string, ids: string[], concurrency: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) await processSend({ messageId: ids[next++], connectorId }, 1);
    }),
  );
}

/** A worker process holding `ids`: `ready` once it can send, `go()` starts it, `done` when it has sent them all. */
function startChild(connectorId: string, ids: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/send-child.ts"], {
    env: { ...process.env, CONNECTOR_ID: connectorId, MESSAGE_IDS: ids.join(",") },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("child ready") && resolve()));
  const done = new Promise<void>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`send child exited with ${code}`)))));
  return { ready, done, go: () => child.stdin.write("go\n") };
}

describe("OAuth 2.0 client credentials", () => {
  it("fetches one token for a thousand sends across three processes, and keeps it sealed in PostgreSQL", async () => {
    const setup = await setUp();
    // A slow token endpoint: every process asks while the first request is still out.
    await pointAt(setup, { tokenUrl: `${setup.provider.url}/oauth/token?delay_ms=1500` });
    forgetTokensInMemory();
    const ids = await queue(setup, 1000);
    const [mine, first, second] = [ids.slice(0, 400), ids.slice(400, 700), ids.slice(700)];
    const children = [startChild(setup.connectorId, first), startChild(setup.connectorId, second)];
    await Promise.all(children.map((child) => child.ready));
    // All three processes find no token at the same moment: one fetches under the lock, the others wait and read it.
    children.forEach((child) => child.go());
    await Promise.all([...children.map((child) => child.done), sendAll(setup.connectorId, mine, 50)]);

    expect(await statusCounts(setup.connectorId)).toEqual({ sent: 1000 });
    expect(setup.provider.tokenRequests).toBe(1);
    const sends = setup.provider.received.filter((request) => request.route === "json");
    expect(sends).toHaveLength(1000);
    expect(new Set(sends.map((request) => request.headers.authorization)).size).toBe(1);

    const [row] = await db().oAuthToken.findMany({ where: { connectorId: setup.connectorId } });
    const token = String(sends[0].headers.authorization).replace(/^Bearer /, "");
    expect(row.accessToken).toMatch(/^v1:/);
    expect(row.accessToken).not.toContain(token);
    expect(row.refreshAt.getTime()).toBeLessThan(row.expiresAt.getTime());
  }, 120_000);

  it("fetches a new token once when the provider answers 401, then shares that one", async () => {
    const setup = await setUp();
    await pointAt(setup);
    const [first] = await queue(setup, 1);
    await processSend({ messageId: first, connectorId: setup.connectorId }, 1);
    expect(setup.provider.tokenRequests).toBe(1);

    setup.provider.revokeTokens();
    const [second, third] = await queue(setup, 2);
    await processSend({ messageId: second, connectorId: setup.connectorId }, 1);
    expect(await getMessage(setup.actor, second)).toMatchObject({ status: "sent" });
    expect(setup.provider.tokenRequests).toBe(2);
    expect(setup.provider.received.filter((request) => request.route === "json").map((request) => request.status)).toEqual([201, 401, 201]);

    // Another process (memory forgotten) reads the renewed token from the database instead of fetching.
    forgetTokensInMemory();
    await processSend({ messageId: third, connectorId: setup.connectorId }, 1);
    expect(setup.provider.tokenRequests).toBe(2);
  });

  it("fails the message with the token endpoint's reason, secrets masked, and sends nothing", async () => {
    const setup = await setUp();
    await pointAt(setup, { clientSecret: "not-the-secret" });
    const [id] = await queue(setup, 1);
    await processSend({ messageId: id, connectorId: setup.connectorId }, 1);
    const message = await getMessage(setup.actor, id);
    expect(message).toMatchObject({ status: "failed", reason: 'OAuth token request failed: HTTP 401 {"error":"invalid_client","error_description":"Client authentication failed"}' });
    expect(JSON.stringify(message)).not.toContain("not-the-secret");
    expect(setup.provider.received.filter((request) => request.route === "json")).toHaveLength(0);
  });

  it("asks for a new token when the OAuth settings change, and forgets the old one", async () => {
    const setup = await setUp();
    await pointAt(setup);
    const [first] = await queue(setup, 1);
    await processSend({ messageId: first, connectorId: setup.connectorId }, 1);
    await pointAt(setup, { scope: "sms:send" });
    const [second] = await queue(setup, 1);
    await processSend({ messageId: second, connectorId: setup.connectorId }, 1);
    expect(setup.provider.tokenRequests).toBe(2);
    expect(Object.fromEntries(new URLSearchParams(setup.provider.received.filter((request) => request.route === "oauth").at(-1)!.rawBody))).toMatchObject({ scope: "sms:send" });
    expect(await db().oAuthToken.count({ where: { connectorId: setup.connectorId } })).toBe(1);
  });
});
