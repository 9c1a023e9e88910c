import { describe, expect, it } from "vitest";
import { countSegments, messageShape, segmentLimitProblem } from "./segments";

describe("countSegments — GSM-7", () => {
  it("fits 160 basic characters in one SMS", () => {
    expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", segments: 1, units: 160 });
  });

  it("splits 161 characters into two parts of at most 153", () => {
    expect(countSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", segments: 2, units: 161 });
    expect(countSegments("a".repeat(306))).toEqual({ encoding: "GSM-7", segments: 2, units: 306 });
    expect(countSegments("a".repeat(307))).toEqual({ encoding: "GSM-7", segments: 3, units: 307 });
  });

  it("keeps accented letters of the GSM alphabet in GSM-7", () => {
    expect(countSegments("Hej då! Ça coûte 5£ — no").encoding).toBe("UCS-2"); // û and — are not GSM
    expect(countSegments("Hej då! Ça coute 5£ @ 10¥ §¿ÄÖÑÜäöñüàèéùìò")).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it.each(["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"])("counts the extension character %j as two septets", (char) => {
    expect(countSegments(char)).toEqual({ encoding: "GSM-7", segments: 1, units: 2 });
  });

  it("tips into two parts when extension characters push past 160", () => {
    expect(countSegments("a".repeat(158) + "€")).toEqual({ encoding: "GSM-7", segments: 1, units: 160 });
    expect(countSegments("a".repeat(159) + "€")).toEqual({ encoding: "GSM-7", segments: 2, units: 161 });
  });

  it("never splits an escape sequence across parts", () => {
    // 306 septets would fit two parts by arithmetic, but "€" cannot straddle the 153-septet boundary:
    // it opens part 2, which then overflows into a third.
    const text = "a".repeat(152) + "€" + "a".repeat(152);
    expect(countSegments(text)).toEqual({ encoding: "GSM-7", segments: 3, units: 306 });
  });

  it("counts newlines and CR as single septets", () => {
    expect(countSegments("line1\nline2\r\n")).toEqual({ encoding: "GSM-7", segments: 1, units: 13 });
  });
});

describe("countSegments — UCS-2", () => {
  it("fits 70 non-GSM characters in one SMS and 67 per part after that", () => {
    expect(countSegments("ж".repeat(70))).toEqual({ encoding: "UCS-2", segments: 1, units: 70 });
    expect(countSegments("ж".repeat(71))).toEqual({ encoding: "UCS-2", segments: 2, units: 71 });
    expect(countSegments("ж".repeat(134))).toEqual({ encoding: "UCS-2", segments: 2, units: 134 });
    expect(countSegments("ж".repeat(135))).toEqual({ encoding: "UCS-2", segments: 3, units: 135 });
  });

  it("counts an emoji as two UTF-16 units and switches the whole message to UCS-2", () => {
    expect(countSegments("Hi 😀")).toEqual({ encoding: "UCS-2", segments: 1, units: 5 });
    expect(countSegments("a".repeat(155) + "😀")).toEqual({ encoding: "UCS-2", segments: 3, units: 157 });
  });

  it("never splits a surrogate pair across parts", () => {
    // 134 units is two parts by arithmetic, but the emoji cannot straddle the 67-unit boundary.
    expect(countSegments("ж".repeat(66) + "😀" + "ж".repeat(66))).toEqual({ encoding: "UCS-2", segments: 3, units: 134 });
  });

  it("counts extension characters as one unit once the message is UCS-2", () => {
    expect(countSegments("€ж")).toEqual({ encoding: "UCS-2", segments: 1, units: 2 });
  });
});

describe("countSegments — raw text", () => {
  it("counts the text, not an encoded form of it", () => {
    expect(countSegments("a b&c")).toEqual({ encoding: "GSM-7", segments: 1, units: 5 });
  });

  it("bills an empty message as one SMS with no units", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", segments: 1, units: 0 });
  });
});

describe("a message's shape for templates, and the segment limit", () => {
  it("names the encoding the way templates use it", () => {
    expect(messageShape("Hello")).toEqual({ encoding: "gsm7", unicode: false, segments: 1 });
    expect(messageShape("Привет")).toEqual({ encoding: "ucs2", unicode: true, segments: 1 });
    expect(messageShape("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("refuses a message over the limit, counting extension characters twice", () => {
    expect(segmentLimitProblem("a".repeat(153 * 10), 10)).toBeNull();
    expect(segmentLimitProblem("a".repeat(153 * 10 + 1), 10)).toBe("Message too long: 11 segments, this connector allows 10");
    // 80 "€" are 160 septets: one SMS; one more character makes it two.
    expect(segmentLimitProblem("€".repeat(80), 1)).toBeNull();
    expect(segmentLimitProblem("€".repeat(80) + "a", 1)).toBe("Message too long: 2 segments, this connector allows 1");
  });
});
