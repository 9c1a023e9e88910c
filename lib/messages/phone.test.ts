import { describe, expect, it } from "vitest";
import { InvalidPhoneError, formatNational, normalizePhone, phoneDigits, tryNormalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["+46700000000", undefined, "+46700000000"],
    ["+46 70-000 00 00", undefined, "+46700000000"],
    ["+1 (415) 555-0123", undefined, "+14155550123"],
    ["  +919999999999 ", undefined, "+919999999999"],
    // Gupshup-style digits without "+": only an international reading makes sense without a country.
    ["919999999999", undefined, "+919999999999"],
    ["070-000 00 00", "SE", "+46700000000"],
    ["(415) 555-0123", "US", "+14155550123"],
    ["9999999999", "IN", "+919999999999"],
  ] as const)("%s (country %s) → %s", (input, country, expected) => {
    expect(normalizePhone(input, country)).toBe(expected);
  });

  it("accepts fictional test ranges that fake providers use", () => {
    expect(normalizePhone("+15551234567")).toBe("+15551234567");
    expect(normalizePhone("+447700900123")).toBe("+447700900123");
  });

  it.each(["", "   ", "abc", "123", "+1 555 12", "+4670000000000000", "+999 1234567", "call +46700000000 now", "07000000000"])(
    "rejects %j as an invalid mobile number",
    (input) => {
      expect(() => normalizePhone(input)).toThrow(new InvalidPhoneError());
      expect(() => normalizePhone(input)).toThrow("Invalid mobile number");
    },
  );

  it("is a typed error that carries a 422", () => {
    const error = (() => {
      try {
        normalizePhone("nope");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidPhoneError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("tryNormalizePhone returns null instead of throwing", () => {
    expect(tryNormalizePhone("+46700000000")).toBe("+46700000000");
    expect(tryNormalizePhone("12")).toBeNull();
  });
});

describe("phoneDigits", () => {
  it("drops the plus and every separator", () => {
    expect(phoneDigits("+46700000000")).toBe("46700000000");
    expect(phoneDigits("+46 70-000 00 00")).toBe("46700000000");
  });

  it("works on a national format too", () => {
    expect(phoneDigits(formatNational("+46700000000"))).toBe("0700000000");
  });
});

describe("formatNational", () => {
  it("writes the number as dialled inside its country", () => {
    expect(formatNational("+46700000000")).toBe("070-000 00 00");
    expect(formatNational("+14155550123")).toBe("(415) 555-0123");
    expect(formatNational("+33612345678")).toBe("06 12 34 56 78");
  });

  it("rejects what is not a number", () => {
    expect(() => formatNational("hello")).toThrow("Invalid mobile number");
  });
});
