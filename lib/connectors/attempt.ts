// One attempt to hand a message to a provider — the single path every send takes (test, API, campaign):
// (OAuth token) → render → build request → guard (SSRF) → HTTP → classify → extract the sent id.
import { AppError } from "@/lib/errors";
import { segmentLimitProblem } from "@/lib/messages/segments";
import type { OutboundGuard } from "@/lib/security/ssrf";
import { classifyResponse, describeTransportError, isSafeToRetry, retryDelayMs, type ResponseMapping } from "./classify";
import { sendHttp, type HttpResponse } from "./http";
import { TokenRequestError, type TokenExchange } from "./oauth";
import type { TokenSource } from "./oauth-token-store";
import { buildRequest, configuredSecretMasker, type BuiltRequest, type BuiltRequests } from "./request";
import type { ConnectorRequest } from "./schema";
import type { TemplateVariables } from "./template";

export interface AttemptResult {
  outcome: "sent" | "failed" | "retry";
  /** The request as it went out, secrets masked; null when it could not be built. */
  request: BuiltRequest | null;
  response: { status: number; headers: Record<string, string>; body: string } | null;
  sentId: string | null;
  /** Why it failed (or why it will be retried), in words a user can act on. */
  reason: string | null;
  /** Something worth knowing about a success, e.g. the id mapping found nothing. */
  note: string | null;
  retryDelayMs: number;
  /** False when the failure happened before a byte reached the provider. */
  requestWentOut: boolean;
  durationMs: number;
  /** OAuth token requests made for this attempt (none when the token came from the cache), masked. */
  tokenExchanges: TokenExchange[];
}

export interface AttemptConfig {
  request: ConnectorRequest;
  response: ResponseMapping;
  timeoutMs: number;
  /** A longer message fails before anything is sent, rather than being cut short by the provider. */
  maxSegments?: number;
  /** Where an OAuth 2.0 connector's token comes from (lib/connectors/oauth-token-store.ts). */
  tokens?: TokenSource;
}

export interface AttemptOptions {
  guard: OutboundGuard;
  /** 1 for the first attempt: sets the backoff of a retry. */
  attempt?: number;
  beforeRequest?: () => Promise<void>;
}

export async function attemptSend(config: AttemptConfig, vars: TemplateVariables, options: AttemptOptions): Promise<AttemptResult> {
  const configured = configuredSecretMasker(config.request);
  let built: BuiltRequests | null = null;
  // Providers echo requests back in errors, and a personalization error quotes the value it could not use:
  // every text that leaves an attempt (reason, note, response) has the connector's secrets masked.
  const mask = (text: string) => configured(built ? built.mask(text) : text);
  const result = await attempt(config, vars, options, (value) => (built = value));
  // Token masking happened inside each exchange already; the connector's own secrets are masked here too.
  return { ...result, reason: result.reason === null ? null : mask(result.reason), note: result.note === null ? null : mask(result.note) };
}

async function attempt(config: AttemptConfig, vars: TemplateVariables, options: AttemptOptions, onBuilt: (built: BuiltRequests) => void): Promise<AttemptResult> {
  const tokenExchanges: TokenExchange[] = [];
  const base = { response: null, sentId: null, note: null, retryDelayMs: 0, durationMs: 0, tokenExchanges };
  const later = (failure: Failure) => (failure.outcome === "retry" ? retryDelayMs(options.attempt ?? 1) : 0);
  const oauth = config.request.auth?.type === "oauth2";
  const tooLong = config.maxSegments ? segmentLimitProblem(vars.message, config.maxSegments) : null;
  if (tooLong) return { ...base, outcome: "failed", request: null, reason: tooLong, requestWentOut: false };

  let token: string | undefined;
  let tokenFromCache = false;
  if (oauth) {
    const supplied = await tokenFor(config, tokenExchanges);
    if ("failure" in supplied) return { ...base, ...supplied.failure, retryDelayMs: later(supplied.failure) };
    ({ token, fromCache: tokenFromCache } = supplied);
  }

  const prepared = prepare(config, { ...vars, oauthToken: token }, options.guard, onBuilt);
  if ("failure" in prepared) return { ...base, ...prepared.failure };
  let built = prepared.built;

  await options.beforeRequest?.();
  let sent = await send(config, built, options.guard);
  // A cached token the provider no longer accepts (revoked, expired early): fetch a new one, once, and send again.
  // A 401 refused the message, so the second request cannot duplicate it.
  if (oauth && tokenFromCache && "http" in sent && sent.http.status === 401) {
    const renewed = await tokenFor(config, tokenExchanges, token);
    if ("failure" in renewed) return { ...base, ...renewed.failure, request: built.masked, retryDelayMs: later(renewed.failure) };
    const again = prepare(config, { ...vars, oauthToken: renewed.token }, options.guard, onBuilt);
    if ("failure" in again) return { ...base, ...again.failure };
    built = again.built;
    sent = await send(config, built, options.guard);
  }

  if ("error" in sent) {
    const reason = describeTransportError(sent.error, config.timeoutMs);
    if (isSafeToRetry({ error: sent.error })) {
      return { ...base, outcome: "retry", request: built.masked, reason, retryDelayMs: retryDelayMs(options.attempt ?? 1), requestWentOut: false, durationMs: sent.durationMs };
    }
    return { ...base, outcome: "failed", request: built.masked, reason, requestWentOut: true, durationMs: sent.durationMs };
  }

  const { http } = sent;
  const response = { status: http.status, headers: http.headers, body: http.body };
  const common = { request: built.masked, response: maskResponse(response, built), requestWentOut: true, durationMs: http.durationMs };
  const classified = classifyResponse(response, config.response);
  if (isSafeToRetry({ status: http.status })) {
    return {
      ...base,
      ...common,
      outcome: "retry",
      reason: classified.accepted ? `HTTP ${http.status}` : classified.reason,
      retryDelayMs: retryDelayMs(options.attempt ?? 1, http.headers["retry-after"]),
    };
  }
  if (!classified.accepted) return { ...base, ...common, outcome: "failed", reason: classified.reason };
  return { ...base, ...common, outcome: "sent", sentId: classified.sentId, reason: null, note: classified.sentIdProblem };
}

type Failure = Pick<AttemptResult, "outcome" | "request" | "reason" | "requestWentOut">;

/** The OAuth token for this send, or why there is none (then nothing went to the provider, so a retry cannot duplicate). */
async function tokenFor(config: AttemptConfig, exchanges: TokenExchange[], rejected?: string): Promise<{ token: string; fromCache: boolean } | { failure: Failure }> {
  if (!config.tokens) throw new Error("An OAuth 2.0 connector was sent without a token source");
  try {
    const supplied = await config.tokens.token({ rejected });
    if (supplied.exchange) exchanges.push(supplied.exchange);
    return { token: supplied.token, fromCache: supplied.exchange === null };
  } catch (error) {
    if (!(error instanceof TokenRequestError)) throw error;
    exchanges.push(error.exchange);
    return { failure: { outcome: error.retryable ? "retry" : "failed", request: null, reason: error.reason, requestWentOut: false } };
  }
}

/** The request built and its URL allowed by the guard, or why it cannot go. */
function prepare(config: AttemptConfig, vars: TemplateVariables, guard: OutboundGuard, onBuilt: (built: BuiltRequests) => void): { built: BuiltRequests } | { failure: Failure } {
  let built: BuiltRequests;
  try {
    built = buildRequest(config, vars);
  } catch (error) {
    if (error instanceof AppError) return { failure: { outcome: "failed", request: null, reason: error.message, requestWentOut: false } };
    throw error;
  }
  onBuilt(built);
  try {
    guard.checkUrl(built.request.url);
  } catch (error) {
    return { failure: { outcome: "failed", request: built.masked, reason: describeTransportError(error, config.timeoutMs), requestWentOut: false } };
  }
  return { built };
}

type Sent = { http: HttpResponse } | { error: unknown; durationMs: number };

async function send(config: AttemptConfig, built: BuiltRequests, guard: OutboundGuard): Promise<Sent> {
  const started = performance.now();
  try {
    return { http: await sendHttp(built.request, { timeoutMs: config.timeoutMs, guard }) };
  } catch (error) {
    return { error, durationMs: Math.round(performance.now() - started) };
  }
}

/** Providers sometimes echo credentials back; the inspector must not show them. */
function maskResponse(response: NonNullable<AttemptResult["response"]>, built: { mask: (text: string) => string }) {
  return {
    status: response.status,
    headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, built.mask(value)])),
    body: built.mask(response.body),
  };
}
