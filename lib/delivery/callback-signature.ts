// The shared-secret signature a provider (or a relay in front of one) puts on delivery reports:
//
//   X-Switchboard-Timestamp: <unix seconds>
//   <signature header>:      hex(HMAC-SHA256(secret, "<timestamp>\n<METHOD>\n<path and query>\n<body>"))
//
// The signature covers the method, the whole URL path with its query string, and the raw body, so neither
// a GET report nor a query parameter can be changed or reused on another request; the timestamp must be
// within five minutes of ours, so an observed report cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "X-Switchboard-Timestamp";
export const REPLAY_WINDOW_SECONDS = 300;

export interface SignedParts {
  method: string;
  /** The path and query string as called, e.g. `/sms/dlr/custom/abc?status=DELIVRD`. */
  pathAndQuery: string;
  body: Buffer | string;
  timestamp: number;
}

export function callbackSignature(secret: string, parts: SignedParts): string {
  return createHmac("sha256", secret)
    .update(`${parts.timestamp}\n${parts.method.toUpperCase()}\n${parts.pathAndQuery}\n`)
    .update(parts.body)
    .digest("hex");
}

/** Why a signed callback is refused, or null when its signature and timestamp hold. */
export function checkCallbackSignature(
  secret: string,
  header: string,
  request: { method: string; url: string; headers: Headers; rawBody: Buffer },
  now = Date.now(),
): string | null {
  const provided = request.headers.get(header)?.trim().replace(/^sha256=/i, "");
  if (!provided) return `Missing signature header ${header}`;
  const timestampText = request.headers.get(TIMESTAMP_HEADER)?.trim();
  if (!timestampText) return `Missing ${TIMESTAMP_HEADER} header`;
  if (!/^\d{1,12}$/.test(timestampText)) return `${TIMESTAMP_HEADER} must be Unix time in seconds`;
  const timestamp = Number(timestampText);
  if (Math.abs(now / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return `${TIMESTAMP_HEADER} is more than ${REPLAY_WINDOW_SECONDS / 60} minutes away from now (replayed, or a clock is wrong)`;
  const url = new URL(request.url);
  const expected = callbackSignature(secret, { method: request.method, pathAndQuery: `${url.pathname}${url.search}`, body: request.rawBody, timestamp });
  const left = Buffer.from(provided.toLowerCase());
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right) ? null : `Invalid signature in ${header}`;
}
