// Values handed to PostgreSQL as one jsonb parameter (a batch of rows for jsonb_to_recordset). PostgreSQL's
// text and jsonb cannot hold the NUL character, and one NUL in one row would fail the whole batch: every NUL
// in a string becomes U+FFFD (the replacement character), the same thing an undecodable byte becomes.
export function jsonbParam(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON writes a NUL as \u0000; only then is the slower, exact pass needed.
  return json.includes("\\u0000") ? JSON.stringify(value, (_key, item: unknown) => (typeof item === "string" ? pgText(item) : item)) : json;
}

/** The text as PostgreSQL can store it. */
export function pgText(text: string): string;
export function pgText(text: string | null): string | null;
export function pgText(text: string | null): string | null {
  return text !== null && text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

/**
 * Runs a batch write; if the batch fails, writes each row alone so one bad row never fails its neighbours.
 * Returns the rows that failed on their own (with the error), for the caller to report.
 */
export async function writeEachOnFailure<T>(rows: T[], write: (rows: T[]) => Promise<void>): Promise<Array<{ row: T; error: unknown }>> {
  try {
    await write(rows);
    return [];
  } catch (error) {
    if (rows.length === 1) return [{ row: rows[0], error }];
    const failed: Array<{ row: T; error: unknown }> = [];
    for (const row of rows) {
      try {
        await write([row]);
      } catch (single) {
        failed.push({ row, error: single });
      }
    }
    return failed;
  }
}
