// How a campaign reads on screen: its status's label and colour, what its progress counts add up to, its delivery
// rate, which controls its status allows, how often its page refreshes, and times in its own time zone. Pure, so
// the browser and the tests share them.
import { TZDate } from "@date-fns/tz";
import type { CampaignProgress, CampaignStatus, CampaignView } from "@/lib/campaigns/schema";

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  running: "Running",
  paused: "Paused",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const CAMPAIGN_STATUS_TONES: Record<CampaignStatus, "slate" | "indigo" | "amber" | "green" | "red"> = {
  draft: "slate",
  scheduled: "indigo",
  running: "indigo",
  paused: "amber",
  completed: "green",
  cancelled: "red",
};

/** States in which messages may still go out. */
export const isActive = (status: CampaignStatus) => status === "scheduled" || status === "running" || status === "paused";

/** What each control may start from (as lib/campaigns/control.ts allows it). */
export const canPause = (status: CampaignStatus) => status === "scheduled" || status === "running";
export const canResume = (status: CampaignStatus) => status === "paused";
export const canCancel = (status: CampaignStatus) => isActive(status);

export interface ProgressSummary {
  /** Every recipient with a message: the audience's valid rows. */
  total: number;
  /** Messages that left the queue: handed to the provider, failed, or cancelled. */
  done: number;
  /** done / total, 0–1. */
  fraction: number;
  waiting: number;
  /** Handed to the provider, no delivery report yet. */
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  cancelled: number;
}

export function progressSummary(progress: CampaignProgress): ProgressSummary {
  const waiting = progress.queued + progress.sending;
  const done = progress.sent + progress.delivered + progress.undelivered + progress.failed + progress.cancelled;
  const total = waiting + done;
  return {
    total,
    done,
    fraction: total === 0 ? 0 : done / total,
    waiting,
    sent: progress.sent,
    delivered: progress.delivered,
    undelivered: progress.undelivered,
    failed: progress.failed,
    cancelled: progress.cancelled,
  };
}

/** Delivered among the messages the provider took (sent, delivered or undelivered); null before any was taken. */
export function deliveryRate(progress: CampaignProgress): number | null {
  const handed = progress.sent + progress.delivered + progress.undelivered;
  return handed === 0 ? null : progress.delivered / handed;
}

/** `66.7%`, `100%`: one decimal, none when it is whole. */
export function formatPercent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

const HOUR = 3_600_000;

/**
 * How often a campaign's page (and the list showing it) asks again: every 2 s while it may send; every 5 s for an
 * hour after it ended while reports are still awaited; slowly after that.
 */
export function refreshInterval(campaign: Pick<CampaignView, "status" | "progress" | "completedAt">, now = Date.now()): number | false {
  if (campaign.status === "draft") return false;
  if (isActive(campaign.status)) return 2_000;
  const recent = campaign.completedAt !== null && now - Date.parse(campaign.completedAt) < HOUR;
  if (recent && campaign.progress.sent > 0) return 5_000;
  return 60_000;
}

/** The date and time of `iso` as the clock in `timeZone` shows it: `1 Dec 2026, 09:00`. */
export function formatInZone(iso: string, timeZone: string | undefined): string {
  try {
    return new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
  } catch {
    return new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  }
}

/** `2026-12-01T09:00`, the value of a datetime-local input, for the moment `at` on the clock in `timeZone`. */
export function dateTimeInputValue(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The moment a datetime-local value (`2026-12-01T09:00`) names on the clock of `timeZone`; null when it is not one. */
export function instantInZone(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  try {
    const at = new TZDate(year, month - 1, day, hour, minute, 0, timeZone);
    return Number.isNaN(at.getTime()) ? null : new Date(at.getTime());
  } catch {
    return null;
  }
}
