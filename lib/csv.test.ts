import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("CSV cells", () => {
  it("defuses formulas but leaves numbers, phone numbers included, as they are", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("+46701234567")).toBe("+46701234567");
    expect(csvCell("-12.5")).toBe("-12.5");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", null])).toBe('"a,b","say ""hi""","two\nlines",\r\n');
  });
});
