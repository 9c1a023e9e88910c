// Guessing a delivery-report mapping from what a provider sends: which status values almost always mean
// "delivered" or "not final yet", what to pre-select when a connector's first callback arrives, and when a
// mapping is complete enough for callbacks to be applied. Plain data in, plain data out: the mapping form
// runs it in the browser.
import type { MatchBy } from "@/lib/connectors/schema";
import type { DeliveryFields } from "./tracking";

const LIKELY_SUCCESS = /^(delivered|delivrd|delivery_success|success|successful|read)$/i;
const LIKELY_PENDING = /^(sent|queued|accepted|acceptd|enroute|buffered|dispatched|submitted|sending|pending|scheduled)$/i;

/** The mapping fields these heuristics read and fill, as the form holds them (anything may still be unset). */
export interface MappingDraft {
  matchBy?: MatchBy;
  messageIdField?: string;
  statusField?: string;
  failureReasonField?: string;
  successValues?: string[];
  pendingValues?: string[];
}

/** Seen statuses that almost always mean the message was delivered (DELIVRD, delivered, success …). */
export function likelySuccessValues(statusValues: readonly string[]): string[] {
  return statusValues.filter((value) => LIKELY_SUCCESS.test(value));
}

/** Seen statuses that are not final yet (sent, queued, ACCEPTD …): they must not count as failures. */
export function likelyPendingValues(statusValues: readonly string[]): string[] {
  return statusValues.filter((value) => LIKELY_PENDING.test(value));
}

/**
 * What to pre-select from the latest callback for a connector whose mapping is not started yet: the suggested
 * message id, status and failure-reason fields, and the seen statuses that look like success and pending.
 * Only what is still empty is filled. Null when there is nothing to suggest, or when the message id or status
 * field is already chosen: a suggestion never overrides the user's own mapping.
 */
export function suggestedMapping(current: MappingDraft, fields: Pick<DeliveryFields, "suggestion" | "statusValues">): MappingDraft | null {
  const { suggestion, statusValues } = fields;
  if (!suggestion || current.messageIdField || current.statusField) return null;
  const patch: MappingDraft = {};
  if (suggestion.messageIdField) {
    patch.messageIdField = suggestion.messageIdField;
    // The field's values decide what it holds: our own message ids (Kannel's ref) or the provider's.
    if (suggestion.matchBy !== (current.matchBy ?? "provider-id")) patch.matchBy = suggestion.matchBy;
  }
  if (suggestion.statusField) patch.statusField = suggestion.statusField;
  if (suggestion.failureReasonField && !current.failureReasonField) patch.failureReasonField = suggestion.failureReasonField;
  if (!current.successValues?.length) {
    const success = likelySuccessValues(statusValues);
    if (success.length) patch.successValues = success;
  }
  if (!current.pendingValues?.length) {
    const pending = likelyPendingValues(statusValues);
    if (pending.length) patch.pendingValues = pending;
  }
  return Object.keys(patch).length ? patch : null;
}

/**
 * Callbacks are captured but not applied to messages until the mapping names the message id field, the status
 * field and at least one success value (the same rule lib/delivery/resolve-status.ts applies to each report).
 */
export function isMappingComplete(draft: MappingDraft): boolean {
  return !!draft.messageIdField?.trim() && !!draft.statusField?.trim() && (draft.successValues ?? []).some((value) => value.trim() !== "");
}

/**
 * When the chosen message id field holds the other kind of id than the mapping matches by — Kannel's `ref` carries
 * Switchboard's own id but reports are matched as provider ids, so none ever matches — the kind it holds; else null.
 */
export function matchByMismatch(draft: MappingDraft, fields: Pick<DeliveryFields, "fields"> | null): MatchBy | null {
  const field = fields?.fields.find((candidate) => candidate.path === draft.messageIdField?.trim());
  if (!field?.holds) return null;
  return field.holds === (draft.matchBy ?? "provider-id") ? null : field.holds;
}

/**
 * Mapped fields that none of the recent reports carried: the provider may have renamed them (the screen then offers
 * the current suggestion). A failure reason field is left out: it appears in failed reports only.
 */
export function missingFields(draft: MappingDraft, fields: Pick<DeliveryFields, "fields"> | null): string[] {
  if (!fields || fields.fields.length === 0) return [];
  const seen = new Set(fields.fields.map((field) => field.path));
  return [draft.messageIdField, draft.statusField].map((path) => path?.trim() ?? "").filter((path) => path !== "" && !seen.has(path));
}
