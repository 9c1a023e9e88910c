// Sends the given messages from a process of its own, as another worker would, once the parent says "go" on
// stdin (so several processes start at the same moment): for tests of what workers share.
import { createInterface } from "node:readline";
import { processSend } from "@/lib/messages/process-send";

const ids = (process.env.MESSAGE_IDS ?? "").split(",").filter(Boolean);
const connectorId = process.env.CONNECTOR_ID;
const concurrency = Number(process.env.CHILD_CONCURRENCY ?? 50);

const lines = createInterface({ input: process.stdin });
console.log("child ready");
for await (const line of lines) if (line.trim() === "go") break;
// As a worker does: at most `concurrency` sends in flight.
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < ids.length) await processSend({ messageId: ids[next++], connectorId }, 1);
  }),
);
console.log("child done");
process.exit(0);
