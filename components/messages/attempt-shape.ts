// The request and response of one send attempt, as the request inspector shows them. The test send returns
// these shapes directly; a message's stored attempt is JSON and is narrowed here before it is shown.

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
