// Reading audiences as people export them from spreadsheets and CRMs.
import { describe, expect, it } from "vitest";
import { readAudience, type AudienceOptions, type InvalidRow, type Recipient } from "./audience";

async function read(csv: string | Uint8Array[], options: Partial<AudienceOptions> = {}) {
  const recipients: Recipient[] = [];
  const invalid: InvalidRow[] = [];
  let columns: string[] = [];
  const source = typeof csv === "string" ? [csv] : csv;
  const counts = await readAudience(
    (async function* () {
      yield* source;
    })(),
    { maxBytes: 10 * 1024 * 1024, isSuppressed: () => false, ...options },
    { header: (header) => void (columns = header.columns), recipients: (batch) => void recipients.push(...batch), invalid: (batch) => void invalid.push(...batch) },
    3,
  );
  return { counts, recipients, invalid, columns };
}

describe("reading an audience CSV", () => {
  it("reads a comma file with a BOM, guesses the phone column, and keeps the other columns as attributes", async () => {
    const { counts, recipients, columns } = await read("\uFEFFfirst_name,Mobile,city\nAnna,+46701234567,Stockholm\nBo,+46701234568,Göteborg\n");
    expect(columns).toEqual(["first_name", "Mobile", "city"]);
    expect(counts).toEqual({ rows: 2, valid: 2, invalid: 0, duplicates: 0, suppressed: 0 });
    expect(recipients[0]).toEqual({ line: 2, to: "+46701234567", attributes: { first_name: "Anna", city: "Stockholm" } });
    expect(recipients[1].attributes.city).toBe("Göteborg");
  });

  it("reads semicolons and quoted values with commas, semicolons and line breaks", async () => {
    const csv = 'msisdn;name;note\n+14155550123;"Doe, Jane";"line one\nline two; still the note"\n+14155550124;Max;"say ""hi"""\n';
    const { recipients, counts } = await read(csv);
    expect(counts.valid).toBe(2);
    expect(recipients[0].attributes).toEqual({ name: "Doe, Jane", note: "line one\nline two; still the note" });
    expect(recipients[1]).toMatchObject({ line: 3, attributes: { note: 'say "hi"' } });
  });

  it("normalises national numbers with the default country and drops duplicates across spellings", async () => {
    const { counts, recipients } = await read("phone\n070-123 45 67\n+46 70 123 45 67\n0046701234567\n0701234568\n", { defaultCountry: "SE" });
    expect(recipients.map((r) => r.to)).toEqual(["+46701234567", "+46701234568"]);
    expect(counts).toMatchObject({ rows: 4, valid: 2, duplicates: 2 });
  });

  it("reports each unusable row with its line and reason, and skips suppressed numbers", async () => {
    const csv = "to,name\n+14155550123,ok\nnot a number,bad\n,empty\n+14155550199,suppressed\n+14155550124,a,b,c\n";
    const { counts, invalid } = await read(csv, { isSuppressed: (e164) => e164 === "+14155550199" });
    expect(counts).toEqual({ rows: 5, valid: 1, invalid: 3, duplicates: 0, suppressed: 1 });
    expect(invalid).toEqual([
      { line: 3, reason: "Invalid mobile number: not a number", raw: "not a number,bad" },
      { line: 4, reason: "No number in column to", raw: ",empty" },
      { line: 6, reason: "The row has 4 values; the header has 2 columns", raw: "+14155550124,a,b,c" },
    ]);
  });

  it("keeps spreadsheet formulas as plain text", async () => {
    const { recipients } = await read('phone,name\n+14155550123,"=cmd|\' /C calc\'!A0"\n');
    expect(recipients[0].attributes.name).toBe("=cmd|' /C calc'!A0");
  });

  it("uses the column it is told to, and says which columns exist when it is not there", async () => {
    const { recipients } = await read("home,work\n+14155550123,+14155550124\n", { phoneColumn: "work" });
    expect(recipients[0]).toMatchObject({ to: "+14155550124", attributes: { home: "+14155550123" } });
    await expect(read("home,work\n1,2\n", { phoneColumn: "cell" })).rejects.toThrow('There is no column "cell". The columns are: home, work');
  });

  it("refuses files it cannot use, saying why", async () => {
    await expect(read("name,city\nAnna,Rome\n")).rejects.toThrow(/No phone column: choose one, or name it phone, mobile, msisdn or to/);
    await expect(read("phone,name,Name\n+14155550123,a,b\n")).rejects.toThrow('Column names must be unique: "name" appears more than once');
    await expect(read("")).rejects.toThrow(/The file is empty/);
    await expect(read("phone\n")).rejects.toThrow(/no rows of recipients/);
    await expect(read([Buffer.from("phone,name\n+14155550123,Jos"), Buffer.from([0xe9]), Buffer.from("\n")])).rejects.toThrow(/not UTF-8 text/);
    await expect(read("phone\n" + "+14155550123\n".repeat(100), { maxBytes: 500 })).rejects.toThrow("The file is larger than 0 MB");
    const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",");
    await expect(read(`phone,${wide}\n`)).rejects.toThrow("The header has 10001 columns; at most 200 are allowed");
  });

  it("reports a row with 10,000 values as one invalid row and goes on", async () => {
    const huge = Array.from({ length: 10_000 }, () => "x").join(",");
    const { counts, invalid, recipients } = await read(`phone,name\n+14155550123,${huge}\n+14155550124,ok\n`);
    expect(counts).toMatchObject({ valid: 1, invalid: 1 });
    expect(invalid[0]).toMatchObject({ line: 2, reason: "The row has 10001 values; the header has 2 columns" });
    expect(recipients[0].to).toBe("+14155550124");
  });

  it("splits chunks anywhere, even inside a multi-byte character", async () => {
    const bytes = Buffer.from("phone,name\n+14155550123,Zoë 🎉\n");
    const chunks = Array.from(bytes).map((byte) => Uint8Array.of(byte));
    const { recipients } = await read(chunks);
    expect(recipients[0].attributes.name).toBe("Zoë 🎉");
  });
});
