// The token endpoint: what it issues, whom it refuses, and the tokens generic sends must then carry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "./index";
import { basicAuth, postForm, postJson } from "./test-support";

let open: FakeProvider;
let strict: FakeProvider;

beforeAll(async () => {
  open = await createFakeProvider();
  strict = await createFakeProvider({ oauth: { clientId: "client-1", clientSecret: "s3cret", expiresIn: 120 } });
});
afterAll(async () => {
  await open.close();
  await strict.close();
});

const tokenRequest = (fake: FakeProvider, auth = basicAuth("client-1", "s3cret"), body: Record<string, string> = { grant_type: "client_credentials" }) =>
  postForm(`${fake.url}/oauth/token`, body, { authorization: auth });

describe("POST /oauth/token", () => {
  it("issues a bearer token to the configured client, with its lifetime and scope, and counts the request", async () => {
    const before = strict.tokenRequests;
    const response = await tokenRequest(strict, basicAuth("client-1", "s3cret"), { grant_type: "client_credentials", scope: "sms:send" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: expect.stringMatching(/^fake-at-[0-9a-f]{24}$/), token_type: "Bearer", expires_in: 120, scope: "sms:send" });
    expect(strict.tokenRequests).toBe(before + 1);
    expect(strict.received.at(-1)).toMatchObject({ route: "oauth", path: "/oauth/token", status: 200 });
  });

  it("refuses another client, a wrong secret and another grant type, the way authorization servers do", async () => {
    expect((await tokenRequest(strict, basicAuth("client-1", "nope"))).status).toBe(401);
    const refused = await tokenRequest(strict, basicAuth("other", "s3cret"));
    expect(await refused.json()).toEqual({ error: "invalid_client", error_description: "Client authentication failed" });
    expect((await tokenRequest(strict, basicAuth("client-1", "s3cret"), { grant_type: "password" })).status).toBe(400);
    expect((await postForm(`${strict.url}/oauth/token?behavior=unavailable`, { grant_type: "client_credentials" }, { authorization: basicAuth("client-1", "s3cret") })).status).toBe(503);
  });

  it("takes client_id and client_secret in the body too, and any client when none is configured", async () => {
    expect((await postForm(`${strict.url}/oauth/token`, { grant_type: "client_credentials", client_id: "client-1", client_secret: "s3cret" })).status).toBe(200);
    expect((await tokenRequest(open, basicAuth("anyone", "anything"))).status).toBe(200);
  });
});

describe("generic sends with OAuth on", () => {
  it("need a live token, in the Authorization header or an access_token field; a revoked one gets a 401", async () => {
    const { access_token: token } = (await (await tokenRequest(strict)).json()) as { access_token: string };
    expect((await postJson(`${strict.url}/json/send`, { to: "+15550000001", text: "hi" })).status).toBe(401);
    expect((await postJson(`${strict.url}/json/send`, { to: "+15550000001", text: "hi" }, { authorization: "Bearer fake-at-unknown" })).status).toBe(401);
    expect((await postJson(`${strict.url}/json/send`, { to: "+15550000001", text: "hi" }, { authorization: `Bearer ${token}` })).status).toBe(201);
    expect((await postJson(`${strict.url}/json/send`, { to: "+15550000001", text: "hi", access_token: token })).status).toBe(201);

    const admin = await fetch(`${strict.url}/__admin/oauth/revoke`, { method: "POST" });
    expect(await admin.json()).toMatchObject({ active: 0, required: true });
    expect((await postJson(`${strict.url}/json/send`, { to: "+15550000001", text: "hi" }, { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("are not checked when OAuth is off", async () => {
    expect((await postJson(`${open.url}/json/send`, { to: "+15550000001", text: "hi" })).status).toBe(201);
  });
});
