"use client";
// A campaign's moment (scheduled, started) in the reader's own time, with the campaign's time zone named — and the
// time on that zone's clock when the reader is elsewhere.
import { useSyncExternalStore } from "react";
import { cx } from "@/components/ui/cx";
import { formatInZone } from "./campaign-display";
import { browserTimeZone } from "./time-zones";

const noSubscription = () => () => {};

/** The reader's zone; null while rendering on the server (which cannot know it). */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserTimeZone, () => null);
}

export function CampaignTime({ iso, timeZone, className }: { iso: string; timeZone: string; className?: string }) {
  const reader = useBrowserTimeZone();
  const here = formatInZone(iso, reader ?? timeZone);
  const elsewhere = reader !== null && reader !== timeZone;
  return (
    <span className={cx("inline-flex flex-col", className)}>
      <time dateTime={iso} className="whitespace-nowrap text-slate-800 tabular-nums">
        {here}
      </time>
      <span className="text-xs whitespace-nowrap text-slate-500">
        {elsewhere ? `${formatInZone(iso, timeZone).split(", ").pop()} in ${timeZone}` : `${timeZone} time`}
      </span>
    </span>
  );
}
