// Reads one delivery report through a connector's mapping: its message id, outcome, status and reason.
//
// Rules:
// - The mapping needs a message id field, a status field and at least one success value; without a
//   success value every report would count as a failure, which is the classic wrong-mapping bug.
// - Values are trimmed; numbers and booleans are written as text (Sinch `code: 0` → "0"). An XML
//   element that carries attributes is read through its text. A one-element list is read as its element
//   (a form key sent once per part); a longer list or an object is not a value.
// - Status: a success value → delivered, else a pending value → pending, else undelivered. A value listed
//   as both success and pending counts as success. caseInsensitive compares lower-cased text.
// - Message id: the provider's id (matchBy "provider-id", the default) or Switchboard's own message id, echoed
//   back by gateways that return no id of their own (matchBy "message-id"). The result names it accordingly.
// - Patterns: each mapped field may carry a regular expression with one capture group; the field stands for the
//   group's text (`stat:(\w+)` reads UNDELIV out of Kannel's `… stat:UNDELIV err:034 …`). A message id or
//   status pattern that finds nothing makes the report unreadable, with the reason.
// - Reason (undelivered only): "<status>: <reason>" when a failure reason is mapped and present, e.g.
//   "undelivered: 30003" or "FAILURE: ABSENT_SUBSCRIBER"; the reason alone when it already begins with
//   the status; the status alone when no reason is mapped or the report leaves it empty. Both parts are kept
//   because either alone can be useless in the error breakdown (Sinch "Expired" vs its code "402"). A reason
//   read through its own pattern is exactly what the mapping asked for and stands alone ("034"); when that
//   pattern finds nothing, the whole value is used as an unmapped reason would be.
// - Reason codes: the code the reason ends up as ("034", or the status when it is the reason) gets the
//   connector's words for it: "034 Network error".
// - Applying is the lifecycle's job (lib/messages/lifecycle.ts): a final state is never changed, so a later
//   pending report, a duplicate and a contradicting final are all ignored and the first final wins. Providers
//   send a late "failed" after "delivered" (one report per part of a long SMS, retried callbacks), and a rule
//   that never depends on the arrival order of later reports is predictable and cannot flap.
import { pgText } from "@/lib/database/jsonb";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { getPath, truncate } from "./fields";
import { extractWith, matchByOf, reasonLabel } from "./mapping";
import type { DeliveryReport } from "./parse-callback";

export const DELIVERY_OUTCOMES = ["delivered", "undelivered", "pending"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export const MAX_REASON_LENGTH = 300;

export interface ResolvedDelivery {
  /** The report names its message by the provider's id (matchBy "provider-id") … */
  providerMessageId: string | null;
  /** … or by Switchboard's own message id (matchBy "message-id"). Exactly one of the two is set. */
  messageId: string | null;
  outcome: DeliveryOutcome;
  /** The status value as the provider wrote it (trimmed), or as its pattern read it. */
  status: string;
  /** Why the message was not delivered; null unless the outcome is undelivered. */
  reason: string | null;
}

export type UnresolvedProblem = "not_configured" | "message_id_missing" | "status_missing";

export type ResolveResult =
  | ({ ok: true } & ResolvedDelivery)
  | { ok: false; problem: UnresolvedProblem; message: string };

export function resolveStatus(
  report: DeliveryReport,
  tracking: DeliveryTracking | null | undefined,
): ResolveResult {
  if (!tracking) return notConfigured("Delivery tracking is not set up for this connector");
  const setup = missingSetup(tracking);
  if (setup) return notConfigured(setup);

  const id = readField(report, tracking.messageIdField.trim(), tracking.messageIdPattern);
  if (!id.ok) return { ok: false, problem: "message_id_missing", message: `Message id: ${id.problem}` };
  const status = readField(report, tracking.statusField.trim(), tracking.statusPattern);
  if (!status.ok) return { ok: false, problem: "status_missing", message: `Delivery status: ${status.problem}` };

  const outcome = classify(status.value, tracking);
  const reason = outcome === "undelivered" ? failureReason(report, status.value, tracking) : null;
  const byMessageId = matchByOf(tracking) === "message-id";
  return {
    ok: true,
    providerMessageId: byMessageId ? null : id.value,
    messageId: byMessageId ? id.value : null,
    outcome,
    status: status.value,
    reason,
  };
}

function notConfigured(message: string): ResolveResult {
  return { ok: false, problem: "not_configured", message };
}

function missingSetup(tracking: DeliveryTracking): string | null {
  if (!tracking.messageIdField.trim()) return "Choose the report field that holds the message id";
  if (!tracking.statusField.trim()) return "Choose the report field that holds the delivery status";
  if (!tracking.successValues.some((value) => value.trim() !== "")) {
    return "Add at least one status value that means delivered";
  }
  return null;
}

function classify(status: string, tracking: DeliveryTracking): DeliveryOutcome {
  const normalize = (value: string) => (tracking.caseInsensitive ? value.trim().toLowerCase() : value.trim());
  const wanted = normalize(status);
  const matches = (values: string[]) => values.some((value) => value.trim() !== "" && normalize(value) === wanted);
  if (matches(tracking.successValues)) return "delivered";
  if (matches(tracking.pendingValues)) return "pending";
  return "undelivered";
}

function failureReason(report: DeliveryReport, status: string, tracking: DeliveryTracking): string {
  const field = tracking.failureReasonField.trim();
  const detail = field ? readText(report, field) : null;
  if (!detail?.ok) return truncate(reasonLabel(status, tracking.reasonCodes), MAX_REASON_LENGTH);
  const extracted = extractWith(tracking.failureReasonPattern, detail.value);
  if (tracking.failureReasonPattern && extracted.ok) return truncate(reasonLabel(extracted.value, tracking.reasonCodes), MAX_REASON_LENGTH);
  const reason = reasonLabel(detail.value, tracking.reasonCodes);
  const combined = reason.toLowerCase().startsWith(status.toLowerCase()) ? reason : `${status}: ${reason}`;
  return truncate(combined, MAX_REASON_LENGTH);
}

type TextResult = { ok: true; value: string } | { ok: false; problem: string };

/** A mapped field's text, through its pattern when it has one. */
function readField(report: DeliveryReport, path: string, pattern: string | undefined): TextResult {
  const text = readText(report, path);
  if (!text.ok) return text;
  const extracted = extractWith(pattern, text.value);
  return extracted.ok ? { ok: true, value: pgText(extracted.value) } : { ok: false, problem: `"${path}" ${extracted.problem}` };
}

/** The text at a path, or why there is none. */
export function readText(report: DeliveryReport, path: string): TextResult {
  let value = getPath(report, path);
  if (isRecord(value) && Object.hasOwn(value, "#text")) value = value["#text"];
  if (Array.isArray(value) && value.length === 1) value = value[0];

  if (value === undefined) return { ok: false, problem: `the report has no field "${path}"` };
  if (value === null) return { ok: false, problem: `"${path}" is empty` };
  if (Array.isArray(value)) return { ok: false, problem: `"${path}" holds a list of ${value.length} values, not one` };
  if (typeof value === "object") return { ok: false, problem: `"${path}" holds an object, not a value` };

  const text = String(value).trim();
  if (text === "") return { ok: false, problem: `"${path}" is empty` };
  // Stored in PostgreSQL text later: a NUL there would fail the whole batch it travels in.
  return { ok: true, value: pgText(text) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
