import { describe, expect, it } from "vitest";
import { readCsvHeader } from "./csv-header";

describe("readCsvHeader", () => {
  it("reads comma and semicolon headers, with or without a BOM", () => {
    expect(readCsvHeader("phone,first_name,city\n+46701234567,Anna,Lund\n")).toEqual(["phone", "first_name", "city"]);
    expect(readCsvHeader("\uFEFFmobile;name;city\r\n+46701234567;Bo;Lund")).toEqual(["mobile", "name", "city"]);
  });

  it("picks the delimiter the header line has more of outside quotes", () => {
    expect(readCsvHeader('"a;b";c;d\n')).toEqual(["a;b", "c", "d"]);
    expect(readCsvHeader('"x,y";z\n')).toEqual(["x,y", "z"]);
    expect(readCsvHeader('a;b,c,d\n')).toEqual(["a;b", "c", "d"]);
  });

  it("reads quoted names with doubled quotes and line breaks, trims them, and names blank ones", () => {
    expect(readCsvHeader('" cell ","say ""hi""","",last\n1,2,3,4')).toEqual(["cell", 'say "hi"', "column_3", "last"]);
    expect(readCsvHeader('"two\nlines",b\n')).toEqual(["two\nlines", "b"]);
  });

  it("skips blank lines before the header and has nothing to say about an empty file", () => {
    expect(readCsvHeader("\n\nphone\n1")).toEqual(["phone"]);
    expect(readCsvHeader("")).toBeNull();
    expect(readCsvHeader("\uFEFF  ")).toBeNull();
  });
});
