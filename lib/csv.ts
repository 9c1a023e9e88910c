// Writing CSV that spreadsheets open safely: a cell that a spreadsheet would run as a formula (=, +, -, @, tab or
// carriage return first) is written with a leading apostrophe, except a plain number such as +46701234567.
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A CSV download streamed from pages of rows, so a million rows never sit in memory at once. */
export function csvStream<T>(header: string[], pages: AsyncIterable<T[]>, row: (item: T) => Array<string | number | boolean | null | undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((item) => csvLine(row(item))).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
