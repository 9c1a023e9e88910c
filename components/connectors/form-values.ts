// The connector form's values are the schema's input type; these helpers move between them and the server's shapes.
import type { FieldPath } from "react-hook-form";
import type { ConnectorInputDraft, ConnectorView } from "@/lib/connectors/schema";

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
    maxSegments: view.maxSegments,
  };
}

export function newConnectorValues(name: string): ConnectorFormValues {
  return {
    name,
    kind: "custom",
    senders: [{ name: "", type: "transactional", default: true }],
    request: { method: "POST", url: "", params: [], headers: [], body: { type: "json", fields: [] }, auth: { type: "none" } },
    response: { sentId: null, accepted: null, allowMissingId: false },
    timeoutMs: 5000,
    throughputPerSecond: 50,
    maxSegments: 10,
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

/** Paths the form shows an error under. */
const SHOWN_FIELDS = [
  /^name$/,
  /^senders(\.\d+\.(name|type))?$/,
  /^request\.(method|url)$/,
  /^request\.(params|headers)(\.\d+\.(key|value))?$/,
  /^request\.body\.(type|contentType|content)$/,
  /^request\.body\.fields(\.\d+\.(key|value|valueType))?$/,
  /^request\.auth\.(username|password|tokenUrl|clientId|clientSecret|scope|audience|placement)$/,
  /^response\.sentId\.(path|name|pattern)$/,
  /^response\.accepted\.(path|values)$/,
  /^(timeoutMs|throughputPerSecond|maxSegments)$/,
];
const ARRAY_FIELDS = new Set(["senders", "request.params", "request.headers", "request.body.fields"]);

/**
 * Where the connector form shows a server error: under its field, on a list's `root` for a message about the
 * whole list ("Add at least one sender"), or nowhere (null): then it goes into the banner above Save.
 */
export function connectorErrorPath(field: string): FieldPath<ConnectorFormValues> | null {
  if (!SHOWN_FIELDS.some((pattern) => pattern.test(field))) return null;
  return (ARRAY_FIELDS.has(field) ? `${field}.root` : field) as FieldPath<ConnectorFormValues>;
}
