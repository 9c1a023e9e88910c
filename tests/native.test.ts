// Native connectors end to end against the fake provider's emulation of each API: configured from the
// provider's short form, a send in the provider's own format, its own callbacks (signed, for Twilio)
// applied without any mapping.
import { resetConfig } from "@/lib/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/connectors/route";
import * as item from "@/app/api/v1/connectors/[id]/route";
import * as copy from "@/app/api/v1/connectors/[id]/copy-as-custom/route";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { connectorMetrics } from "@/lib/delivery/metrics";
import { enqueueMessage } from "@/lib/messages/enqueue-message";
import { processSend } from "@/lib/messages/process-send";
import { getMessage } from "@/lib/messages/read-messages";
import { closeSendQueue } from "@/lib/queue/send-queue";
import { createFakeProvider, type DlrFormat, type FakeProvider } from "@/tools/fake-provider";
import { db } from "@/lib/db";
import { createTestWorkspace, type TestWorkspace } from "./fixtures";
import { applyAll, publicIdOf } from "./delivery-fixtures";
import { startCallbackServer } from "./support/callback-server";
import { call } from "./api/client";

const SID = "AC0123456789abcdef0123456789abcdef";

interface Case {
  kind: "twilio" | "sinch" | "gupshup" | "kaleyra" | "ics-mobile";
  credential: string;
  settings: (baseUrl: string) => Record<string, unknown>;
  sender: string;
  /** Providers that take no callback URL per message: the test triggers the report itself. */
  manualReport?: { format: DlrFormat; delivered: string; failed: string };
  failureReason: RegExp;
}

const cases: Case[] = [
  { kind: "twilio", credential: "twilio-token-123", settings: (baseUrl) => ({ accountSid: SID, authToken: "twilio-token-123", baseUrl }), sender: "+15557654321", failureReason: /^undelivered/ },
  { kind: "sinch", credential: "sinch-token-456", settings: (baseUrl) => ({ region: "eu", servicePlanId: "plan123", apiToken: "sinch-token-456", baseUrl }), sender: "12345", failureReason: /./ },
  {
    kind: "gupshup",
    credential: "gs-pass-789",
    settings: (baseUrl) => ({ userId: "2000123456", password: "gs-pass-789", baseUrl }),
    sender: "TESTIN",
    manualReport: { format: "gupshup-get", delivered: "SUCCESS", failed: "FAILURE" },
    failureReason: /^FAILURE/,
  },
  { kind: "kaleyra", credential: "Aa1b2c3d4e5f", settings: (baseUrl) => ({ sid: "HXAP1234567890IN", apiKey: "Aa1b2c3d4e5f", baseUrl }), sender: "KLRHXA", failureReason: /./ },
  {
    kind: "ics-mobile",
    credential: "ics-bearer-000",
    settings: (baseUrl) => ({ baseUrl, token: "ics-bearer-000", username: "acme", password: "ics-pass-111" }),
    sender: "ACME",
    failureReason: /./,
  },
];

let callbacks: Awaited<ReturnType<typeof startCallbackServer>>;
let ws: TestWorkspace;
let publicUrlBefore: string | undefined;
const fakes: FakeProvider[] = [];

beforeAll(async () => {
  callbacks = await startCallbackServer();
  publicUrlBefore = process.env.SWITCHBOARD_PUBLIC_URL;
  process.env.SWITCHBOARD_PUBLIC_URL = callbacks.url;
  resetConfig();
  ws = await createTestWorkspace();
});
afterAll(async () => {
  process.env.SWITCHBOARD_PUBLIC_URL = publicUrlBefore;
  resetConfig();
  for (const fake of fakes) await fake.close();
  await callbacks.close();
  await closeSendQueue();
});

describe.each(cases)("native connector: $kind", (c) => {
  it("sends in the provider's format and applies its delivery reports without a mapping", async () => {
    const fake = await createFakeProvider({ apiKey: c.credential, autoDlr: c.manualReport ? false : { delayMs: 0 } });
    fakes.push(fake);
    const created = await call(collection.POST, { key: ws.keys.admin, method: "POST", body: { kind: c.kind, senders: [{ name: c.sender, type: "transactional" }], settings: c.settings(fake.url) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const connector = created.body;
    expect(connector.deliveryTracking.url).toBe(`${callbacks.url}/sms/dlr/${c.kind}/${await publicIdOf(connector.id)}`);
    expect(JSON.stringify(connector)).not.toContain(c.credential);
    expect(Object.values(connector.settings)).toContain(SECRET_MASK);

    const actor = { workspaceId: ws.id, role: "admin" as const };
    const send = async (to: string) => {
      const accepted = await enqueueMessage(actor, { connectorId: connector.id, to, message: 'Hi "Ann" & co 👋' });
      await processSend({ messageId: accepted.id }, 1);
      return getMessage(actor, accepted.id);
    };
    const ok = await send("+15551234567");
    expect(ok.status, ok.reason ?? "").toBe("sent");
    expect(ok.providerMessageId).toBeTruthy();
    // Each provider fails its own number (the fake fails numbers ending in 0000), so suppression stays out of it.
    const failing = await send(`+155512${cases.indexOf(c)}0000`);
    expect(failing.status, failing.reason ?? "").toBe("sent");

    if (c.manualReport) {
      await fake.sendDeliveryReport({ messageId: ok.providerMessageId!, status: c.manualReport.delivered, url: connector.deliveryTracking.url, format: c.manualReport.format });
      await fake.sendDeliveryReport({ messageId: failing.providerMessageId!, status: c.manualReport.failed, reason: "ABSENT_SUBSCRIBER", url: connector.deliveryTracking.url, format: c.manualReport.format });
    } else {
      await fake.waitForDeliveryReport((r) => r.messageId === failing.providerMessageId && r.responseStatus === 200, 10_000);
      await fake.waitForDeliveryReport((r) => r.messageId === ok.providerMessageId && r.responseStatus === 200 && /deliver/i.test(r.reportStatus), 10_000);
    }
    expect(fake.deliveryReports.every((r) => r.responseStatus === 200), JSON.stringify(fake.deliveryReports.map((r) => [r.responseStatus, r.responseBody]))).toBe(true);

    await applyAll();
    expect((await getMessage(actor, ok.id)).status).toBe("delivered");
    const failed = await getMessage(actor, failing.id);
    expect(failed.status).toBe("undelivered");
    expect(failed.reason).toMatch(c.failureReason);
    const metrics = await connectorMetrics(actor, connector.id);
    expect(metrics).toMatchObject({ delivered: 1, failedToDeliver: 1 });
  });
});

describe("native connectors", () => {
  it("rejects a Twilio callback whose signature does not match (401, captured, nothing applied)", async () => {
    const connector = await db().connector.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "twilio" }, select: { id: true, publicId: true } });
    const response = await fetch(`${callbacks.url}/sms/dlr/twilio/${connector.publicId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl" },
      body: "MessageSid=SMforged&MessageStatus=delivered",
    });
    expect(response.status).toBe(401);
    const [latest] = await db().deliveryCallback.findMany({ where: { connectorId: connector.id }, orderBy: { id: "desc" }, take: 1 });
    expect(latest.outcome).toBe("rejected");
  });

  it("answers 404 for an unknown provider in the URL and allows one connector per provider", async () => {
    expect((await fetch(`${callbacks.url}/sms/dlr/nokia/abc`, { method: "POST" })).status).toBe(404);
    const again = await call(collection.POST, { key: ws.keys.admin, method: "POST", body: { kind: "sinch", name: "Second Sinch", senders: [{ name: "1", type: "promotional" }], settings: cases[1].settings("https://eu.sms.api.sinch.com") } });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].field).toBe("kind");
  });

  it("names bad provider fields and keeps secrets that come back masked", async () => {
    const bad = await call(collection.POST, { key: ws.keys.admin, method: "POST", body: { kind: "twilio", name: "Bad", senders: [{ name: "not-a-number", type: "transactional" }], settings: { accountSid: "nope" } } });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["settings.accountSid", "settings.authToken"]));

    const twilio = await db().connector.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "twilio" }, select: { id: true } });
    const current = await call(item.GET, { key: ws.keys.admin, params: { id: twilio.id } });
    const updated = await call(item.PATCH, { key: ws.keys.admin, method: "PATCH", params: { id: twilio.id }, body: { settings: { ...current.body.settings, senderType: "long_code" }, throughputPerSecond: 1 } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.settings.authToken).toBe(SECRET_MASK);
    expect(updated.body.request.headers[0]).toEqual({ key: "Authorization", value: SECRET_MASK, secret: true });
  });

  it("copies a native connector into a custom one that sends the same request", async () => {
    const twilio = await db().connector.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "twilio" }, select: { id: true } });
    const original = await call(item.GET, { key: ws.keys.admin, params: { id: twilio.id } });
    const copied = await call(copy.POST, { key: ws.keys.admin, method: "POST", params: { id: twilio.id } });
    expect(copied.status).toBe(201);
    expect(copied.body).toMatchObject({ kind: "custom", name: "Twilio (custom copy)", request: original.body.request, response: original.body.response });
    expect(copied.body.settings).toBeUndefined();
  });
});
