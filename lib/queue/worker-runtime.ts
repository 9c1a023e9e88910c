// Running send workers: inside the web process by default, or standalone (`npm run worker`) on as many
// machines as needed. A sweeper, run by one process at a time, re-enqueues messages whose job was lost
// and closes messages whose worker died mid-request.
import { db } from "@/lib/db";
import { config } from "@/lib/env";
import { startCampaignDispatcher } from "@/lib/campaigns/dispatch";
import { startDeliveryApplier } from "@/lib/delivery/applier";
import { logBackgroundError } from "@/lib/database/going-away";
import { logger } from "@/lib/logger";
import { closeInterrupted } from "@/lib/messages/lifecycle";
import { processSend } from "@/lib/messages/process-send";
import { createSendWorker, enqueueSends, type SendWorkerHandle } from "./send-queue";

const SWEEP_EVERY_MS = 30_000;
const LOST_AFTER_MS = 60_000;
const SWEEPER_LOCK = 7_307_001;

export interface RunningWorkers {
  close(): Promise<void>;
}

/** Send workers, the delivery-report applier and the campaign dispatcher; tests leave parts out. */
export function startSendWorkers(options: { concurrency?: number; sweep?: boolean; applyDeliveryReports?: boolean; dispatchCampaigns?: boolean } = {}): RunningWorkers {
  const concurrency = options.concurrency ?? config().workerConcurrency;
  const worker: SendWorkerHandle = createSendWorker((job) => processSend(job.data, job.attemptsMade + 1), { concurrency });
  worker.on("error", (error) => {
    logBackgroundError(error, "send worker error");
  });
  const timer = options.sweep === false ? null : setInterval(() => void sweep().catch((error) => logBackgroundError(error, "sweep failed")), SWEEP_EVERY_MS);
  timer?.unref();
  const applier = options.applyDeliveryReports === false ? null : startDeliveryApplier();
  const campaigns = options.dispatchCampaigns === false ? null : startCampaignDispatcher();
  logger.info({ concurrency }, "send worker started");
  return {
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([worker.close(), applier?.close(), campaigns?.close()]);
    },
  };
}

/** One pass of the sweeper; returns what it did. Safe to run on many machines: one at a time does the work. */
export async function sweep(now = new Date()): Promise<{ requeued: number; interrupted: number }> {
  const requeued = await db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`select pg_try_advisory_xact_lock(${SWEEPER_LOCK}) as locked`;
    if (!locked) return null;
    const lost = await tx.message.findMany({
      // Campaign messages have no queue job: their campaign's dispatcher claims them.
      where: { status: "queued", campaignId: null, updatedAt: { lt: new Date(now.getTime() - LOST_AFTER_MS) } },
      select: { id: true, connectorId: true },
      take: 5000,
    });
    // Same job id as the original: a job still waiting is not duplicated, and the claim makes a second run harmless.
    await enqueueSends(lost.map((m) => ({ messageId: m.id, connectorId: m.connectorId })));
    return lost.length;
  });
  if (requeued === null) return { requeued: 0, interrupted: 0 };
  return { requeued, interrupted: await closeInterrupted() };
}
