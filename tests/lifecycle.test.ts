// The message lifecycle against PostgreSQL: guarded transitions, the late-success race, reports that come first.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  applyDeliveryOutcomes,
  cancelQueued,
  claimMessages,
  closeInterrupted,
  createMessages,
  deliveryKey,
  INTERRUPTED_REASON,
  markFailed,
  markRetrying,
  markSent,
  type NewMessage,
} from "@/lib/messages/lifecycle";
import { getMessage } from "@/lib/messages/read-messages";
import { setUpSending } from "./sending-fixtures";

async function fixture() {
  const setup = await setUpSending();
  await setup.provider.close();
  const message = (overrides: Partial<NewMessage> = {}): NewMessage => ({
    workspaceId: setup.ws.id,
    connectorId: setup.connectorId,
    senderName: "ACME",
    senderType: "transactional",
    to: "+14155550123",
    body: "hello",
    segments: 1,
    encoding: "GSM-7",
    status: "queued",
    ...overrides,
  });
  const view = (id: string) => getMessage(setup.actor, id);
  const campaign = async () =>
    (
      await db().campaign.create({
        data: { workspaceId: setup.ws.id, connectorId: setup.connectorId, connectorName: "Fake JSON", name: "Lifecycle", senderName: "ACME", senderType: "transactional", message: "hi", status: "running" },
        select: { id: true },
      })
    ).id;
  return { ...setup, message, view, campaign };
}

const attempt = { request: { method: "POST", url: "https://x.example/send", headers: {}, body: "" }, response: { status: 200, headers: {}, body: "{}" } };

describe("the message lifecycle", () => {
  it("claims a queued message once, even when two workers ask in one batch", async () => {
    const { message } = await fixture();
    const [created] = await createMessages([message()]);
    const claimed = await claimMessages([created.id, created.id]);
    expect(claimed[0]?.id).toBe(created.id);
    expect(claimed[1]).toBeNull();
    expect(await claimMessages([created.id])).toEqual([null]);
  });

  it("does not reopen a message the sweeper closed when its send finally succeeds", async () => {
    const { message, view } = await fixture();
    const [created] = await createMessages([message()]);
    await claimMessages([created.id]);
    // The worker's request has been out far longer than the connector's timeout: the sweeper closes it.
    await db().$executeRaw`update "Message" set "requestStartedAt" = now() - interval '10 minutes' where id = ${created.id}`;
    expect(await closeInterrupted()).toBeGreaterThanOrEqual(1);
    expect(await view(created.id)).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON });

    // Then the late worker records a success.
    const skipped = await markSent([{ id: created.id, providerMessageId: "late-1", note: null, ...attempt }]);
    expect(skipped).toEqual([created.id]);
    const after = await view(created.id);
    expect(after).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON, providerMessageId: null });
    expect(after.timeline.map((event) => event.status)).toEqual(["queued", "failed"]);
  });

  it("keeps a delivered state that beat the send's record, and adds the provider id to it", async () => {
    const { message, view, connectorId } = await fixture();
    const [created] = await createMessages([message()]);
    await claimMessages([created.id]);
    const entry = { seq: 0, connectorId, providerMessageId: null, messageId: created.id, outcome: "delivered" as const, reason: null, detail: "Delivered (provider status DELIVRD)" };
    const result = await applyDeliveryOutcomes([entry]);
    expect(result.found.get(deliveryKey(entry))).toBe(created.id);
    expect(result.applied).toEqual(new Set([0]));

    expect(await markSent([{ id: created.id, providerMessageId: "p-early", note: "Provider id p-early", ...attempt }])).toEqual([]);
    const after = await view(created.id);
    expect(after).toMatchObject({ status: "delivered", providerMessageId: "p-early" });
    expect(after.timeline.map((event) => event.status)).toEqual(["queued", "delivered"]);
  });

  it("never overwrites a final state: not by a pending report, a failure, a retry or a cancel", async () => {
    const { message, view, connectorId, campaign } = await fixture();
    const campaignId = await campaign();
    const [created] = await createMessages([message({ campaignId })]);
    await claimMessages([created.id]);
    await markSent([{ id: created.id, providerMessageId: `p-${created.id}`, note: null, ...attempt }]);
    const report = (outcome: "delivered" | "undelivered" | "pending", seq = 0) => ({
      seq,
      connectorId,
      providerMessageId: `p-${created.id}`,
      messageId: null,
      outcome,
      reason: outcome === "undelivered" ? "EXPIRED" : null,
      detail: outcome,
    });
    expect((await applyDeliveryOutcomes([report("delivered")])).applied.size).toBe(1);
    expect((await applyDeliveryOutcomes([report("pending")])).applied.size).toBe(0);
    expect((await applyDeliveryOutcomes([report("undelivered")])).applied.size).toBe(0);
    await markFailed([{ id: created.id, reason: "late failure" }]);
    await markRetrying([{ id: created.id, detail: "retry", ...attempt }]);
    expect(await cancelQueued(campaignId)).toBe(0);
    const after = await view(created.id);
    expect(after).toMatchObject({ status: "delivered", reason: null });
    expect(after.timeline.map((event) => event.status)).toEqual(["queued", "sent", "delivered"]);
  });

  it("cancels only the queued messages of a campaign", async () => {
    const { message, view, campaign } = await fixture();
    const campaignId = await campaign();
    const [first, second, third] = await createMessages([message({ campaignId }), message({ campaignId, to: "+14155550124" }), message({ campaignId, to: "+14155550125" })]);
    await claimMessages([first.id]);
    await markSent([{ id: first.id, providerMessageId: null, note: null, ...attempt }]);
    await claimMessages([second.id]);
    expect(await cancelQueued(campaignId)).toBe(1);
    expect((await view(first.id)).status).toBe("sent");
    expect((await view(second.id)).status).toBe("sending");
    expect(await view(third.id)).toMatchObject({ status: "cancelled" });
  });

  it("retries only a message that is sending, and records why", async () => {
    const { message, view } = await fixture();
    const [created] = await createMessages([message()]);
    await markRetrying([{ id: created.id, detail: "Retrying in 1 s: HTTP 429", ...attempt }]);
    expect((await view(created.id)).timeline.map((event) => event.status)).toEqual(["queued"]);
    await claimMessages([created.id]);
    await markRetrying([{ id: created.id, detail: "Retrying in 1 s: HTTP 429", ...attempt }]);
    const after = await view(created.id);
    expect(after.status).toBe("queued");
    expect(after.timeline.at(-1)).toMatchObject({ status: "queued", detail: "Retrying in 1 s: HTTP 429" });
  });

  it("closes as interrupted only what has been out longer than the timeout and grace", async () => {
    const { message, view } = await fixture();
    const [fresh, stale] = await createMessages([message(), message({ to: "+14155550126" })]);
    await claimMessages([fresh.id, stale.id]);
    await db().$executeRaw`update "Message" set "requestStartedAt" = now() - interval '1 hour' where id = ${stale.id}`;
    await closeInterrupted();
    expect((await view(fresh.id)).status).toBe("sending");
    expect(await view(stale.id)).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON });
  });
});

describe("the lifecycle's ownership", () => {
  it("is the only code that writes a message's status or a timeline event", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const path = await import("node:path");
    const sources: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "node_modules") await walk(full);
        } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) sources.push(full);
      }
    };
    for (const dir of ["lib", "app", "server", "scripts"]) await walk(dir);
    const writes = [
      /update\s+"Message"[^;`]*\bstatus\s*=/is, // raw SQL
      /insert\s+into\s+"MessageEvent"/i,
      /insert\s+into\s+"MessageAttempt"/i,
      /\.messageAttempt\.(create|createMany|update|updateMany|upsert)\b/,
      /insert\s+into\s+"Message"\s*\(/i,
      /copy\s+"Message"/i,
      /\.messageEvent\.(create|createMany|update|updateMany|upsert)\b/,
      /\.message\.(update|updateMany|upsert)\([^)]*status/s,
      /\.message\.(create|createMany|createManyAndReturn)\(/,
    ];
    const offenders: string[] = [];
    for (const file of sources) {
      if (file === path.join("lib", "messages", "lifecycle.ts")) continue;
      const text = await readFile(file, "utf8");
      for (const pattern of writes) if (pattern.test(text)) offenders.push(`${file}: ${pattern}`);
    }
    expect(offenders).toEqual([]);
  });
});
