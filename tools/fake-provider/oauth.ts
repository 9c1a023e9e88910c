// The fake's OAuth 2.0 token endpoint (client credentials, RFC 6749 §4.4): POST /oauth/token with
// grant_type=client_credentials and the client's id and secret as HTTP Basic (or client_id/client_secret in the
// body) → {"access_token","token_type":"Bearer","expires_in"}. It counts its calls, so a test can prove that a
// thousand sends cost one token request. With the `oauth` option set, generic sends must carry a token it issued.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Reply, SendRequest } from "@/lib/providers/emulation";
import { basicCredentials, bearerToken, field, jsonReply, params } from "@/lib/providers/emulation-kit";

export const TOKEN_PATH = "/oauth/token";
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface OAuthOptions {
  /** The client the endpoint accepts; unset: any client id and secret get a token. */
  clientId?: string;
  clientSecret?: string;
  /** expires_in of each token (default 3600). */
  expiresIn?: number;
}

export interface OAuthState {
  /** Every request to the token endpoint, refused ones included. */
  tokenRequests: number;
  issued: number;
  active: number;
  /** Whether generic sends must carry an issued token. */
  required: boolean;
}

export class TokenIssuer {
  private tokenRequests = 0;
  private issued = 0;
  private readonly tokens = new Map<string, number>();

  constructor(private readonly options: OAuthOptions | null) {}

  get requests(): number {
    return this.tokenRequests;
  }

  /** Answers one token request; `behavior` is the request's own ?behavior= (unauthorized, unavailable). */
  reply(method: string, headers: IncomingHttpHeaders, body: unknown, behavior: string | null): Reply {
    this.tokenRequests += 1;
    if (method !== "POST") return jsonReply(405, { error: "invalid_request", error_description: "Use POST" }, { allow: "POST" });
    if (behavior === "unavailable") return jsonReply(503, { error: "temporarily_unavailable" });
    const form = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const basic = basicCredentials(headers);
    const clientId = basic?.user ?? field(form, "client_id");
    const clientSecret = basic?.password ?? field(form, "client_secret");
    const wrongClient = this.options?.clientId !== undefined && (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret);
    if (behavior === "unauthorized" || !clientId || wrongClient) {
      return jsonReply(401, { error: "invalid_client", error_description: "Client authentication failed" }, { "www-authenticate": 'Basic realm="fake"' });
    }
    if (field(form, "grant_type") !== "client_credentials") return jsonReply(400, { error: "unsupported_grant_type" });
    const lifetime = this.options?.expiresIn ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    const token = `fake-at-${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, Date.now() + lifetime * 1000);
    this.issued += 1;
    const scope = field(form, "scope");
    return jsonReply(200, { access_token: token, token_type: "Bearer", expires_in: lifetime, ...(scope ? { scope } : {}) }, { "cache-control": "no-store" });
  }

  /** Whether generic sends must carry a token. */
  get required(): boolean {
    return this.options !== null;
  }

  /** A send carries a live token: `Authorization: Bearer …`, or an `access_token` field in its query or body. */
  accepts(send: SendRequest): boolean {
    const token = bearerToken(send.headers) ?? field(params(send), "access_token");
    const expiresAt = token ? this.tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** Every issued token stops working, as if the provider revoked or expired them early. */
  revokeAll(): void {
    this.tokens.clear();
  }

  reset(): void {
    this.tokens.clear();
    this.tokenRequests = 0;
    this.issued = 0;
  }

  state(): OAuthState {
    const now = Date.now();
    return { tokenRequests: this.tokenRequests, issued: this.issued, active: [...this.tokens.values()].filter((at) => at > now).length, required: this.required };
  }
}
