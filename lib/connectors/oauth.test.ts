// The token request against the fake provider's token endpoint, and the OAuth path of one send attempt: the token
// in the Authorization header or a placeholder, a cached token refused with 401 fetched again once, failures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "@/tools/fake-provider";
import { outboundGuard } from "@/lib/security/outbound";
import { createOutboundGuard } from "@/lib/security/ssrf";
import { attemptSend } from "./attempt";
import { readTokenReply, refreshMarginSeconds, requestToken, TokenRequestError } from "./oauth";
import { freshTokenSource, type TokenSource } from "./oauth-token-store";
import { connectorInputSchema, SECRET_MASK, type OAuth2Auth } from "./schema";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await createFakeProvider({ oauth: { clientId: "client-1", clientSecret: "cs-s3cret", expiresIn: 600 } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const auth = (overrides: Partial<OAuth2Auth> = {}): OAuth2Auth => ({
  type: "oauth2",
  tokenUrl: `${fake.url}/oauth/token`,
  clientId: "client-1",
  clientSecret: "cs-s3cret",
  placement: "header",
  ...overrides,
});
const options = () => ({ guard: outboundGuard(), timeoutMs: 2000 });

describe("requestToken", () => {
  it("is a client-credentials POST with the client as HTTP Basic, scope and audience in the form", async () => {
    const token = await requestToken(auth({ scope: "sms:send", audience: "https://api.acme.example" }), options());
    const [received] = fake.received;
    expect(received).toMatchObject({ method: "POST", path: "/oauth/token", route: "oauth", status: 200 });
    expect(received.headers.authorization).toBe(`Basic ${Buffer.from("client-1:cs-s3cret").toString("base64")}`);
    expect(received.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(received.rawBody))).toEqual({ grant_type: "client_credentials", scope: "sms:send", audience: "https://api.acme.example" });
    expect(token).toMatchObject({ accessToken: expect.stringMatching(/^fake-at-/), lifetimeSeconds: 600 });
  });

  it("shows the exchange with the secret, the Basic credentials and the token masked", async () => {
    const { accessToken, exchange } = await requestToken(auth(), options());
    const shown = JSON.stringify(exchange);
    for (const secret of ["cs-s3cret", Buffer.from("client-1:cs-s3cret").toString("base64"), accessToken]) expect(shown).not.toContain(secret);
    expect(exchange.request.headers.Authorization).toBe(`Basic ${SECRET_MASK}`);
    expect(JSON.parse(exchange.response!.body)).toMatchObject({ access_token: SECRET_MASK, token_type: "Bearer" });
    expect(exchange.error).toBeNull();
  });

  it("fails with a clear reason and the provider's reply, secrets masked", async () => {
    const error = await requestToken(auth({ clientSecret: "wrong-secret" }), options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    const failure = error as TokenRequestError;
    expect(failure.reason).toBe('OAuth token request failed: HTTP 401 {"error":"invalid_client","error_description":"Client authentication failed"}');
    expect(failure.retryable).toBe(false);
    expect(failure.exchange.response?.status).toBe(401);
    expect(JSON.stringify(failure.exchange)).not.toContain("wrong-secret");

    const down = (await requestToken(auth({ tokenUrl: `${fake.url}/oauth/token?behavior=unavailable` }), options()).catch((e: unknown) => e)) as TokenRequestError;
    expect(down).toMatchObject({ reason: 'OAuth token request failed: HTTP 503 {"error":"temporarily_unavailable"}', retryable: true });
  });

  it("fails when nothing answers, and refuses addresses the outbound guard blocks", async () => {
    const refused = (await requestToken(auth({ tokenUrl: "http://127.0.0.1:9/oauth/token" }), options()).catch((e: unknown) => e)) as TokenRequestError;
    expect(refused).toMatchObject({ reason: "OAuth token request failed: Connection refused", retryable: true });
    const strictGuard = createOutboundGuard("");
    const blocked = (await requestToken(auth(), { guard: strictGuard, timeoutMs: 2000 }).catch((e: unknown) => e)) as TokenRequestError;
    expect(blocked.reason).toMatch(/^OAuth token request failed: Blocked/);
    expect(blocked.retryable).toBe(false);
  });
});

describe("readTokenReply", () => {
  it("reads the token and its lifetime, with a default when expires_in is missing", () => {
    expect(readTokenReply('{"access_token":"a","expires_in":"120"}')).toEqual({ accessToken: "a", lifetimeSeconds: 120 });
    expect(readTokenReply('{"access_token":"a"}')).toEqual({ accessToken: "a", lifetimeSeconds: 3600 });
    expect(readTokenReply('{"token":"a"}')).toBeNull();
    expect(readTokenReply("<html>")).toBeNull();
  });

  it("refreshes shortly before expiry: at most a minute, at most a tenth of the lifetime", () => {
    expect(refreshMarginSeconds(3600)).toBe(60);
    expect(refreshMarginSeconds(100)).toBe(10);
  });
});

describe("a send through an OAuth 2.0 connector", () => {
  const connector = (placement: "header" | "placeholder", extra: Record<string, unknown> = {}) =>
    connectorInputSchema.parse({
      name: "OAuth",
      senders: [{ name: "ACME", type: "transactional" }],
      request: {
        method: "POST",
        url: `${fake.url}/json/send`,
        body: { type: "json", fields: [{ key: "to", value: "{{destination}}" }, { key: "text", value: "{{message}}" }, ...(placement === "placeholder" ? [{ key: "access_token", value: "{{oauth_token}}" }] : [])] },
        auth: { type: "oauth2", tokenUrl: `${fake.url}/oauth/token`, clientId: "client-1", clientSecret: "cs-s3cret", placement },
        ...extra,
      },
      response: { sentId: { from: "json", path: "data.messages[0].id" } },
    });
  const vars = { destination: "+15550000001", message: "Hello" };

  /** A token source that hands out one cached token first, as the shared store does between sends. */
  function cachedThenFresh(cached: string): TokenSource & { calls: Array<string | undefined> } {
    const fresh = freshTokenSource(connector("header").request.auth as OAuth2Auth, options());
    const calls: Array<string | undefined> = [];
    return {
      calls,
      async token({ rejected } = {}) {
        calls.push(rejected);
        return rejected === undefined ? { token: cached, exchange: null } : fresh.token();
      },
    };
  }

  it("sends the token as Authorization: Bearer, masked in the inspector copy", async () => {
    const config = connector("header");
    const result = await attemptSend({ ...config, tokens: freshTokenSource(config.request.auth as OAuth2Auth, options()) }, vars, { guard: outboundGuard() });
    expect(result).toMatchObject({ outcome: "sent", sentId: expect.stringMatching(/^fake-/) });
    const send = fake.received.find((request) => request.route === "json")!;
    expect(send.headers.authorization).toMatch(/^Bearer fake-at-/);
    expect(result.request?.headers.Authorization).toBe(`Bearer ${SECRET_MASK}`);
    expect(result.tokenExchanges).toHaveLength(1);
  });

  it("puts the token in {{oauth_token}} when asked to", async () => {
    const config = connector("placeholder");
    const result = await attemptSend({ ...config, tokens: freshTokenSource(config.request.auth as OAuth2Auth, options()) }, vars, { guard: outboundGuard() });
    expect(result.outcome).toBe("sent");
    const send = fake.received.find((request) => request.route === "json")!;
    expect(JSON.parse(send.rawBody)).toMatchObject({ access_token: expect.stringMatching(/^fake-at-/) });
    expect(send.headers.authorization).toBeUndefined();
    expect(JSON.parse(result.request!.body!)).toMatchObject({ access_token: SECRET_MASK });
  });

  it("fetches a new token once when the provider answers 401 to a cached one, and sends again", async () => {
    const config = connector("header");
    const tokens = cachedThenFresh("fake-at-revoked");
    const result = await attemptSend({ ...config, tokens }, vars, { guard: outboundGuard() });
    expect(tokens.calls).toEqual([undefined, "fake-at-revoked"]);
    expect(result).toMatchObject({ outcome: "sent", response: { status: 201 } });
    expect(fake.received.filter((request) => request.route === "json").map((request) => request.status)).toEqual([401, 201]);
    expect(fake.tokenRequests).toBe(1);
  });

  it("does not fetch again when a token it just fetched is refused: the provider refuses the client, not the token", async () => {
    const config = connector("header");
    fake.revokeTokens();
    const tokens: TokenSource = { token: async () => ({ token: "fake-at-nope", exchange: { request: { method: "POST", url: "x", headers: {}, body: "" }, response: null, error: null, durationMs: 1 } }) };
    const result = await attemptSend({ ...config, tokens }, vars, { guard: outboundGuard() });
    expect(result).toMatchObject({ outcome: "failed", reason: 'HTTP 401: {"error":"bad key"}' });
    expect(fake.received.filter((request) => request.route === "json")).toHaveLength(1);
  });

  it("fails before sending when the token request fails, with the reason, and retries only what may work later", async () => {
    const config = connector("header");
    const wrong = { ...config.request.auth, clientSecret: "wrong" } as OAuth2Auth;
    const result = await attemptSend({ ...config, tokens: freshTokenSource(wrong, options()) }, vars, { guard: outboundGuard() });
    expect(result).toMatchObject({ outcome: "failed", request: null, requestWentOut: false, reason: expect.stringMatching(/^OAuth token request failed: HTTP 401 /) });
    expect(result.tokenExchanges[0].response?.status).toBe(401);
    expect(fake.received.filter((request) => request.route === "json")).toHaveLength(0);

    const down = { ...config.request.auth, tokenUrl: `${fake.url}/oauth/token?behavior=unavailable` } as OAuth2Auth;
    const later = await attemptSend({ ...config, tokens: freshTokenSource(down, options()) }, vars, { guard: outboundGuard() });
    expect(later).toMatchObject({ outcome: "retry", reason: expect.stringMatching(/^OAuth token request failed: HTTP 503/) });
    expect(later.retryDelayMs).toBeGreaterThan(0);
  });
});
