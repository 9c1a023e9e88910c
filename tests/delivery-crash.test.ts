// A delivery-report server killed in the middle of a load loses no report it acknowledged.
import { spawn } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { Agent, request } from "undici";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { enqueueMessages } from "@/lib/messages/enqueue-message";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { db } from "@/lib/db";
import { setUpSending } from "./sending-fixtures";
import { applyAll, publicIdOf } from "./delivery-fixtures";

afterAll(() => closeSendQueue());

it("loses no acknowledged report when the server is killed mid-load", async () => {
  const setup = await setUpSending();
  await setup.provider.close();
  await updateDeliveryTracking(setup.actor, setup.connectorId, { messageIdField: "id", statusField: "status", successValues: ["DELIVRD"] });
  const total = 400;
  const accepted = await enqueueMessages(setup.actor, setup.connectorId, Array.from({ length: total }, (_, i) => ({ to: "+14155550500", message: `m${i}` })));
  // As if every send had been answered: provider id = "p-" + our id.
  await db().$executeRaw`update "Message" set status = 'sent', "providerMessageId" = 'p-' || id where "connectorId" = ${setup.connectorId}`;
  const publicId = await publicIdOf(setup.connectorId);

  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/dlr-server-child.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.on("data", (chunk: Buffer) => {
    const match = chunk.toString().match(/listening (\d+)/);
    if (match) resolve(Number(match[1]));
  }));

  const agent = new Agent({ connections: 20 });
  const acknowledged: string[] = [];
  let next = 0;
  let killed = false;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < total) {
        const message = accepted[next++];
        try {
          const response = await request(`http://127.0.0.1:${port}/sms/dlr/custom/${publicId}`, {
            method: "POST",
            dispatcher: agent,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ id: `p-${message.id}`, status: "DELIVRD" }),
          });
          await response.body.text();
          if (response.statusCode === 200) acknowledged.push(message.id);
        } catch {
          // Connection refused or reset after the kill: not acknowledged, so the provider would retry.
        }
        if (!killed && acknowledged.length >= 150) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    }),
  );
  await agent.close();
  expect(killed).toBe(true);

  await applyAll();
  const delivered = new Set(
    (await db().message.findMany({ where: { connectorId: setup.connectorId, status: "delivered" }, select: { id: true } })).map((m) => m.id),
  );
  console.info(`[delivery-crash] ${acknowledged.length} acknowledged before the kill; ${delivered.size} applied`);
  for (const id of acknowledged) expect(delivered.has(id)).toBe(true);
  expect(delivered.size).toBeGreaterThanOrEqual(acknowledged.length);
}, 60_000);
