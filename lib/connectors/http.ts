// Sends a built request to a provider through the outbound guard: pooled keep-alive connections,
// every connection and every redirect hop checked, one deadline, a bounded response body.
import { isIP } from "node:net";
import { Agent, buildConnector, request, type Dispatcher } from "undici";
import type { OutboundGuard } from "@/lib/security/ssrf";
import type { BuiltRequest } from "./request";

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** UTF-8 text, at most MAX_RESPONSE_BYTES of it. */
  body: string;
  bodyTruncated: boolean;
  /** The URL that answered, after redirects. */
  url: string;
  durationMs: number;
}

export interface SendOptions {
  /** For the whole exchange, redirects and body included. */
  timeoutMs: number;
  guard: OutboundGuard;
}

export const MAX_REDIRECTS = 3;
/** Enough for any send response; a provider streaming megabytes back must not fill memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that cannot carry credentials; only these follow a redirect to another host. */
const CROSS_HOST_HEADERS = new Set(["accept", "accept-language", "content-type", "user-agent"]);

export class HttpTimeoutError extends Error {
  readonly name = "TimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`Timeout after ${timeoutMs} ms`);
  }
}

export class TooManyRedirectsError extends Error {
  readonly code = "TOO_MANY_REDIRECTS";
  constructor() {
    super(`Too many redirects (more than ${MAX_REDIRECTS})`);
  }
}

const agents = new WeakMap<OutboundGuard, Agent>();

/** One pooled Agent per guard, so connections are reused across sends under the same rules. */
export function agentFor(guard: OutboundGuard): Agent {
  let agent = agents.get(guard);
  if (!agent) {
    agent = new Agent({ connect: guardedConnector(guard), keepAliveTimeout: 10_000 });
    agents.set(guard, agent);
  }
  return agent;
}

/**
 * Names are checked by the guard's DNS lookup, at connect time, on the very addresses connected to.
 * Node skips lookup for IP literals, so those are checked here before the socket opens.
 */
function guardedConnector(guard: OutboundGuard): buildConnector.connector {
  const connect = buildConnector({ lookup: guard.lookup });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
    if (isIP(host)) {
      try {
        guard.checkAddress(host);
      } catch (error) {
        callback(error as Error, null);
        return;
      }
    }
    connect(options, callback);
  };
}

/** Sends and returns whatever status the provider answered; throws on timeout, block or network failure. */
export async function sendHttp(built: BuiltRequest, { timeoutMs, guard }: SendOptions): Promise<HttpResponse> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new HttpTimeoutError(timeoutMs)), timeoutMs);
  try {
    let hop: Hop = { method: built.method, url: guard.checkUrl(built.url), headers: built.headers, body: built.body };
    for (let redirects = 0; ; redirects++) {
      const response = await request(hop.url, {
        method: hop.method,
        headers: hop.headers,
        body: hop.body,
        dispatcher: agentFor(guard),
        // The one deadline below covers connect, headers, body and redirects alike.
        signal: controller.signal,
      });
      const location = REDIRECT_STATUSES.has(response.statusCode) ? firstHeader(response.headers.location) : undefined;
      if (location === undefined) {
        const { text, truncated } = await readCapped(response.body);
        return {
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          body: text,
          bodyTruncated: truncated,
          url: hop.url.toString(),
          durationMs: Math.round(performance.now() - started),
        };
      }
      await response.body.dump();
      if (redirects === MAX_REDIRECTS) throw new TooManyRedirectsError();
      hop = nextHop(hop, response.statusCode, guard.checkUrl(new URL(location, hop.url)));
    }
  } catch (error) {
    // An abort rejects with whatever undici had in hand; the timeout is the real story.
    if (controller.signal.aborted && controller.signal.reason instanceof HttpTimeoutError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

interface Hop {
  method: Dispatcher.HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
}

/** As browsers do: 303, and 301/302 after a POST, continue as GET without a body; 307/308 repeat the request. */
function nextHop(previous: Hop, status: number, url: URL): Hop {
  const toGet = status === 303 || ((status === 301 || status === 302) && previous.method === "POST");
  let headers = previous.headers;
  if (url.host !== previous.url.host) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => CROSS_HOST_HEADERS.has(name.toLowerCase())));
  }
  if (toGet) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "content-type"));
    return { method: "GET", url, headers, body: null };
  }
  return { ...previous, url, headers };
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    // Leaving the loop destroys the stream; the rest is never read.
    if (size > MAX_RESPONSE_BYTES) break;
  }
  const all = Buffer.concat(chunks);
  return { text: all.subarray(0, MAX_RESPONSE_BYTES).toString("utf8"), truncated: size > MAX_RESPONSE_BYTES };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
