// The sweeper: a queued message whose job was lost is queued again; a message stuck in sending is closed.
import { resetConfig } from "@/lib/env";
import { afterAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { INTERRUPTED_REASON } from "@/lib/messages/lifecycle";
import { getMessage } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { startSendWorkers, sweep } from "@/lib/queue/worker-runtime";
import { setUpSending, waitUntil } from "./sending-fixtures";

afterAll(() => closeSendQueue());

it("re-enqueues a queued message whose job was lost, and closes one stuck in sending", async () => {
  delete process.env.REDIS_URL;
  resetConfig();
  const setup = await setUpSending();
  try {
    // A message recorded as queued whose job never reached the queue (the process died in between).
    const lost = await db().message.create({
      data: { workspaceId: setup.ws.id, connectorId: setup.connectorId, to: "+14155550900", body: "lost job", segments: 1, encoding: "GSM-7", updatedAt: new Date(Date.now() - 120_000) },
      select: { id: true },
    });
    await db().$executeRaw`update "Message" set "updatedAt" = now() - interval '2 minutes' where id = ${lost.id}`;
    // A message a dead worker left in sending ten minutes ago.
    const stuck = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550901", message: "stuck" });
    await db().$executeRaw`update "Message" set status = 'sending', "requestStartedAt" = now() - interval '10 minutes', "updatedAt" = now() - interval '10 minutes' where id = ${stuck.id}`;

    const result = await sweep();
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    expect(result.interrupted).toBeGreaterThanOrEqual(1);
    expect(await getMessage(setup.actor, stuck.id)).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON });

    const workers = startSendWorkers({ concurrency: 5, sweep: false, applyDeliveryReports: false });
    try {
      const sent = await waitUntil(() => getMessage(setup.actor, lost.id), (m) => m.status === "sent");
      expect(sent.providerMessageId).toBeTruthy();
      expect(setup.provider.received.filter((r) => r.rawBody.includes("lost job"))).toHaveLength(1);
    } finally {
      await workers.close();
    }
  } finally {
    await setup.provider.close();
  }
});
