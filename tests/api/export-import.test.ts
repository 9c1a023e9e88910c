// Export → import round trip for every kind of connector: the export leaves secrets out, an import names each
// secret it needs (native) or keeps the rows empty (custom), and the imported connector is the same configuration.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/connectors/route";
import * as item from "@/app/api/v1/connectors/[id]/route";
import * as exporter from "@/app/api/v1/connectors/[id]/export/route";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { connectorBody, createTestWorkspace, type TestWorkspace } from "../fixtures";
import { call } from "./client";

const SID = "AC0123456789abcdef0123456789abcdef";

const natives: Array<{ kind: string; sender: string; settings: Record<string, unknown>; secrets: Record<string, string> }> = [
  { kind: "twilio", sender: "+15557654321", settings: { accountSid: SID, baseUrl: "https://twilio.example" }, secrets: { authToken: "twilio-token-123" } },
  { kind: "sinch", sender: "12345", settings: { region: "eu", servicePlanId: "plan123", baseUrl: "https://sinch.example" }, secrets: { apiToken: "sinch-token-456" } },
  { kind: "gupshup", sender: "TESTIN", settings: { userId: "2000123456", baseUrl: "https://gupshup.example" }, secrets: { password: "gs-pass-789" } },
  { kind: "kaleyra", sender: "KLRHXA", settings: { sid: "HXAP1234567890IN", baseUrl: "https://kaleyra.example" }, secrets: { apiKey: "Aa1b2c3d4e5f" } },
  { kind: "ics-mobile", sender: "ACME", settings: { username: "acme", baseUrl: "https://ics.example" }, secrets: { token: "ics-bearer-000", password: "ics-pass-111" } },
];

let from: TestWorkspace;
let to: TestWorkspace;
beforeAll(async () => {
  from = await createTestWorkspace();
  to = await createTestWorkspace();
});

/** What must survive a round trip: everything but ids, dates, the DLR URL and secret values. */
function configuration(view: Record<string, unknown>) {
  const { id: _id, createdAt: _c, updatedAt: _u, deliveryTracking, ...rest } = view as { deliveryTracking: Record<string, unknown> } & Record<string, unknown>;
  const { url: _url, ...tracking } = deliveryTracking;
  return { ...rest, deliveryTracking: tracking };
}

describe.each(natives)("export and import of a native $kind connector", ({ kind, sender, settings, secrets }) => {
  it("exports the settings without secrets, asks for each secret by name, then imports the same configuration", async () => {
    const created = await call(collection.POST, { key: from.keys.admin, method: "POST", body: { kind, senders: [{ name: sender, type: "transactional" }], settings: { ...settings, ...secrets }, timeoutMs: 7000 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const exported = await call(exporter.GET, { key: from.keys.viewer, params: { id: created.body.id } });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ kind, name: created.body.name, senders: created.body.senders, timeoutMs: 7000, settings: expect.objectContaining(settings) });
    for (const field of Object.keys(secrets)) expect(exported.body.settings[field]).toBe("");
    for (const value of Object.values(secrets)) expect(JSON.stringify(exported.body)).not.toContain(value);

    const refused = await call(collection.POST, { key: to.keys.admin, method: "POST", body: exported.body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual(
      Object.keys(secrets).map((field) => ({ field: `settings.${field}`, message: expect.stringContaining("Enter this secret") })),
    );

    const imported = await call(collection.POST, { key: to.keys.admin, method: "POST", body: { ...exported.body, settings: { ...exported.body.settings, ...secrets } } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(configuration(imported.body)).toEqual(configuration(created.body));
    for (const field of Object.keys(secrets)) expect(imported.body.settings[field]).toBe(SECRET_MASK);
  });
});

describe("export and import of a custom connector", () => {
  it("imports with its secret rows empty, and the rest of the configuration unchanged", async () => {
    const created = await call(collection.POST, { key: from.keys.admin, method: "POST", body: connectorBody() });
    const exported = await call(exporter.GET, { key: from.keys.viewer, params: { id: created.body.id } });
    expect(exported.body.kind).toBe("custom");
    const imported = await call(collection.POST, { key: to.keys.admin, method: "POST", body: exported.body });
    expect(imported.status).toBe(201);
    const read = await call(item.GET, { key: to.keys.viewer, params: { id: imported.body.id } });
    expect(configuration(read.body)).toEqual(configuration({ ...created.body, request: { ...created.body.request, params: [{ key: "api_key", value: "", secret: true }] } }));
  });
});
