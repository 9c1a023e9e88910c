// Browser reads of the REST API (/api/v1/*), for React Query: the session cookie authenticates them.
// Writes do not come through here: they are server actions (server/actions/). Errors come back as
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

export async function apiGet<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: "GET", headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store", signal: init.signal });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, "network_error", "Could not reach Switchboard. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: FieldIssue[] } } | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiRequestError(response.status, error?.code ?? "http_error", error?.message ?? `The request failed (HTTP ${response.status})`, error?.details ?? []);
  }
  return body as T;
}
