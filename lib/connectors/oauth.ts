// OAuth 2.0 client credentials (RFC 6749 §4.4): the token request a connector makes before it sends, through the
// same outbound guard as sends, and the reply read into a token and a lifetime. Caching lives in oauth-token-store.ts.
import { OutboundBlockedError, type OutboundGuard } from "@/lib/security/ssrf";
import { describeTransportError } from "./classify";
import { sendHttp } from "./http";
import { maskerFor, type BuiltRequest } from "./request";
import type { OAuth2Auth } from "./schema";

/** Used when the token reply gives no `expires_in`; a 401 from the provider fetches a new token anyway. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
/** A token is fetched again this long before it expires: at most a minute, at most a tenth of its life. */
export const MAX_REFRESH_MARGIN_SECONDS = 60;

const REPLY_EXCERPT = 300;

/** One token request and its reply as the request inspector shows them: every secret and the token masked. */
export interface TokenExchange {
  request: BuiltRequest;
  response: { status: number; headers: Record<string, string>; body: string } | null;
  error: string | null;
  durationMs: number;
}

export interface FetchedToken {
  accessToken: string;
  /** Seconds the token lives, from the reply (or the default). */
  lifetimeSeconds: number;
  exchange: TokenExchange;
}

/** The token request failed: `reason` is what a message's failure says; `retryable` when trying later may work. */
export class TokenRequestError extends Error {
  constructor(
    readonly reason: string,
    readonly exchange: TokenExchange,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

export interface TokenRequestOptions {
  guard: OutboundGuard;
  timeoutMs: number;
}

/**
 * POSTs `grant_type=client_credentials` (plus scope and audience when set) as a form, with the client id and secret
 * as HTTP Basic credentials. The id and secret go as written (`id:secret`, as curl -u and most clients send them),
 * not form-encoded first.
 */
export async function requestToken(auth: OAuth2Auth, { guard, timeoutMs }: TokenRequestOptions): Promise<FetchedToken> {
  const credentials = Buffer.from(`${auth.clientId}:${auth.clientSecret}`, "utf8").toString("base64");
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (auth.scope) form.set("scope", auth.scope);
  if (auth.audience) form.set("audience", auth.audience);
  const request: BuiltRequest = {
    method: "POST",
    url: auth.tokenUrl,
    headers: { Authorization: `Basic ${credentials}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: form.toString(),
  };
  let mask = maskerFor([auth.clientSecret, credentials]);
  const exchange = (response: TokenExchange["response"], error: string | null, durationMs: number): TokenExchange => ({
    request: { ...request, headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, mask(value)])), body: mask(request.body ?? "") },
    response: response && { status: response.status, headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, mask(value)])), body: mask(response.body) },
    error: error && mask(error),
    durationMs,
  });
  const fail = (reason: string, response: TokenExchange["response"], durationMs: number, retryable: boolean): never => {
    const full = `OAuth token request failed: ${reason}`;
    throw new TokenRequestError(mask(full), exchange(response, full, durationMs), retryable);
  };

  const started = performance.now();
  let http;
  try {
    guard.checkUrl(request.url);
    http = await sendHttp(request, { timeoutMs, guard });
  } catch (error) {
    // Nothing was sent to the SMS provider yet, so trying again later cannot duplicate a message.
    return fail(describeTransportError(error, timeoutMs), null, Math.round(performance.now() - started), !(error instanceof OutboundBlockedError));
  }
  const response = { status: http.status, headers: http.headers, body: http.body };
  if (http.status < 200 || http.status > 299) {
    const excerpt = oneLine(http.body);
    return fail(excerpt ? `HTTP ${http.status} ${excerpt}` : `HTTP ${http.status}`, response, http.durationMs, http.status === 429 || http.status >= 500);
  }
  const token = readTokenReply(http.body);
  if (!token) return fail(`the reply carried no access_token: ${oneLine(http.body) || "(empty reply)"}`, response, http.durationMs, false);
  // From here on the token itself is a secret too: the inspector shows the reply with it masked.
  mask = maskerFor([auth.clientSecret, credentials, token.accessToken]);
  return { ...token, exchange: exchange(response, null, http.durationMs) };
}

/** `{"access_token": "…", "token_type": "Bearer", "expires_in": 3600}`; expires_in may come as a string. */
export function readTokenReply(body: string): { accessToken: string; lifetimeSeconds: number } | null {
  let reply: unknown;
  try {
    reply = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof reply !== "object" || reply === null) return null;
  const { access_token: accessToken, expires_in: expiresIn } = reply as { access_token?: unknown; expires_in?: unknown };
  if (typeof accessToken !== "string" || accessToken.trim() === "") return null;
  const seconds = typeof expiresIn === "number" ? expiresIn : typeof expiresIn === "string" && /^\d+$/.test(expiresIn.trim()) ? Number(expiresIn) : NaN;
  return { accessToken: accessToken.trim(), lifetimeSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TOKEN_LIFETIME_SECONDS };
}

/** Seconds before expiry at which the cached token is replaced. */
export function refreshMarginSeconds(lifetimeSeconds: number): number {
  return Math.min(MAX_REFRESH_MARGIN_SECONDS, lifetimeSeconds / 10);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > REPLY_EXCERPT ? `${line.slice(0, REPLY_EXCERPT)}…` : line;
}
