// Campaigns against PostgreSQL and a fake provider on localhost: import, send through the dispatcher, delivery
// reports into analytics, scheduling, pause/resume/cancel, suppression, personalisation failures, a deleted connector.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as campaignsRoute from "@/app/api/v1/campaigns/route";
import { AudienceError } from "@/lib/campaigns/audience";
import { cancelCampaign, pauseCampaign, resumeCampaign, startCampaign, updateCampaignDraft } from "@/lib/campaigns/control";
import { createCampaign, createCampaignFromJson } from "@/lib/campaigns/create-campaign";
import { houseKeeping, startCampaignDispatcher, type RunningDispatcher } from "@/lib/campaigns/dispatch";
import { previewCampaignMessage } from "@/lib/campaigns/preview";
import { campaignAnalytics, getCampaign, listInvalidRows, listRecipients } from "@/lib/campaigns/read-campaigns";
import { deleteConnector, updateConnector } from "@/lib/connectors/save-connector";
import { updateDeliveryTracking } from "@/lib/delivery/tracking";
import { startDeliveryApplier, type RunningApplier } from "@/lib/delivery/applier";
import { db } from "@/lib/db";
import { resetConfig } from "@/lib/env";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { getMessage } from "@/lib/messages/read-messages";
import { startCallbackServer } from "./support/callback-server";
import { setUpSending, waitUntil, type SendingSetup } from "./sending-fixtures";

let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let publicUrlBefore: string | undefined;
let dispatcher: RunningDispatcher;
let applier: RunningApplier;

beforeAll(async () => {
  callbacks = await startCallbackServer();
  publicUrlBefore = process.env.SWITCHBOARD_PUBLIC_URL;
  process.env.SWITCHBOARD_PUBLIC_URL = callbacks.url;
  resetConfig();
  dispatcher = startCampaignDispatcher({ pollMs: 100 });
  applier = startDeliveryApplier();
});
afterAll(async () => {
  await dispatcher.close();
  await applier.close();
  process.env.SWITCHBOARD_PUBLIC_URL = publicUrlBefore;
  resetConfig();
  await callbacks.close();
});

const mapping = { messageIdField: "messageId", statusField: "status", successValues: ["delivered"], failureReasonField: "reason" };

async function setUp(options: Parameters<typeof setUpSending>[0] = {}): Promise<SendingSetup> {
  const setup = await setUpSending({ provider: { autoDlr: { status: "delivered", failureStatus: "undelivered", reason: "Absent subscriber" } }, ...options });
  await updateDeliveryTracking(setup.actor, setup.connectorId, mapping);
  return setup;
}

const done = (id: string, actor: SendingSetup["actor"]) => waitUntil(() => getCampaign(actor, id), (campaign) => campaign.status === "completed", 30_000);

describe("a campaign", () => {
  it("imports a CSV with good and bad rows, sends each recipient once, and counts deliveries and failures", async () => {
    const setup = await setUp();
    try {
      await db().recipientHealth.create({ data: { workspaceId: setup.ws.id, phone: "+14155550103", consecutiveFailures: 3, suppressedAt: new Date() } });
      const csv = [
        "first_name;mobile;city",
        "Anna;+14155550101;Stockholm",
        '"Bo, Jr.";+14155550102;"Göteborg"',
        "Cleo;+14155550103;Malmö",
        "Dan;not-a-number;Lund",
        "Eve;+14155550101;Uppsala",
        "Finn;+14155550000;Kiruna",
      ].join("\n");
      const campaign = await createCampaignFromJson(setup.actor, { name: "Spring sale", connectorId: setup.connectorId, message: "Hi {{user.first_name}} from {{user.city}}!", audienceCsv: csv });
      expect(campaign).toMatchObject({ status: "running", audience: { rows: 6, valid: 3, invalid: 1, duplicates: 1, suppressed: 1 }, columns: ["first_name", "city"], phoneColumn: "mobile" });
      expect((await listInvalidRows(setup.actor, campaign.id, { limit: 10 })).data).toEqual([{ line: 5, reason: "Invalid mobile number: not-a-number", raw: "Dan;not-a-number;Lund" }]);

      await done(campaign.id, setup.actor);
      // Each recipient was handed to the provider exactly once, personalised.
      const sent = setup.provider.received.filter((request) => request.path === "/json/send");
      expect(sent.map((request) => JSON.parse(request.rawBody).message.text).sort()).toEqual(["Hi Anna from Stockholm!", "Hi Bo, Jr. from Göteborg!", "Hi Finn from Kiruna!"]);

      // Delivery reports (the fake answers +1… 0000 with undelivered) reach the campaign's analytics.
      const analytics = await waitUntil(() => campaignAnalytics(setup.actor, campaign.id), (a) => a.delivered + a.failedToDeliver === 3);
      expect(analytics).toMatchObject({ attempted: 3, sent: 3, delivered: 2, failedToDeliver: 1, pending: 0, sender: "ACME" });
      expect(analytics.failureReasons).toEqual([{ kind: "delivery", reason: expect.stringContaining("Absent subscriber"), count: 1 }]);
      expect(analytics.overTime.points.reduce((sum, point) => sum + point.sent, 0)).toBe(3);

      const failedOnly = await listRecipients(setup.actor, campaign.id, { limit: 10, statuses: ["failed", "undelivered"] });
      expect(failedOnly.data.map((row) => row.to)).toEqual(["+14155550000"]);
      expect(failedOnly.data[0]).toMatchObject({ status: "undelivered", attributes: { first_name: "Finn", city: "Kiruna" } });
      // A recipient's timeline starts with its import, as queued, like any message's.
      const finn = await getMessage(setup.actor, failedOnly.data[0].messageId);
      expect(finn.timeline.map((event) => event.status)).toEqual(["queued", "sent", "undelivered"]);
      expect(finn.timeline[0].at).toBe(finn.createdAt);
    } finally {
      await setup.provider.close();
    }
  });

  it("fails the one recipient whose personalisation fails, with the reason, and sends the others", async () => {
    const setup = await setUp();
    try {
      const campaign = await createCampaignFromJson(setup.actor, {
        name: "Loyalty",
        connectorId: setup.connectorId,
        message: "Your code: {{user.code}}",
        recipients: [{ to: "+14155550111", attributes: { code: "A1" } }, { to: "+14155550112" }],
      });
      await done(campaign.id, setup.actor);
      const rows = (await listRecipients(setup.actor, campaign.id, { limit: 10 })).data;
      expect(rows.map((row) => [row.to, row.status === "failed" ? row.reason : "ok"])).toEqual([
        ["+14155550111", "ok"],
        ["+14155550112", "Personalization failed: user.code has no value and no default"],
      ]);
    } finally {
      await setup.provider.close();
    }
  });

  it("refuses an audience with no valid recipient, or without a phone column, and creates nothing", async () => {
    const setup = await setUp();
    try {
      const before = await db().campaign.count({ where: { workspaceId: setup.ws.id } });
      await expect(createCampaignFromJson(setup.actor, { name: "x", connectorId: setup.connectorId, message: "m", audienceCsv: "phone\nnope\n12\n" })).rejects.toThrow(
        /No valid recipients in 2 rows: 2 invalid \(line 2: Invalid mobile number: nope\)/,
      );
      await expect(createCampaignFromJson(setup.actor, { name: "x", connectorId: setup.connectorId, message: "m", audienceCsv: "name\nAnna\n" })).rejects.toBeInstanceOf(AudienceError);
      expect(await db().campaign.count({ where: { workspaceId: setup.ws.id } })).toBe(before);
    } finally {
      await setup.provider.close();
    }
  });

  it("leaves no campaign and no message when the import is cut off half way", async () => {
    const setup = await setUp();
    try {
      async function* brokenUpload() {
        yield "phone,name\n";
        for (let i = 0; i < 3000; i++) yield `+1415556${String(i).padStart(4, "0")},n${i}\n`;
        throw new Error("connection reset by peer");
      }
      await expect(createCampaign(setup.actor, { name: "Cut off", connectorId: setup.connectorId, message: "m" }, { kind: "csv", chunks: brokenUpload() })).rejects.toThrow(/connection reset/);
      expect(await db().campaign.count({ where: { workspaceId: setup.ws.id } })).toBe(0);
      expect(await db().message.count({ where: { workspaceId: setup.ws.id } })).toBe(0);
    } finally {
      await setup.provider.close();
    }
  });
});

describe("scheduling and control", () => {
  it("waits for its time in its time zone, then sends", async () => {
    const setup = await setUp();
    try {
      const at = new Date(Date.now() + 1500);
      const campaign = await createCampaignFromJson(setup.actor, {
        name: "Later",
        connectorId: setup.connectorId,
        message: "later",
        scheduledAt: at.toISOString(),
        timeZone: "Asia/Kolkata",
        recipients: [{ to: "+14155550121" }],
      });
      expect(campaign).toMatchObject({ status: "scheduled", scheduledAt: at.toISOString(), timeZone: "Asia/Kolkata" });
      await houseKeeping();
      expect(setup.provider.received).toHaveLength(0);
      const completed = await done(campaign.id, setup.actor);
      expect(new Date(completed.startedAt!).getTime()).toBeGreaterThanOrEqual(at.getTime());
      expect(setup.provider.received).toHaveLength(1);
    } finally {
      await setup.provider.close();
    }
  });

  it("pauses without holding slots, resumes where it stopped, and a cancel leaves the rest cancelled, nothing resent", async () => {
    const setup = await setUp({ throughputPerSecond: 10 });
    try {
      const recipients = Array.from({ length: 40 }, (_, i) => ({ to: `+1415555${String(2000 + i)}` }));
      const campaign = await createCampaignFromJson(setup.actor, { name: "Slow", connectorId: setup.connectorId, message: "slow", recipients });
      await waitUntil(async () => setup.provider.received.length, (n) => n >= 5);
      await pauseCampaign(setup.actor, campaign.id);
      // What was claimed goes out; then nothing more while paused.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const atPause = setup.provider.received.length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(setup.provider.received.length).toBe(atPause);
      expect(atPause).toBeLessThan(40);

      // While the campaign is paused, an API send through the same connector goes out at once.
      const single = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550999", message: "single" });
      const { processSend } = await import("@/lib/messages/process-send");
      const t0 = Date.now();
      await processSend({ messageId: single.id, connectorId: setup.connectorId }, 1);
      expect(Date.now() - t0).toBeLessThan(1000);

      await resumeCampaign(setup.actor, campaign.id);
      await waitUntil(async () => setup.provider.received.length, (n) => n >= atPause + 5);
      const cancelled = await cancelCampaign(setup.actor, campaign.id);
      expect(cancelled.status).toBe("cancelled");
      await new Promise((resolve) => setTimeout(resolve, 800));
      const final = await getCampaign(setup.actor, campaign.id);
      const handedOver = setup.provider.received.filter((request) => request.rawBody.includes('"slow"')).length;
      expect(final.progress.cancelled).toBe(40 - handedOver);
      expect(final.progress.queued + final.progress.sending).toBe(0);
      // No recipient was sent twice.
      const numbers = setup.provider.received.filter((request) => request.rawBody.includes('"slow"')).map((request) => JSON.parse(request.rawBody).to[0]);
      expect(new Set(numbers).size).toBe(numbers.length);
      await expect(resumeCampaign(setup.actor, campaign.id)).rejects.toThrow("A cancelled campaign cannot be resumed");
    } finally {
      await setup.provider.close();
    }
  });

  it("shares the connector's limit fairly: API sends go out within a slot or two while a big campaign runs", async () => {
    const perSecond = 10;
    const setup = await setUp({ throughputPerSecond: perSecond });
    try {
      const recipients = Array.from({ length: 60 }, (_, i) => ({ to: `+1415555${String(3000 + i)}` }));
      const campaign = await createCampaignFromJson(setup.actor, { name: "Big", connectorId: setup.connectorId, message: "big", recipients });
      await waitUntil(async () => setup.provider.received.length, (n) => n >= 5);
      const { processSend } = await import("@/lib/messages/process-send");
      // Five single sends, one after the other, as an app calling the API would make them.
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const single = await enqueueMessage(setup.actor, { connectorId: setup.connectorId, to: "+14155550998", message: `single ${i}` });
        const t0 = Date.now();
        await processSend({ messageId: single.id, connectorId: setup.connectorId }, 1);
        waits.push(Date.now() - t0);
      }
      // Behind 55 campaign messages at 10/s an API send would wait over five seconds; in turn with them, about a slot.
      const left = await getCampaign(setup.actor, campaign.id);
      expect(left.progress.queued).toBeGreaterThan(0);
      expect(Math.max(...waits)).toBeLessThan(1200);
      // And together they stay within the limit: the campaign gives way, it does not add to the rate.
      const times = setup.provider.received.map((request) => request.at).sort((a, b) => a - b);
      // (Plus the one that opens the window, and one that left a little late because the machine was busy.)
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(perSecond + 2);
      await cancelCampaign(setup.actor, campaign.id);
    } finally {
      await setup.provider.close();
    }
  });

  it("starts a draft only once it is started, with the sender and message it was given", async () => {
    const setup = await setUp({ connector: { senders: [{ name: "ACME", type: "transactional", default: true }, { name: "PROMO", type: "promotional" }] } });
    try {
      const draft = await createCampaignFromJson(setup.actor, { name: "Draft", connectorId: setup.connectorId, message: "draft", recipients: [{ to: "+14155550131" }] }, { draft: true });
      expect(draft.status).toBe("draft");
      await houseKeeping();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(setup.provider.received).toHaveLength(0);
      await updateCampaignDraft(setup.actor, draft.id, { message: "Final text for {{user.name | default: \"you\"}}", sender: "PROMO" });
      const preview = await previewCampaignMessage(setup.actor, draft.id, {});
      expect(preview).toMatchObject({ text: "Final text for you", segments: 1, encoding: "GSM-7", audience: { recipients: 1, totalSegments: 1, estimated: false } });
      await startCampaign(setup.actor, draft.id);
      await done(draft.id, setup.actor);
      expect(JSON.parse(setup.provider.received[0].rawBody).message.text).toBe("Final text for you");
      const message = await db().message.findFirstOrThrow({ where: { campaignId: draft.id }, select: { senderName: true } });
      expect(message.senderName).toBe("PROMO");
    } finally {
      await setup.provider.close();
    }
  });

  it("stops with a clear reason when its connector is deleted", async () => {
    const setup = await setUp({ throughputPerSecond: 2 });
    try {
      const campaign = await createCampaignFromJson(setup.actor, {
        name: "Orphan",
        connectorId: setup.connectorId,
        message: "orphan",
        recipients: Array.from({ length: 20 }, (_, i) => ({ to: `+1415555${String(3000 + i)}` })),
      });
      await waitUntil(async () => setup.provider.received.length, (n) => n >= 1);
      await deleteConnector(setup.actor, setup.connectorId);
      const stopped = await waitUntil(() => getCampaign(setup.actor, campaign.id), (c) => c.status === "cancelled");
      expect(stopped.statusReason).toBe('Stopped: its connector "Fake JSON" was deleted');
      expect(stopped.connectorId).toBeNull();
    } finally {
      await setup.provider.close();
    }
  });

  it("uses the connector's new credentials from the next message on", async () => {
    const setup = await setUp({ throughputPerSecond: 20 });
    try {
      const campaign = await createCampaignFromJson(setup.actor, {
        name: "Rotate",
        connectorId: setup.connectorId,
        message: "rotate",
        recipients: Array.from({ length: 30 }, (_, i) => ({ to: `+1415555${String(4000 + i)}` })),
      });
      await waitUntil(async () => setup.provider.received.length, (n) => n >= 3);
      await updateConnector(setup.actor, setup.connectorId, {
        request: {
          method: "POST",
          url: `${setup.provider.url}/json/send`,
          headers: [{ key: "Authorization", value: "Bearer rotated", secret: true }],
          body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "message.text", value: "{{message}}" }, { key: "callback_url", value: "{{dlr_url}}" }] },
        },
      });
      const changedAt = setup.provider.received.length;
      await done(campaign.id, setup.actor);
      // Messages claimed before the change (about a tenth of a second's worth at 20/s) may still use the old one.
      const after = setup.provider.received.slice(changedAt + 5);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((request) => request.headers.authorization === "Bearer rotated")).toBe(true);
    } finally {
      await setup.provider.close();
    }
  });
});

describe("POST /api/v1/campaigns as multipart/form-data", () => {
  it("takes a draft's audience before its message, and refuses to start it until the message is written", async () => {
    const setup = await setUp();
    try {
      const form = new FormData();
      form.append("name", "Message later");
      form.append("connectorId", setup.connectorId);
      form.append("file", new Blob(["phone\n+14155550151\n"], { type: "text/csv" }), "audience.csv");
      const { NextRequest } = await import("next/server");
      const response = await campaignsRoute.POST(
        new NextRequest("http://switchboard.test/api/v1/campaigns?draft=true", { method: "POST", headers: { authorization: `Bearer ${setup.ws.keys.manager}` }, body: form }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(201);
      const draft = await response.json();
      expect(draft).toMatchObject({ status: "draft", message: "", audience: { valid: 1 } });
      await expect(startCampaign(setup.actor, draft.id)).rejects.toThrow("Write the message before starting the campaign");
      expect((await getCampaign(setup.actor, draft.id)).status).toBe("draft");
      await updateCampaignDraft(setup.actor, draft.id, { message: "Now it has one" });
      expect((await startCampaign(setup.actor, draft.id)).status).toBe("running");
      await done(draft.id, setup.actor);
    } finally {
      await setup.provider.close();
    }
  });

  it("streams the uploaded CSV, answers 201 with the counts, and gives the same answer for the same Idempotency-Key", async () => {
    const setup = await setUp();
    try {
      const upload = () => {
        const form = new FormData();
        form.append("name", "Upload");
        form.append("connectorId", setup.connectorId);
        form.append("message", "Hello {{user.name}}");
        form.append("draft", "ignored");
        form.append("file", new Blob(["\uFEFFphone,name\n+14155550141,Ann\n+14155550142,Ben\nbad,Cid\n"], { type: "text/csv" }), "audience.csv");
        return form;
      };
      const { NextRequest } = await import("next/server");
      const post = (body: FormData) =>
        campaignsRoute.POST(
          new NextRequest("http://switchboard.test/api/v1/campaigns?draft=true", { method: "POST", headers: { authorization: `Bearer ${setup.ws.keys.manager}`, "idempotency-key": "upload-1" }, body }),
          { params: Promise.resolve({}) },
        );
      const first = await post(upload());
      expect(first.status).toBe(201);
      const created = await first.json();
      expect(created).toMatchObject({ status: "draft", audience: { rows: 3, valid: 2, invalid: 1 } });
      const again = await post(upload());
      expect(again.headers.get("Idempotent-Replayed")).toBe("true");
      expect((await again.json()).id).toBe(created.id);
      expect(await db().campaign.count({ where: { workspaceId: setup.ws.id } })).toBe(1);
    } finally {
      await setup.provider.close();
    }
  });
});
