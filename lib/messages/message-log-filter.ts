// The message log's filters, as query-string values: the REST list and its CSV export parse them, and the log
// screen keeps the same names in its URL so that a support link opens the same list. Plain zod: the browser uses it.
import { z } from "zod";
import { MESSAGE_STATUSES } from "./statuses";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC day (`2026-11-29`) or an instant (`2026-11-29T09:30:00Z`). */
const instant = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => (DAY.test(value) ? isCalendarDay(value) : z.iso.datetime({ offset: true }).safeParse(value).success && !Number.isNaN(Date.parse(value))), {
      message: `${name} must be a date (2026-11-29, a UTC day) or a date and time (2026-11-29T09:30:00Z)`,
    });

const filterFields = {
    /** A whole number with its + (`+4915112345678`) is looked up exactly; digits alone find numbers containing them. */
    search: z
      .string()
      .trim()
      .max(32, "search must be at most 32 characters")
      .transform((value) => value.replace(/[\s().-]/g, ""))
      .refine((value) => value === "" || /^\+?\d{1,15}$/.test(value), { message: "search must be a phone number or some of its digits" })
      .optional(),
    status: z.enum(MESSAGE_STATUSES, { message: `status must be one of ${MESSAGE_STATUSES.join(", ")}` }).optional(),
    sender: z.string().trim().max(50, "sender must be at most 50 characters").optional(),
    /** true: only test sends (Send Test SMS); false: only live messages (API and campaigns). */
    test: z.enum(["true", "false"], { message: "test must be true or false" }).optional(),
    /** From this day (UTC) or instant on. */
    since: instant("since").optional(),
    /** Up to the end of this day (UTC), or up to (not including) this instant. */
    until: instant("until").optional(),
};

/** The filters with `extra` fields (paging, format) beside them, `until` checked against `since`. */
export function withMessageLogFilter<T extends z.ZodRawShape>(extra: T) {
  return z.object({ ...extra, ...filterFields }).refine((filter) => rangeIsOrdered(filter as { since?: string; until?: string }), {
    message: "until must be after since",
    path: ["until"],
  });
}

export const messageLogFilterSchema = withMessageLogFilter({});

function rangeIsOrdered({ since, until }: { since?: string; until?: string }): boolean {
  return !since || !until || startOf(since) < endOf(until);
}

export type MessageLogFilterInput = z.input<typeof messageLogFilterSchema>;
export type MessageLogFilter = z.output<typeof messageLogFilterSchema>;

export const MESSAGE_LOG_FILTER_KEYS = ["search", "status", "sender", "test", "since", "until"] as const;

/** 2026-02-31 is not a day (Date would read it as 3 March). */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Where `since` starts: the day's first instant (UTC), or the instant given. */
export function startOf(since: string): Date {
  return new Date(DAY.test(since) ? `${since}T00:00:00.000Z` : since);
}

/** Where `until` stops (exclusive): the next day's first instant (UTC), or the instant given. */
export function endOf(until: string): Date {
  if (!DAY.test(until)) return new Date(until);
  const day = new Date(`${until}T00:00:00.000Z`);
  return new Date(day.getTime() + 86_400_000);
}

/** The filter's values as a query string, empty values left out (for a URL to share, the REST call and the export). */
export function filterSearchParams(filter: Partial<Record<(typeof MESSAGE_LOG_FILTER_KEYS)[number], string | undefined>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of MESSAGE_LOG_FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}
