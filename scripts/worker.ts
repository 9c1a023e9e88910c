// `npm run worker`: a standalone send worker. Run as many as needed, on as many machines as needed;
// the per-connector throughput limit holds across all of them. SIGTERM finishes the jobs in hand first.
import { logger } from "@/lib/logger";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { startSendWorkers } from "@/lib/queue/worker-runtime";
import { disconnectDb } from "@/lib/db";

const workers = startSendWorkers();
let stopping = false;

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker stopping: finishing the jobs in hand");
  await workers.close();
  await closeSendQueue();
  await disconnectDb();
  process.exit(0);
}

process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
