// Where a connector's OAuth 2.0 token comes from at send time. The token is fetched once and shared by every
// worker and process: it lives sealed in PostgreSQL (OAuthToken), and whoever finds it missing or about to expire
// fetches it under a transaction-scoped advisory lock, so concurrent workers wait for that one fetch and then read
// its result. Each process also keeps it in memory until its refresh time, so a busy worker reads the table once.
import { createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { decryptSecret, encryptSecret, encryptionKey } from "@/lib/security/secrets";
import type { OutboundGuard } from "@/lib/security/ssrf";
import { refreshMarginSeconds, requestToken, type TokenExchange } from "./oauth";
import type { OAuth2Auth } from "./schema";

export interface SuppliedToken {
  token: string;
  /** The token request made for this send, for the request inspector; null when the token came from a cache. */
  exchange: TokenExchange | null;
}

/** What a send asks for its token. `rejected`: the provider just answered 401 to this token, so do not hand it out again. */
export interface TokenSource {
  token(options?: { rejected?: string }): Promise<SuppliedToken>;
}

interface Options {
  guard: OutboundGuard;
  timeoutMs: number;
}

/** Send Test SMS: a fresh token every time, so the test shows (and proves) the token exchange. Nothing is cached. */
export function freshTokenSource(auth: OAuth2Auth, options: Options): TokenSource {
  return {
    async token() {
      const fetched = await requestToken(auth, options);
      return { token: fetched.accessToken, exchange: fetched.exchange };
    },
  };
}

/** A saved connector's sends: the token shared through PostgreSQL. */
export function sharedTokenSource(connectorId: string, auth: OAuth2Auth, options: Options): TokenSource {
  return { token: (requested = {}) => sharedToken(connectorId, auth, options, requested.rejected) };
}

const MEMORY_LIMIT = 1000;
const memory = new Map<string, { token: string; refreshAt: number }>();
const inFlight = new Map<string, Promise<SuppliedToken>>();

async function sharedToken(connectorId: string, auth: OAuth2Auth, options: Options, rejected: string | undefined): Promise<SuppliedToken> {
  const configHash = oauthConfigHash(auth);
  const key = `${connectorId}:${configHash}`;
  const cached = memory.get(key);
  if (cached && cached.refreshAt > Date.now() && cached.token !== rejected) return { token: cached.token, exchange: null };

  // One trip to the database per process at a time; the others wait for its answer.
  const pending = inFlight.get(key);
  if (pending) {
    const shared = await pending;
    if (shared.token !== rejected) return { token: shared.token, exchange: null };
  }
  const trip = fetchShared(connectorId, configHash, auth, options, rejected).finally(() => inFlight.delete(key));
  inFlight.set(key, trip);
  return trip;
}

async function fetchShared(connectorId: string, configHash: string, auth: OAuth2Auth, options: Options, rejected: string | undefined): Promise<SuppliedToken> {
  const key = `${connectorId}:${configHash}`;
  const sealKey = encryptionKey();
  const result = await db().$transaction(
    async (tx) => {
      // Every process that needs this token queues here; the first one fetches, the others then read its row.
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`oauth-token:${key}`}, 0))`;
      const [row] = await tx.$queryRaw<Array<{ accessToken: string; remainingMs: number }>>`
        select "accessToken", (extract(epoch from ("refreshAt" - clock_timestamp())) * 1000)::float8 as "remainingMs"
          from "OAuthToken" where "connectorId" = ${connectorId} and "configHash" = ${configHash}`;
      if (row && row.remainingMs > 0) {
        const token = decryptSecret(row.accessToken, sealKey);
        if (token !== rejected) return { token, remainingMs: row.remainingMs, exchange: null };
      }
      const fetched = await requestToken(auth, options);
      const lifetime = fetched.lifetimeSeconds;
      const refreshIn = Math.max(lifetime - refreshMarginSeconds(lifetime), 0);
      await tx.$executeRaw`
        insert into "OAuthToken" ("connectorId", "configHash", "accessToken", "expiresAt", "refreshAt", "fetchedAt")
        values (${connectorId}, ${configHash}, ${encryptSecret(fetched.accessToken, sealKey)},
                clock_timestamp() + make_interval(secs => ${lifetime}::float8), clock_timestamp() + make_interval(secs => ${refreshIn}::float8), clock_timestamp())
        on conflict ("connectorId", "configHash") do update set
          "accessToken" = excluded."accessToken", "expiresAt" = excluded."expiresAt", "refreshAt" = excluded."refreshAt", "fetchedAt" = excluded."fetchedAt"`;
      // Tokens of the connector's earlier OAuth settings are of no use any more.
      await tx.$executeRaw`delete from "OAuthToken" where "connectorId" = ${connectorId} and "configHash" <> ${configHash}`;
      return { token: fetched.accessToken, remainingMs: refreshIn * 1000, exchange: fetched.exchange };
    },
    // The lock is held across the token request: wait for it as long as that request may take.
    { maxWait: 10_000, timeout: options.timeoutMs * 2 + 10_000 },
  );
  if (memory.size >= MEMORY_LIMIT) memory.clear();
  memory.set(key, { token: result.token, refreshAt: Date.now() + result.remainingMs });
  return { token: result.token, exchange: result.exchange };
}

/** Identifies the OAuth settings a token was issued for; keyed with the encryption key, so it reveals nothing of the secret. */
export function oauthConfigHash(auth: OAuth2Auth): string {
  const material = JSON.stringify([auth.tokenUrl, auth.clientId, auth.clientSecret, auth.scope ?? "", auth.audience ?? ""]);
  return createHmac("sha256", encryptionKey()).update(material).digest("hex").slice(0, 32);
}

/** Forgets every token this process keeps in memory (tests that play several processes). */
export function forgetTokensInMemory(): void {
  memory.clear();
}
