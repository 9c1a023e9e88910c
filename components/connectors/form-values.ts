// The connector form's values are the schema's input type; these helpers move between them and the server's shapes.
import type { FieldPath, UseFormSetError } from "react-hook-form";
import type { ConnectorInputDraft, ConnectorView } from "@/lib/connectors/schema";
import type { PublicError } from "@/server/errors";

/** What the form edits. Delivery tracking is left out: the form never changes it, so saving keeps the stored mapping. */
export type ConnectorFormValues = Omit<ConnectorInputDraft, "deliveryTracking">;

export const NEW_CONNECTOR_NAME = "New Connector";

export function formValuesFromView(view: ConnectorView): ConnectorFormValues {
  return {
    name: view.name,
    kind: "custom",
    senders: view.senders.map((s) => ({ ...s })),
    request: structuredClone(view.request),
    response: structuredClone(view.response),
    timeoutMs: view.timeoutMs,
    throughputPerSecond: view.throughputPerSecond,
  };
}

export function newConnectorValues(name: string): ConnectorFormValues {
  return {
    name,
    kind: "custom",
    senders: [{ name: "", type: "transactional", default: true }],
    request: { method: "POST", url: "", params: [], headers: [], body: { type: "json", fields: [] } },
    response: { sentId: null, accepted: null },
    timeoutMs: 5000,
    throughputPerSecond: 50,
  };
}

/** `base`, or `base 2`, `base 3` … whichever is not taken (names are unique case-insensitively). */
export function uniqueConnectorName(base: string, taken: string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Paths the form shows an error under. Anything else goes into the banner above the Save button. */
const SHOWN_FIELDS = [
  /^name$/,
  /^senders(\.\d+\.(name|type))?$/,
  /^request\.(method|url)$/,
  /^request\.(params|headers)(\.\d+\.(key|value))?$/,
  /^request\.body\.(type|contentType|content)$/,
  /^request\.body\.fields(\.\d+\.(key|value|valueType))?$/,
  /^response\.sentId\.(path|name|pattern)$/,
  /^response\.accepted\.(path|values)$/,
  /^(timeoutMs|throughputPerSecond)$/,
];
const ARRAY_FIELDS = new Set(["senders", "request.params", "request.headers", "request.body.fields"]);

/**
 * Put a failed action's field details under their fields; returns what is left for the banner.
 * Array-level messages ("Add at least one sender") go to the array's `root`, where the rows component shows them.
 */
export function applyServerError(error: PublicError, setError: UseFormSetError<ConnectorFormValues>): { banner: string; unplaced: string[] } {
  const unplaced: string[] = [];
  let focused = false;
  for (const issue of error.details ?? []) {
    if (!SHOWN_FIELDS.some((pattern) => pattern.test(issue.field))) {
      unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
      continue;
    }
    const name = (ARRAY_FIELDS.has(issue.field) ? `${issue.field}.root` : issue.field) as FieldPath<ConnectorFormValues>;
    setError(name, { type: "server", message: issue.message }, { shouldFocus: !focused });
    focused = true;
  }
  const banner = error.details?.length
    ? unplaced.length
      ? "The connector was not saved:"
      : "The connector was not saved. Fix the highlighted fields and save again."
    : error.message;
  return { banner, unplaced };
}

export function errorMessage(error: unknown): string | undefined {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) return error.message;
  return undefined;
}

/** The first message among a list's per-item errors (`values.2` when only the third value is wrong). */
export function firstItemError(error: unknown): string | undefined {
  if (!Array.isArray(error)) return undefined;
  for (const item of error) {
    const message = errorMessage(item);
    if (message) return message;
  }
  return undefined;
}
