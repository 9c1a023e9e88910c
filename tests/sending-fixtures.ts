// A workspace with a custom JSON connector pointing at a fake provider on localhost.
import { createConnector } from "@/lib/connectors/save-connector";
import { createFakeProvider, type FakeProvider, type FakeProviderOptions } from "@/tools/fake-provider";
import { db } from "@/lib/db";
import { createTestWorkspace, type TestWorkspace } from "./fixtures";

export interface SendingSetup {
  ws: TestWorkspace;
  actor: { workspaceId: string; role: "admin" };
  provider: FakeProvider;
  connectorId: string;
}

export async function setUpSending(
  options: { provider?: FakeProviderOptions; connector?: Record<string, unknown>; throughputPerSecond?: number; timeoutMs?: number } = {},
): Promise<SendingSetup> {
  const provider = await createFakeProvider({ autoDlr: false, ...options.provider });
  const ws = await createTestWorkspace();
  const actor = { workspaceId: ws.id, role: "admin" as const };
  const connector = await createConnector(
    actor,
    {
      name: "Fake JSON",
      senders: [{ name: "ACME", type: "transactional", default: true }],
      request: {
        method: "POST",
        url: `${provider.url}/json/send`,
        headers: [{ key: "Authorization", value: "Bearer sk_test_secret", secret: true }],
        body: {
          type: "json",
          fields: [
            { key: "to[0]", value: "{{destination}}" },
            { key: "message.text", value: "{{message}}" },
            { key: "reference", value: "{{message_id}}" },
            { key: "callback_url", value: "{{dlr_url}}" },
          ],
        },
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
      timeoutMs: options.timeoutMs ?? 2000,
      throughputPerSecond: options.throughputPerSecond ?? 10_000,
      ...options.connector,
    },
  );
  return { ws, actor, provider, connectorId: connector.id };
}

/** Polls the database until `check` holds; fails with what it last saw. */
export async function waitUntil<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function statusCounts(connectorId: string): Promise<Record<string, number>> {
  const rows = await db().message.groupBy({ by: ["status"], where: { connectorId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
