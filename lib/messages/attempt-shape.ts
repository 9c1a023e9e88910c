// The request and response of one send attempt, as the request inspector shows them. The test send returns
// these shapes directly; a message's stored attempt is JSON and is narrowed here before it is shown or
// served (GET /api/v1/messages/{id}/attempt).

export interface InspectedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface InspectedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === "string" ? v : JSON.stringify(v)]));
}

export function storedRequest(value: unknown): InspectedRequest | null {
  if (!isRecord(value) || typeof value.url !== "string") return null;
  return {
    method: typeof value.method === "string" ? value.method : "GET",
    url: value.url,
    headers: stringRecord(value.headers),
    body: typeof value.body === "string" ? value.body : null,
  };
}

export function storedResponse(value: unknown): InspectedResponse | null {
  if (!isRecord(value) || typeof value.status !== "number") return null;
  return { status: value.status, headers: stringRecord(value.headers), body: typeof value.body === "string" ? value.body : "" };
}

/** A message's last attempt: how many there were, the text sent, and what went out and came back. */
export interface MessageAttempt {
  attempts: number;
  body: string;
  request: InspectedRequest | null;
  response: InspectedResponse | null;
}

export function messageAttemptView(stored: { attempts: number; body: string; lastRequest: unknown; lastResponse: unknown }): MessageAttempt {
  return { attempts: stored.attempts, body: stored.body, request: storedRequest(stored.lastRequest), response: storedResponse(stored.lastResponse) };
}

/** One attempt in a message's history (GET /api/v1/messages/{id}/attempts), oldest first. */
export interface AttemptEntry {
  /** 1 for the first attempt. */
  attempt: number;
  /** When it was made (a superseded attempt: when it was given up for a retry); null when not recorded. */
  at: string | null;
  /** What came of it: "Retrying in 2 s: HTTP 503", the failure reason, or "Accepted: provider id …". */
  outcome: string;
  /** A retry superseded it. */
  retried: boolean;
  request: InspectedRequest | null;
  response: InspectedResponse | null;
}
