// How a saved delivery mapping reads: its optional parts with their defaults, a field's value through the
// field's pattern, and a failure code with the words the connector gives it. Plain functions on plain data,
// so the mapping form previews a pattern exactly as the applier will run it (on RE2, in linear time).
import type { DeliveryTracking, MatchBy, ReasonCode } from "@/lib/connectors/schema";
import { userPattern } from "@/lib/security/safe-regex";

export const DEFAULT_MATCH_BY: MatchBy = "provider-id";

export function matchByOf(tracking: Pick<DeliveryTracking, "matchBy"> | null | undefined): MatchBy {
  return tracking?.matchBy ?? DEFAULT_MATCH_BY;
}

/** The mapping with every optional part spelled out: what the API shows, so a reader never guesses a default. */
export function withTrackingDefaults<T extends DeliveryTracking>(tracking: T): T & Required<Pick<DeliveryTracking, "matchBy" | "messageIdPattern" | "statusPattern" | "failureReasonPattern" | "reasonCodes">> {
  return {
    ...tracking,
    matchBy: matchByOf(tracking),
    messageIdPattern: tracking.messageIdPattern ?? "",
    statusPattern: tracking.statusPattern ?? "",
    failureReasonPattern: tracking.failureReasonPattern ?? "",
    reasonCodes: tracking.reasonCodes ?? [],
  };
}

export type Extracted = { ok: true; value: string } | { ok: false; problem: string };

/**
 * The value a mapped field stands for: the pattern's capture group (trimmed) when the field has a pattern, else
 * the value itself. A pattern that finds nothing, or captures only blanks, is a problem the caller words.
 */
export function extractWith(pattern: string | null | undefined, value: string): Extracted {
  if (!pattern) return { ok: true, value };
  let captured: string | null | undefined;
  try {
    captured = userPattern(pattern).exec(value)?.[1];
  } catch {
    // Saved patterns were checked; one that no longer compiles (an older engine's syntax) reads nothing.
    return { ok: false, problem: `the pattern ${pattern} cannot run` };
  }
  const trimmed = captured?.trim();
  return trimmed ? { ok: true, value: trimmed } : { ok: false, problem: `does not match the pattern ${pattern}` };
}

/** `034` → `034 Network error` when the connector's table names the code; the code alone otherwise. */
export function reasonLabel(code: string, codes: readonly ReasonCode[] | null | undefined): string {
  const text = codes?.find((row) => row.code === code)?.text;
  return text ? `${code} ${text}` : code;
}
