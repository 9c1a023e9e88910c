// Reading a campaign's audience from a CSV file as it streams in: UTF-8 (with or without a BOM), comma or
// semicolon, quoted fields with commas and newlines, a header row. One column holds the numbers (named, or guessed
// from its name); every other column becomes an attribute, `{{user.<column>}}`. Numbers are normalised to E.164,
// duplicates dropped, suppressed numbers skipped, and each unusable row reported with its line and why.
// Nothing is held whole: rows are handed on in batches, and a byte limit applies as the file arrives.
import { parse, type CsvError } from "csv-parse";
import type { CountryCode } from "libphonenumber-js";
import { AppError } from "@/lib/errors";
import { tryNormalizePhone } from "@/lib/messages/phone";

/** A file the audience cannot be read from at all: 422 with the reason. */
export class AudienceError extends AppError {
  constructor(message: string, field = "audience") {
    super("validation_failed", 422, message, [{ field, message }]);
  }
}

export const MAX_COLUMNS = 200;
export const MAX_VALUE_LENGTH = 1000;
const MAX_RECORD_BYTES = 64 * 1024;
const RAW_KEPT = 300;

/** Header names that hold the numbers, in order of preference (compared without case, spaces, dashes, underscores). */
const PHONE_NAMES = ["phone", "mobile", "msisdn", "to", "phonenumber", "mobilenumber", "mobilephone", "cellphone", "cell", "number", "tel", "telephone", "destination", "recipient", "whatsapp"];

export interface AudienceOptions {
  /** The column with the numbers; guessed from the header when left out. */
  phoneColumn?: string;
  /** For numbers written without a country code. */
  defaultCountry?: CountryCode;
  /** The file's size limit in bytes. */
  maxBytes: number;
  /** Numbers (E.164) that are not to be messaged: counted, never imported. */
  isSuppressed: (e164: string) => boolean;
}

export interface AudienceHeader {
  columns: string[];
  phoneColumn: string;
  attributeColumns: string[];
  delimiter: "," | ";";
}

export interface Recipient {
  line: number;
  to: string;
  attributes: Record<string, string>;
}

export interface InvalidRow {
  line: number;
  reason: string;
  raw: string;
}

export interface AudienceCounts {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  suppressed: number;
}

export interface AudienceSink {
  header?(header: AudienceHeader): Promise<void> | void;
  /** Called with up to `batchSize` rows at a time; the next batch waits for it (backpressure). */
  recipients(batch: Recipient[]): Promise<void> | void;
  invalid(batch: InvalidRow[]): Promise<void> | void;
}

/** Reads the whole audience into `sink`; returns the counts. Throws AudienceError for a file that cannot be used. */
export async function readAudience(source: AsyncIterable<Uint8Array | string>, options: AudienceOptions, sink: AudienceSink, batchSize = 1000): Promise<AudienceCounts> {
  const counts: AudienceCounts = { rows: 0, valid: 0, invalid: 0, duplicates: 0, suppressed: 0 };
  const seen = new Set<number>();
  let header: AudienceHeader | null = null;
  let phoneIndex = -1;
  let recipients: Recipient[] = [];
  let invalid: InvalidRow[] = [];

  const flush = async (force: boolean) => {
    if (recipients.length && (force || recipients.length >= batchSize)) {
      const batch = recipients;
      recipients = [];
      await sink.recipients(batch);
    }
    if (invalid.length && (force || invalid.length >= batchSize)) {
      const batch = invalid;
      invalid = [];
      await sink.invalid(batch);
    }
  };
  const reject = (line: number, reason: string, raw: string) => {
    counts.invalid += 1;
    invalid.push({ line, reason, raw: raw.length > RAW_KEPT ? `${raw.slice(0, RAW_KEPT)}…` : raw });
  };

  const text = decodeUtf8(limitBytes(source, options.maxBytes));
  const { delimiter, chunks } = await sniffDelimiter(text);
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    info: true,
  });
  // Rows are numbered as a spreadsheet shows them: the header is line 1 (a quoted value with a line break
  // inside stays one row).
  parser.on("skip", (error: CsvError) => {
    if (!header) return;
    counts.rows += 1;
    reject(counts.rows + 1, skipReason(error), "");
  });
  // The decoded text is written in as it comes; a failure upstream (size, encoding) ends the parser with it.
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) if (!parser.write(chunk)) await new Promise((resolve) => parser.once("drain", resolve));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
    if (!header) {
      header = readHeader(record, options.phoneColumn, delimiter);
      phoneIndex = header.columns.indexOf(header.phoneColumn);
      await sink.header?.(header);
      continue;
    }
    counts.rows += 1;
    const line = counts.rows + 1;
    const raw = () => record.join(delimiter);
    if (record.length > header.columns.length) {
      reject(line, `The row has ${record.length} values; the header has ${header.columns.length} columns`, raw());
    } else {
      const long = record.findIndex((value) => value.length > MAX_VALUE_LENGTH);
      const phone = (record[phoneIndex] ?? "").trim();
      const to = phone ? tryNormalizePhone(phone, options.defaultCountry) : null;
      if (long !== -1) reject(line, `The value in column ${header.columns[long]} is longer than ${MAX_VALUE_LENGTH} characters`, raw());
      else if (!phone) reject(line, `No number in column ${header.phoneColumn}`, raw());
      else if (!to) reject(line, `Invalid mobile number: ${phone.length > 40 ? `${phone.slice(0, 40)}…` : phone}`, raw());
      else {
        const key = Number(to.slice(1));
        if (seen.has(key)) counts.duplicates += 1;
        else {
          seen.add(key);
          if (options.isSuppressed(to)) counts.suppressed += 1;
          else {
            const attributes: Record<string, string> = {};
            header.columns.forEach((column, index) => {
              if (index !== phoneIndex) attributes[column] = record[index] ?? "";
            });
            counts.valid += 1;
            recipients.push({ line, to, attributes });
          }
        }
      }
    }
    await flush(false);
  }
  await feeding;
  if (!header) throw new AudienceError("The file is empty: it needs a header row and at least one row of recipients");
  await flush(true);
  if (counts.rows === 0) throw new AudienceError("The file has a header but no rows of recipients");
  return counts;
}

/** The header's columns, checked: unique names, a phone column, not too many. */
export function readHeader(record: string[], phoneColumn: string | undefined, delimiter: "," | ";"): AudienceHeader {
  const columns = record.map((name, index) => name.replace(/^\uFEFF/, "").trim() || `column_${index + 1}`);
  if (columns.length > MAX_COLUMNS) throw new AudienceError(`The header has ${columns.length} columns; at most ${MAX_COLUMNS} are allowed`);
  const seen = new Map<string, number>();
  for (const column of columns) seen.set(column.toLowerCase(), (seen.get(column.toLowerCase()) ?? 0) + 1);
  const repeated = [...seen].filter(([, count]) => count > 1).map(([name]) => name);
  if (repeated.length) throw new AudienceError(`Column names must be unique: ${repeated.map((name) => `"${name}"`).join(", ")} appear${repeated.length === 1 ? "s" : ""} more than once`);
  const chosen = phoneColumn?.trim();
  const phone = chosen ? columns.find((column) => column.toLowerCase() === chosen.toLowerCase()) : guessPhoneColumn(columns);
  if (chosen && !phone) throw new AudienceError(`There is no column "${chosen}". The columns are: ${columns.join(", ")}`, "phoneColumn");
  if (!phone) throw new AudienceError(`No phone column: choose one, or name it phone, mobile, msisdn or to. The columns are: ${columns.join(", ")}`, "phoneColumn");
  return { columns, phoneColumn: phone, attributeColumns: columns.filter((column) => column !== phone), delimiter };
}

export function guessPhoneColumn(columns: string[]): string | undefined {
  const key = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");
  for (const wanted of PHONE_NAMES) {
    const found = columns.find((column) => key(column) === wanted);
    if (found) return found;
  }
  return columns.find((column) => /phone|mobile|msisdn/i.test(column));
}

function skipReason(error: CsvError): string {
  if (error.code === "CSV_MAX_RECORD_SIZE") return `The row is longer than ${MAX_RECORD_BYTES / 1024} KB`;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return "A quoted value is never closed";
  if (error.code === "CSV_INVALID_CLOSING_QUOTE") return "A quote inside a value is not doubled";
  return `The row cannot be read: ${error.message.replace(/^Invalid [^:]*: /, "")}`;
}

async function* limitBytes(source: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) throw new AudienceError(`The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
    yield bytes;
  }
}

async function* decodeUtf8(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let line = 1;
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new AudienceError(`The file is not UTF-8 text (near line ${line}): save it as "CSV UTF-8" and upload it again`);
    }
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line += 1;
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new AudienceError(`The file is not UTF-8 text (it ends in the middle of a character): save it as "CSV UTF-8"`);
  }
}

/** Comma or semicolon, from the header line (outside quotes); the text is handed on unchanged. */
async function sniffDelimiter(text: AsyncIterable<string>): Promise<{ delimiter: "," | ";"; chunks: AsyncIterable<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let head = "";
  while (!head.includes("\n") && head.length < MAX_RECORD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    buffered.push(next.value);
    head += next.value;
  }
  const firstLine = head.split("\n")[0];
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  async function* chunks() {
    yield* buffered;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { delimiter: semicolons > commas ? ";" : ",", chunks: chunks() };
}
