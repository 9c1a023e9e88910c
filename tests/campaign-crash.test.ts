// Nothing lost, nothing twice: a dispatcher killed mid-campaign (SIGKILL) and another taking over, and two
// dispatchers in two processes sending the same campaign.
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { createCampaignFromJson } from "@/lib/campaigns/create-campaign";
import { startCampaignDispatcher } from "@/lib/campaigns/dispatch";
import { getCampaign } from "@/lib/campaigns/read-campaigns";
import { db } from "@/lib/db";
import { INTERRUPTED_REASON } from "@/lib/messages/lifecycle";
import { setUpSending, waitUntil, type SendingSetup } from "./sending-fixtures";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function dispatcherProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/campaign-child.ts"], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

async function slowProviderCampaign(total: number): Promise<{ setup: SendingSetup; campaignId: string }> {
  const setup = await setUpSending({ throughputPerSecond: 400 });
  // Replies take 40 ms, so a killed dispatcher has requests in flight.
  const { config } = await db().connector.findUniqueOrThrow({ where: { id: setup.connectorId }, select: { config: true } });
  const stored = config as { request: Record<string, unknown> };
  await db().connector.update({ where: { id: setup.connectorId }, data: { config: { ...stored, request: { ...stored.request, url: `${setup.provider.url}/json/send?delay_ms=40` } } } });
  const recipients = Array.from({ length: total }, (_, i) => ({ to: `+1415556${String(i).padStart(4, "0")}` }));
  const campaign = await createCampaignFromJson(setup.actor, { name: "Crash", connectorId: setup.connectorId, message: "hello {{user.n | default: \"x\"}}", recipients }, { draft: true });
  return { setup, campaignId: campaign.id };
}

function numbersSent(setup: SendingSetup): string[] {
  return setup.provider.received.filter((request) => request.path === "/json/send").map((request) => JSON.parse(request.rawBody).to[0] as string);
}

describe("a campaign and its dispatchers", () => {
  it("loses no recipient and sends none twice when a dispatcher is killed mid-campaign", async () => {
    const total = 300;
    const { setup, campaignId } = await slowProviderCampaign(total);
    try {
      const child = dispatcherProcess();
      await db().campaign.update({ where: { id: campaignId }, data: { status: "running", startedAt: new Date() } });
      await setup.provider.waitFor(() => setup.provider.received.length >= 60, 20_000);
      child.kill("SIGKILL");
      const killedAt = setup.provider.received.length;

      const takeover = startCampaignDispatcher({ pollMs: 100 });
      try {
        await waitUntil(() => getCampaign(setup.actor, campaignId), (campaign) => campaign.status === "completed", 60_000);
      } finally {
        await takeover.close();
      }
      const sent = numbersSent(setup);
      const campaign = await getCampaign(setup.actor, campaignId);
      const interrupted = await db().message.count({ where: { campaignId, status: "failed", reason: INTERRUPTED_REASON } });
      console.info(`[campaign-crash] killed after ${killedAt} sends; ${interrupted} in flight closed as interrupted; ${JSON.stringify(campaign.progress)}`);
      expect(new Set(sent).size).toBe(sent.length); // no recipient twice
      expect(campaign.progress.queued + campaign.progress.sending).toBe(0); // every recipient has an outcome
      expect(campaign.progress.sent + interrupted).toBe(total);
      // Every message recorded as sent really reached the provider.
      const recorded = await db().message.findMany({ where: { campaignId, status: "sent" }, select: { to: true } });
      for (const { to } of recorded) expect(sent).toContain(to);
    } finally {
      await setup.provider.close();
    }
  }, 120_000);

  it("never sends one recipient twice when two processes dispatch the same campaign", async () => {
    const total = 400;
    const { setup, campaignId } = await slowProviderCampaign(total);
    try {
      dispatcherProcess();
      dispatcherProcess();
      await db().campaign.update({ where: { id: campaignId }, data: { status: "running", startedAt: new Date() } });
      await waitUntil(() => getCampaign(setup.actor, campaignId), (campaign) => campaign.status === "completed", 60_000);
      const sent = numbersSent(setup);
      expect(sent).toHaveLength(total);
      expect(new Set(sent).size).toBe(total);
      expect((await getCampaign(setup.actor, campaignId)).progress.sent).toBe(total);
    } finally {
      await setup.provider.close();
    }
  }, 120_000);
});
