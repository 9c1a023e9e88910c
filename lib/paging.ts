// Paged lists, one way everywhere: `limit` (1–200, default 50) and an opaque `cursor` in, `{ data, nextCursor }`
// out. A cursor is the base64url JSON of the last row's sort key; each list checks its shape when it comes back.
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  data: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** What a list function takes: a validated limit and the cursor exactly as the client sent it. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

const limitMessage = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** `limit` and `cursor` as query-string values; extend it with a list's filters. */
export const pageQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d+$/, limitMessage)
    .transform(Number)
    .pipe(z.number().int().min(1, limitMessage).max(MAX_PAGE_SIZE, limitMessage))
    .optional()
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1, "cursor must not be empty").max(1000, "cursor is too long").optional(),
});

/**
 * A list's query string validated against `schema` (pageQuerySchema extended with the list's filters): a bad
 * limit, cursor or filter value is a 422 naming the field. Parameters the list does not know are ignored.
 */
export function parseListQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  return parseInput(schema, Object.fromEntries(params));
}

/** The cursor for a row with this sort key. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The sort key inside a cursor, checked against the list's key shape; anything else is a 422 on `cursor`. */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, shape: S): z.output<S> | null {
  if (cursor === undefined) return null;
  let key: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error("not base64url");
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw malformedCursor();
  }
  const parsed = shape.safeParse(key);
  if (!parsed.success) throw malformedCursor();
  return parsed.data;
}

function malformedCursor() {
  return new ValidationError([{ field: "cursor", message: "cursor is not one this list gave out: pass back nextCursor unchanged" }]);
}

/** Sort keys that are ISO dates: what a cursor of `createdAt`-ordered rows holds. */
export const isoDateKey = z.iso.datetime().transform((value) => new Date(value));

/**
 * The page from rows fetched with `take: limit + 1`: the extra row only says that there is a next page.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => ReadonlyArray<string | number>): Page<T> {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? encodeCursor(keyOf(data[data.length - 1])) : null };
}
