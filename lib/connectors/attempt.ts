// One attempt to hand a message to a provider — the single path every send takes (test, API, campaign):
// render → build request → guard (SSRF) → HTTP → classify → extract the sent id.
import { AppError } from "@/lib/errors";
import { segmentLimitProblem } from "@/lib/messages/segments";
import type { OutboundGuard } from "@/lib/security/ssrf";
import { classifyResponse, describeTransportError, isSafeToRetry, retryDelayMs, type ResponseMapping } from "./classify";
import { sendHttp } from "./http";
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
}

export interface AttemptConfig {
  request: ConnectorRequest;
  response: ResponseMapping;
  timeoutMs: number;
  /** A longer message fails before anything is sent, rather than being cut short by the provider. */
  maxSegments?: number;
}

export async function attemptSend(
  config: AttemptConfig,
  vars: TemplateVariables,
  options: { guard: OutboundGuard; attempt?: number; beforeRequest?: () => Promise<void> },
): Promise<AttemptResult> {
  const configured = configuredSecretMasker(config.request);
  let built: BuiltRequests | null = null;
  // Providers echo requests back in errors, and a personalization error quotes the value it could not use:
  // every text that leaves an attempt (reason, note, response) has the connector's secrets masked.
  const mask = (text: string) => configured(built ? built.mask(text) : text);
  const result = await attempt(config, vars, options, (value) => (built = value));
  return { ...result, reason: result.reason === null ? null : mask(result.reason), note: result.note === null ? null : mask(result.note) };
}

async function attempt(
  config: AttemptConfig,
  vars: TemplateVariables,
  options: { guard: OutboundGuard; attempt?: number; beforeRequest?: () => Promise<void> },
  onBuilt: (built: BuiltRequests) => void,
): Promise<AttemptResult> {
  const base = { response: null, sentId: null, note: null, retryDelayMs: 0, durationMs: 0 };
  const tooLong = config.maxSegments ? segmentLimitProblem(vars.message, config.maxSegments) : null;
  if (tooLong) return { ...base, outcome: "failed", request: null, reason: tooLong, requestWentOut: false };
  let built: BuiltRequests;
  try {
    built = buildRequest(config, vars);
  } catch (error) {
    if (error instanceof AppError) return { ...base, outcome: "failed", request: null, reason: error.message, requestWentOut: false };
    throw error;
  }
  onBuilt(built);
  try {
    options.guard.checkUrl(built.request.url);
  } catch (error) {
    return { ...base, outcome: "failed", request: built.masked, reason: describeTransportError(error, config.timeoutMs), requestWentOut: false };
  }

  await options.beforeRequest?.();
  const started = performance.now();
  let http;
  try {
    http = await sendHttp(built.request, { timeoutMs: config.timeoutMs, guard: options.guard });
  } catch (error) {
    const reason = describeTransportError(error, config.timeoutMs);
    const durationMs = Math.round(performance.now() - started);
    if (isSafeToRetry({ error })) {
      return { ...base, outcome: "retry", request: built.masked, reason, retryDelayMs: retryDelayMs(options.attempt ?? 1), requestWentOut: false, durationMs };
    }
    return { ...base, outcome: "failed", request: built.masked, reason, requestWentOut: true, durationMs };
  }

  const response = { status: http.status, headers: http.headers, body: http.body };
  const common = { request: built.masked, response: maskResponse(response, built), requestWentOut: true, durationMs: http.durationMs };
  if (isSafeToRetry({ status: http.status })) {
    const classified = classifyResponse(response, config.response);
    return {
      ...base,
      ...common,
      outcome: "retry",
      reason: classified.accepted ? `HTTP ${http.status}` : classified.reason,
      retryDelayMs: retryDelayMs(options.attempt ?? 1, http.headers["retry-after"]),
    };
  }
  const classified = classifyResponse(response, config.response);
  if (!classified.accepted) return { ...base, ...common, outcome: "failed", reason: classified.reason };
  return { ...base, ...common, outcome: "sent", sentId: classified.sentId, reason: null, note: classified.sentIdProblem };
}

/** Providers sometimes echo credentials back; the inspector must not show them. */
function maskResponse(response: NonNullable<AttemptResult["response"]>, built: { mask: (text: string) => string }) {
  return {
    status: response.status,
    headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, built.mask(value)])),
    body: built.mask(response.body),
  };
}
