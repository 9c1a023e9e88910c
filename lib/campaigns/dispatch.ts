// Sending campaigns. Every worker process runs one dispatcher: it starts scheduled campaigns when their time comes,
// completes finished ones, stops those whose connector is gone, and pumps each running campaign's queued messages to
// the provider — not one queue job per message, but batches claimed straight from the campaign's messages.
//
// A pump reserves send slots first (fairly shared with API sends and other campaigns on the connector), then claims
// as many messages as it got slots, so a claimed message goes out within about a second and a paused campaign holds
// no slot. Claims skip rows other processes hold, so two dispatchers never send one recipient twice; a dispatcher
// that dies mid-send leaves its messages "sending", and they are closed as interrupted, never resent.
import { attemptFor, attemptJson, sentRecord } from "@/lib/messages/process-send";
import { loadSendableConnector, type SendableConnector } from "@/lib/connectors/runtime";
import { db } from "@/lib/db";
import { logBackgroundError } from "@/lib/database/going-away";
import { batched } from "@/lib/messages/batch";
import { cancelQueued, claimNextOfCampaign, closeInterrupted, markFailed, markRetrying, markSent, type ClaimedMessage } from "@/lib/messages/lifecycle";
import { countSegments } from "@/lib/messages/segments";
import { reserveSendSlots, sleepUntil } from "@/lib/messages/throttle";
import { MAX_SEND_ATTEMPTS } from "@/lib/queue/send-queue";
import { SUPPRESSED_REASON, suppressedAmong } from "@/lib/suppression/suppressions";
import { personalise } from "./personalise";

const POLL_MS = 500;
/** How often a dispatcher closes messages left sending by a process that died (they are never resent). */
const INTERRUPTED_EVERY_MS = 5_000;
/** Messages one process may have between claim and record, per campaign. */
const MAX_IN_FLIGHT = 1000;
/** How long before its first slot a batch is claimed. */
const CLAIM_AHEAD_MS = 100;

export interface RunningDispatcher {
  close(): Promise<void>;
}

interface CampaignToSend {
  id: string;
  workspaceId: string;
  connectorId: string;
  message: string;
  status: string;
}

const recordSent = batched(async (records: Parameters<typeof markSent>[0]) => {
  await markSent(records);
  return records.map(() => undefined);
});
const recordFailed = batched(async (records: Parameters<typeof markFailed>[0]) => {
  await markFailed(records);
  return records.map(() => undefined);
});

export function startCampaignDispatcher(options: { pollMs?: number } = {}): RunningDispatcher {
  let stopped = false;
  let wake: (() => void) | null = null;
  const pumps = new Map<string, Promise<void>>();

  let lastInterruptedCheck = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        await houseKeeping();
        if (Date.now() - lastInterruptedCheck > INTERRUPTED_EVERY_MS) {
          lastInterruptedCheck = Date.now();
          // A dispatcher killed mid-send leaves its claimed messages sending; close them so the campaign can end.
          await closeInterrupted();
        }
        const running = await db().campaign.findMany({ where: { status: "running", connectorId: { not: null } }, select: { id: true }, take: 200 });
        for (const { id } of running) {
          if (pumps.has(id)) continue;
          pumps.set(
            id,
            pump(id, () => stopped)
              .catch((error) => logBackgroundError(error, "sending a campaign failed", { campaignId: id }))
              .finally(() => pumps.delete(id)),
          );
        }
      } catch (error) {
        logBackgroundError(error, "campaign dispatcher pass failed");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs ?? POLL_MS).unref();
      });
    }
  })();

  return {
    async close() {
      stopped = true;
      wake?.();
      await loop;
      await Promise.all(pumps.values());
    },
  };
}

/**
 * The state changes no one presses a button for, each one conditional statement that any number of processes may
 * run at once: due scheduled campaigns start, campaigns whose connector was deleted stop with the reason, and
 * running campaigns with nothing left to send complete.
 */
export async function houseKeeping(): Promise<void> {
  await db().$executeRaw`
    update "Campaign" set status = 'running', "startedAt" = coalesce("startedAt", now()), "updatedAt" = now()
     where status = 'scheduled' and "scheduledAt" <= now() and "connectorId" is not null`;
  const orphaned = await db().$queryRaw<Array<{ id: string }>>`
    update "Campaign" set status = 'cancelled', "completedAt" = now(), "updatedAt" = now(),
           "statusReason" = 'Stopped: its connector "' || "connectorName" || '" was deleted'
     where status in ('scheduled', 'running', 'paused') and "connectorId" is null
    returning id`;
  for (const { id } of orphaned) await cancelQueued(id);
  await db().$executeRaw`
    update "Campaign" c set status = 'completed', "completedAt" = now(), "updatedAt" = now()
     where c.status = 'running'
       and not exists (select 1 from "Message" m where m."campaignId" = c.id and m.status in ('queued', 'sending'))`;
}

async function currentCampaign(id: string): Promise<CampaignToSend | null> {
  const row = await db().campaign.findUnique({ where: { id }, select: { id: true, workspaceId: true, connectorId: true, message: true, status: true } });
  return row?.connectorId ? { ...row, connectorId: row.connectorId } : null;
}

/** Sends one running campaign's queued messages until it stops running or has none left. */
async function pump(campaignId: string, stopped: () => boolean): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let backoffUntil = 0;
  try {
    while (!stopped()) {
      const campaign = await currentCampaign(campaignId);
      if (!campaign || campaign.status !== "running") break;
      const connector = await loadSendableConnector(campaign.connectorId);
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      if (backoffUntil > Date.now()) await sleepUntil(backoffUntil);

      // About a tenth of a second's worth at the connector's rate. Slots may be reserved up to a second ahead: the
      // pump claims only when they are near, so a pause or a cancel leaves few messages already claimed.
      const wanted = Math.max(1, Math.min(200, Math.round(connector.throughputPerSecond / 10)));
      const slots = await reserveSendSlots(connector.id, connector.throughputPerSecond, wanted, `campaign:${campaignId}`);
      await sleepUntil(slots[0] - CLAIM_AHEAD_MS);
      if (stopped() || (await currentCampaign(campaignId))?.status !== "running") break;
      const claimed = await claimNextOfCampaign(campaignId, slots.length);
      if (claimed.length === 0) break;
      // Changed since this process cached it (a rotated credential): these messages use the new configuration.
      const sendWith = claimed[0].connectorUpdatedAt.getTime() > connector.updatedAt.getTime() ? await loadSendableConnector(connector.id, claimed[0].connectorUpdatedAt) : connector;

      const suppressed = await suppressedAmong(campaign.workspaceId, claimed.map((message) => message.to));
      claimed.forEach((message, index) => {
        const sending = suppressed.has(message.to)
          ? recordFailed({ id: message.id, reason: SUPPRESSED_REASON })
          : sendOne(sendWith, campaign, message, slots[index], (delayMs) => {
              backoffUntil = Math.max(backoffUntil, Date.now() + delayMs);
            });
        const tracked = sending.catch((error) => logBackgroundError(error, "a campaign send failed", { messageId: message.id })).finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      });
    }
  } finally {
    await Promise.all(inFlight);
  }
}

/** One recipient: personalise the message, wait for its slot, send, record. */
async function sendOne(connector: SendableConnector, campaign: CampaignToSend, message: ClaimedMessage, slot: number, backOff: (delayMs: number) => void): Promise<void> {
  const personalised = personalise(campaign.message, message, campaign.id);
  if ("error" in personalised) return recordFailed({ id: message.id, reason: personalised.error });
  const body = personalised.text;
  const { segments, encoding } = countSegments(body);
  await sleepUntil(slot);
  const result = await attemptFor(connector, message, body);
  const shape = { body, segments, encoding };
  if (result.outcome === "sent") return recordSent({ ...sentRecord(message.id, result), ...shape });
  if (result.outcome === "retry" && message.attempts < MAX_SEND_ATTEMPTS) {
    // The provider is busy (429, 503) or could not be reached: the whole campaign waits, this message goes back.
    backOff(result.retryDelayMs);
    return markRetrying([{ id: message.id, ...attemptJson(result), ...shape, detail: `Retrying in ${Math.ceil(result.retryDelayMs / 1000)} s: ${result.reason}` }]);
  }
  return recordFailed({ id: message.id, reason: result.reason ?? "Failed", ...attemptJson(result), ...shape });
}
