// SMS segment counting (GSM 03.38 / UCS-2), on the raw message text, as providers bill it.

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Parts the message is sent as; an empty message still costs one SMS. */
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

// GSM 03.38 default alphabet; each of these costs one septet.
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// Extension table: an escape septet plus the character, so two septets each.
const GSM_EXTENDED = new Set("\f^{}\\[~]|€");

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  // A concatenated part loses room to the 6-byte user data header: 7 septets, 3 UCS-2 units.
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
};

export function countSegments(text: string): SegmentCount {
  const chars = Array.from(text); // code points, so an emoji is never split in two
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  const costs = chars.map((c) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, segments: 1, units };
  return { encoding, segments: packParts(costs, part), units };
}

/**
 * Parts needed when characters are packed in order. Handsets and providers never split an escape
 * sequence or a surrogate pair across parts, so a part may end a unit short and the count can be
 * one more than `ceil(units / part)`.
 */
function packParts(costs: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/** How a message travels, as connector templates name it: {{encoding}}, {{unicode}} and {{segments}}. */
export interface MessageShape {
  encoding: "gsm7" | "ucs2";
  /** True when the text needs UCS-2 (Kannel's coding=2). */
  unicode: boolean;
  segments: number;
}

export function messageShape(text: string): MessageShape {
  const { encoding, segments } = countSegments(text);
  return { encoding: encoding === "GSM-7" ? "gsm7" : "ucs2", unicode: encoding === "UCS-2", segments };
}

/** Why a message may not go out through a connector that allows `maxSegments` parts, or null. */
export function segmentLimitProblem(text: string, maxSegments: number): string | null {
  const { segments } = countSegments(text);
  return segments > maxSegments ? `Message too long: ${segments} segments, this connector allows ${maxSegments}` : null;
}
