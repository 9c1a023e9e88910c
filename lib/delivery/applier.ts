// The loop that applies stored delivery callbacks, run next to the send workers.
import { config } from "@/lib/env";
import { logBackgroundError } from "@/lib/database/going-away";
import { applyStoredCallbacks, applyWaitingReports, moveUnmatchedReports, pruneDeliveryHistory, rematchReports } from "./apply-callbacks";

const WAITING_EVERY_MS = 2_000;
const UNMATCHED_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 5 * 60_000;

export interface RunningApplier {
  close(): Promise<void>;
}

export function startDeliveryApplier(): RunningApplier {
  let stopped = false;
  let lastWaiting = 0;
  let lastUnmatched = 0;
  let lastPrune = Date.now();
  let wake: (() => void) | null = null;

  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await applyStoredCallbacks();
        // Re-matching after a mapping change is a backlog like new callbacks: a full batch goes again at once.
        handled += await rematchReports();
        if (Date.now() - lastWaiting > WAITING_EVERY_MS) {
          lastWaiting = Date.now();
          await applyWaitingReports();
        }
        if (Date.now() - lastUnmatched > UNMATCHED_EVERY_MS) {
          lastUnmatched = Date.now();
          await moveUnmatchedReports();
        }
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await pruneDeliveryHistory();
        }
      } catch (error) {
        logBackgroundError(error, "delivery applier pass failed");
      }
      // A full batch means more are waiting: go again at once.
      if (handled === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, config().deliveryPollMs).unref();
        });
      }
    }
  })();

  return {
    async close() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
