// A send worker in its own process, for tests that kill one mid-run.
import { startSendWorkers } from "@/lib/queue/worker-runtime";

startSendWorkers({ concurrency: Number(process.env.CHILD_CONCURRENCY ?? 5), sweep: false });
console.log("worker ready");
