// Browser calls to the REST API (/api/v1/*): the session cookie authenticates them. Errors come back as
// ApiRequestError with the API's code, message and field details, so screens can show them in place.
import type { FieldIssue } from "@/lib/errors";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiRequestError(0, "network_error", "Could not reach Switchboard. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: FieldIssue[] } } | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiRequestError(response.status, error?.code ?? "http_error", error?.message ?? `The request failed (HTTP ${response.status})`, error?.details ?? []);
  }
  return body as T;
}
