// REST API v1 connector CRUD against a real PostgreSQL: shapes, masking, auth, roles, isolation, conflicts.
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/connectors/route";
import * as item from "@/app/api/v1/connectors/[id]/route";
import * as exporter from "@/app/api/v1/connectors/[id]/export/route";
import * as duplicate from "@/app/api/v1/connectors/[id]/duplicate/route";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { db } from "@/lib/db";
import { connectorBody, createTestWorkspace, type TestWorkspace } from "../fixtures";
import { call } from "./client";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createTestWorkspace();
});

async function create(body = connectorBody(), key = ws.keys.admin) {
  return call(collection.POST, { key, method: "POST", body });
}

describe("POST /api/v1/connectors", () => {
  it("creates a connector and answers in the documented shape with the secret masked", async () => {
    const body = connectorBody();
    const res = await create(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: body.name,
      kind: "custom",
      senders: [
        { name: "ACME", type: "transactional", default: true },
        { name: "ACMEPROMO", type: "promotional", default: false },
      ],
      request: {
        method: "POST",
        url: body.request.url,
        params: [{ key: "api_key", value: SECRET_MASK, secret: true }],
        headers: [{ key: "X-Client", value: "switchboard", secret: false }],
        body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "message.text", value: "{{message}}" }] },
      },
      response: { sentId: { from: "json", path: "data.id" } },
      timeoutMs: 5000,
      throughputPerSecond: 50,
    });
    expect(res.body.deliveryTracking.url).toMatch(/^http:\/\/switchboard\.test\/sms\/dlr\/custom\/[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(res.body)).not.toContain("super-secret-key");
  });

  it("stores the secret encrypted, not in clear", async () => {
    const res = await create();
    const row = await db().connector.findUniqueOrThrow({ where: { id: res.body.id }, select: { config: true } });
    const stored = JSON.stringify(row.config);
    expect(stored).not.toContain("super-secret-key");
    expect(stored).toMatch(/"value":"v1:[^"]+"/);
  });

  it("makes the first sender the default when none is chosen", async () => {
    const res = await create(connectorBody({ senders: [{ name: "A", type: "promotional" }, { name: "B", type: "transactional" }] }));
    expect(res.status).toBe(201);
    expect(res.body.senders.map((s: { default: boolean }) => s.default)).toEqual([true, false]);
  });

  it("rejects bad input with 422 naming each field", async () => {
    const res = await create(connectorBody({ name: "", request: { method: "PUT", url: "ftp://x.example/send" }, senders: [] }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["name", "senders", "request.method", "request.url"]));
    const url = res.body.error.details.find((d: { field: string }) => d.field === "request.url");
    expect(url.message).toBe("Only http and https URLs are allowed");
  });

  it("refuses a URL that does not parse with a field error, and saves a request that cannot work with a warning", async () => {
    const spaced = await create(connectorBody({ request: { ...connectorBody().request, url: "https://api.acme.example/send sms" } }));
    expect(spaced.status).toBe(422);
    expect(spaced.body.error.details).toEqual([{ field: "request.url", message: expect.stringMatching(/contains a space/) }]);
    const port = await create(connectorBody({ request: { ...connectorBody().request, url: "https://api.acme.example:70000/send" } }));
    expect(port.body.error.details).toEqual([{ field: "request.url", message: expect.stringMatching(/port "70000"/) }]);

    const clean = await create();
    expect(clean.body.warnings).toEqual([]);
    const silent = connectorBody();
    const saved = await create({ ...silent, request: { ...silent.request, body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }] } } });
    expect(saved.status).toBe(201);
    expect(saved.body.warnings).toEqual([{ field: "request", message: expect.stringMatching(/never carries the message text/) }]);
    const read = await call(item.GET, { key: ws.keys.viewer, params: { id: saved.body.id } });
    expect(read.body.warnings).toEqual(saved.body.warnings);
  });

  it("refuses a body on a GET request and two default senders", async () => {
    const res = await create(
      connectorBody({
        request: { method: "GET", url: "https://get.example/send", body: { type: "form", fields: [{ key: "a", value: "b" }] } },
        senders: [{ name: "A", type: "promotional", default: true }, { name: "B", type: "promotional", default: true }],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "request.body.type", message: "A GET request cannot have a body" },
        { field: "senders", message: "Only one sender can be the default" },
      ]),
    );
  });

  it("answers 400 for a body that is not JSON, never 500", async () => {
    const res = await call(collection.POST, { key: ws.keys.admin, method: "POST", rawBody: "{name: nope" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not valid JSON/);
  });

  it("answers 409 for a duplicate name (any case) and for a second connector on the same host", async () => {
    const first = connectorBody();
    expect((await create(first)).status).toBe(201);

    const sameName = await create(connectorBody({ name: first.name.toUpperCase() }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.details).toEqual([{ field: "name", message: expect.stringContaining("already exists") }]);

    const sameHost = await create(connectorBody({ request: { ...first.request, url: first.request.url.replace("/v2/send", "/other") } }));
    expect(sameHost.status).toBe(409);
    expect(sameHost.body.error.details[0].field).toBe("request.url");
    expect(sameHost.body.error.message).toContain(new URL(first.request.url).hostname);
  });

  it("lets another workspace use the same name and host", async () => {
    const body = connectorBody();
    expect((await create(body)).status).toBe(201);
    expect((await create(body, other.keys.admin)).status).toBe(201);
  });
});

describe("authentication and roles", () => {
  it("answers 401 without a key and with an unknown key", async () => {
    const missing = await call(collection.GET, { path: "/api/v1/connectors" });
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toContain("Authorization: Bearer");
    const wrong = await call(collection.GET, { key: "sb_not-a-real-key" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthorized");
  });

  it("refuses a cross-site write that rides on a browser session", async () => {
    const { NextRequest } = await import("next/server");
    const request = new NextRequest("http://switchboard.test/api/v1/connectors", {
      method: "POST",
      headers: { host: "switchboard.test", origin: "https://evil.example", cookie: "next-auth.session-token=stolen", "content-type": "application/json" },
      body: JSON.stringify(connectorBody()),
    });
    const response = await collection.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toBe("Cross-site request refused");
  });

  it("lets a viewer read but answers 403 to a viewer's write", async () => {
    const created = await create();
    expect((await call(item.GET, { key: ws.keys.viewer, params: { id: created.body.id } })).status).toBe(200);
    const write = await create(connectorBody(), ws.keys.viewer);
    expect(write.status).toBe(403);
    const patch = await call(item.PATCH, { key: ws.keys.viewer, method: "PATCH", params: { id: created.body.id }, body: { name: "x" } });
    expect(patch.status).toBe(403);
    const del = await call(item.DELETE, { key: ws.keys.viewer, method: "DELETE", params: { id: created.body.id } });
    expect(del.status).toBe(403);
  });

  it("answers 404 for another workspace's connector, for every verb", async () => {
    const created = await create();
    const params = { id: created.body.id };
    expect((await call(item.GET, { key: other.keys.admin, params })).status).toBe(404);
    expect((await call(item.PATCH, { key: other.keys.admin, method: "PATCH", params, body: { name: "stolen" } })).status).toBe(404);
    expect((await call(item.DELETE, { key: other.keys.admin, method: "DELETE", params })).status).toBe(404);
    expect((await call(exporter.GET, { key: other.keys.admin, params })).status).toBe(404);
    const list = await call(collection.GET, { key: other.keys.admin });
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
    // …and it is still there for its owner.
    expect((await call(item.GET, { key: ws.keys.admin, params })).body.name).toBe(created.body.name);
  });
});

describe("GET, PATCH, DELETE /api/v1/connectors/{id}", () => {
  it("keeps a secret when the masked value is sent back, and replaces it when retyped", async () => {
    const created = await create();
    const id = created.body.id;
    const patched = await call(item.PATCH, {
      key: ws.keys.manager,
      method: "PATCH",
      params: { id },
      body: { name: "Renamed", request: created.body.request },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe("Renamed");
    const { unsealRequest } = await import("@/lib/connectors/secret-rows");
    const { readStoredConfig } = await import("@/lib/connectors/stored-config");
    const stored = async () =>
      unsealRequest(readStoredConfig((await db().connector.findUniqueOrThrow({ where: { id }, select: { config: true } })).config).request).params[0].value;
    expect(await stored()).toBe("super-secret-key");

    const retyped = { ...created.body.request, params: [{ key: "api_key", value: "rotated-key", secret: true }] };
    await call(item.PATCH, { key: ws.keys.manager, method: "PATCH", params: { id }, body: { request: retyped } });
    expect(await stored()).toBe("rotated-key");
  });

  it("asks for the value when a new secret row arrives masked", async () => {
    const created = await create();
    const request = { ...created.body.request, headers: [{ key: "Authorization", value: SECRET_MASK, secret: true }] };
    const res = await call(item.PATCH, { key: ws.keys.admin, method: "PATCH", params: { id: created.body.id }, body: { request } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ field: "request.headers.0.value", message: 'Enter the secret value for "Authorization"' }]);
  });

  it("replaces senders and keeps other parts on PATCH", async () => {
    const created = await create();
    const res = await call(item.PATCH, {
      key: ws.keys.admin,
      method: "PATCH",
      params: { id: created.body.id },
      body: { senders: [{ name: "NEW", type: "promotional" }], throughputPerSecond: 5 },
    });
    expect(res.status).toBe(200);
    expect(res.body.senders).toEqual([{ name: "NEW", type: "promotional", default: true }]);
    expect(res.body.throughputPerSecond).toBe(5);
    expect(res.body.request.url).toBe(created.body.request.url);
  });

  it("deletes with 204 and then answers 404", async () => {
    const created = await create();
    const params = { id: created.body.id };
    expect((await call(item.DELETE, { key: ws.keys.manager, method: "DELETE", params })).status).toBe(204);
    expect((await call(item.GET, { key: ws.keys.manager, params })).status).toBe(404);
  });
});

describe("export and import", () => {
  it("exports without secrets and imports the export as a new connector", async () => {
    const created = await create();
    const exported = await call(exporter.GET, { key: ws.keys.viewer, params: { id: created.body.id } });
    expect(exported.status).toBe(200);
    expect(exported.body).not.toHaveProperty("id");
    expect(exported.body.request.params).toEqual([{ key: "api_key", value: "", secret: true }]);
    expect(JSON.stringify(exported.body)).not.toContain(SECRET_MASK);

    // Importing into another workspace (same host is fine there) recreates the configuration.
    const imported = await create(exported.body, other.keys.admin);
    expect(imported.status).toBe(201);
    expect(imported.body.request).toEqual({ ...created.body.request, params: [{ key: "api_key", value: "", secret: true }] });
    expect(imported.body.senders).toEqual(created.body.senders);
  });
});

describe("POST /api/v1/connectors/{id}/duplicate", () => {
  const oauthBody = () => {
    const body = connectorBody();
    return {
      ...body,
      request: {
        ...body.request,
        url: `${body.request.url.replace("/v2/send", ":8443/v2/send")}?format=json`,
        auth: { type: "oauth2", tokenUrl: "https://auth.acme.example/oauth/token", clientId: "client-1", clientSecret: "cs-dup-secret", scope: "sms" },
      },
    };
  };

  it("copies a custom connector as \"<name> (copy)\" with the host left to fill in and the secrets kept, still encrypted", async () => {
    const original = await create(oauthBody());
    const duplicated = await call(duplicate.POST, { key: ws.keys.manager, method: "POST", params: { id: original.body.id } });
    expect(duplicated.status).toBe(201);
    const copy = duplicated.body;
    expect(copy).toMatchObject({
      name: `${original.body.name} (copy)`,
      kind: "custom",
      senders: original.body.senders,
      request: { url: "https:///v2/send?format=json", params: [{ key: "api_key", value: SECRET_MASK, secret: true }], auth: { clientSecret: SECRET_MASK, clientId: "client-1" } },
      response: original.body.response,
      warnings: [{ field: "request.url", message: expect.stringMatching(/no host yet/) }],
    });
    expect(copy.id).not.toBe(original.body.id);
    expect(copy.deliveryTracking.url).not.toBe(original.body.deliveryTracking.url);

    // Copied sealed: nothing was decrypted and encrypted again, and it opens to the same secrets.
    const { unsealRequest } = await import("@/lib/connectors/secret-rows");
    const { readStoredConfig } = await import("@/lib/connectors/stored-config");
    const storedOf = async (id: string) => readStoredConfig((await db().connector.findUniqueOrThrow({ where: { id }, select: { config: true } })).config).request;
    const [before, after] = [await storedOf(original.body.id), await storedOf(copy.id)];
    expect(after.params[0].value).toBe(before.params[0].value);
    expect(JSON.stringify(after)).not.toContain("cs-dup-secret");
    expect(unsealRequest(after).auth).toMatchObject({ clientSecret: "cs-dup-secret" });

    // A second copy gets the next free name; filling in the host makes the copy a connector like any other.
    expect((await call(duplicate.POST, { key: ws.keys.manager, method: "POST", params: { id: original.body.id } })).body.name).toBe(`${original.body.name} (copy 2)`);
    const filled = await call(item.PATCH, { key: ws.keys.manager, method: "PATCH", params: { id: copy.id }, body: { request: { ...copy.request, url: "https://api-copy.acme.example/v2/send" } } });
    expect(filled.status).toBe(200);
    expect(filled.body.warnings).toEqual([]);
    expect(unsealRequest(await storedOf(copy.id))).toMatchObject({ params: [{ value: "super-secret-key" }], auth: { clientSecret: "cs-dup-secret" } });
    // The one-host rule still holds for the copy.
    const clash = await call(item.PATCH, { key: ws.keys.manager, method: "PATCH", params: { id: copy.id }, body: { request: { ...copy.request, url: original.body.request.url } } });
    expect(clash.status).toBe(409);
  });

  it("never sends through a copy before its host is filled in", async () => {
    const original = await create();
    const copy = (await call(duplicate.POST, { key: ws.keys.admin, method: "POST", params: { id: original.body.id } })).body;
    const { enqueueMessage } = await import("@/lib/messages/enqueue-message");
    const { processSend } = await import("@/lib/messages/process-send");
    const { getMessage } = await import("@/lib/messages/read-messages");
    const actor = { workspaceId: ws.id, role: "admin" as const };
    const accepted = await enqueueMessage(actor, { connectorId: copy.id, to: "+14155550123", message: "hi" });
    await processSend({ messageId: accepted.id }, 1);
    expect(await getMessage(actor, accepted.id)).toMatchObject({ status: "failed", reason: "The API URL has no host: fill it in and save the connector" });
  });

  it("refuses native connectors, viewers and other workspaces' connectors", async () => {
    const native = await create({ kind: "sinch", senders: [{ name: "ACME", type: "transactional" }], settings: { servicePlanId: "plan1", apiToken: "tok" } } as never);
    expect(native.status).toBe(201);
    const refused = await call(duplicate.POST, { key: ws.keys.admin, method: "POST", params: { id: native.body.id } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Copy to custom connector/);
    const custom = await create();
    expect((await call(duplicate.POST, { key: ws.keys.viewer, method: "POST", params: { id: custom.body.id } })).status).toBe(403);
    expect((await call(duplicate.POST, { key: other.keys.admin, method: "POST", params: { id: custom.body.id } })).status).toBe(404);
  });
});
