"use client";
// A timestamp in the reader's own time zone (the server's render may differ; the browser's wins).
const FORMATS = {
  short: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  long: { dateStyle: "medium", timeStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export function LocalTime({ iso, format = "short", className }: { iso: string; format?: keyof typeof FORMATS; className?: string }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "long" })} className={className} suppressHydrationWarning>
      {date.toLocaleString("en-GB", FORMATS[format])}
    </time>
  );
}
