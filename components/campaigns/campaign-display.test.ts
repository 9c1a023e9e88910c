import { describe, expect, it } from "vitest";
import type { CampaignProgress } from "@/lib/campaigns/schema";
import { canCancel, canPause, canResume, dateTimeInputValue, deliveryRate, formatInZone, formatPercent, instantInZone, progressSummary, refreshInterval } from "./campaign-display";

const progress = (counts: Partial<CampaignProgress>): CampaignProgress => ({ queued: 0, sending: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, cancelled: 0, ...counts });

describe("campaign display", () => {
  it("counts what left the queue as done, of every message", () => {
    const summary = progressSummary(progress({ queued: 4, sending: 1, sent: 2, delivered: 2, undelivered: 1 }));
    expect(summary).toMatchObject({ total: 10, done: 5, waiting: 5, fraction: 0.5 });
    expect(progressSummary(progress({})).fraction).toBe(0);
    expect(progressSummary(progress({ cancelled: 3, failed: 1 })).fraction).toBe(1);
  });

  it("rates delivery among the messages the provider took", () => {
    expect(deliveryRate(progress({ queued: 5 }))).toBeNull();
    expect(deliveryRate(progress({ sent: 1, delivered: 2, undelivered: 1, failed: 9 }))).toBe(0.5);
    expect(formatPercent(2 / 3)).toBe("66.7%");
    expect(formatPercent(1)).toBe("100%");
  });

  it("offers the controls each state allows", () => {
    expect([canPause("running"), canPause("scheduled"), canPause("paused"), canPause("completed")]).toEqual([true, true, false, false]);
    expect([canResume("paused"), canResume("running")]).toEqual([true, false]);
    expect([canCancel("paused"), canCancel("scheduled"), canCancel("cancelled"), canCancel("draft")]).toEqual([true, true, false, false]);
  });

  it("refreshes fast while sending, then while reports are awaited, then slowly", () => {
    const now = Date.parse("2026-06-01T12:00:00Z");
    expect(refreshInterval({ status: "running", progress: progress({}), completedAt: null }, now)).toBe(2_000);
    expect(refreshInterval({ status: "paused", progress: progress({}), completedAt: null }, now)).toBe(2_000);
    expect(refreshInterval({ status: "completed", progress: progress({ sent: 2 }), completedAt: "2026-06-01T11:30:00Z" }, now)).toBe(5_000);
    expect(refreshInterval({ status: "completed", progress: progress({ sent: 2 }), completedAt: "2026-06-01T10:00:00Z" }, now)).toBe(60_000);
    expect(refreshInterval({ status: "completed", progress: progress({ delivered: 2 }), completedAt: "2026-06-01T11:59:00Z" }, now)).toBe(60_000);
    expect(refreshInterval({ status: "draft", progress: progress({}), completedAt: null }, now)).toBe(false);
  });

  it("shows times on the clock of a zone", () => {
    expect(formatInZone("2026-12-01T08:00:00Z", "Europe/Stockholm")).toBe("1 Dec 2026, 09:00");
    expect(formatInZone("2026-12-01T08:00:00Z", "Asia/Kolkata")).toBe("1 Dec 2026, 13:30");
    expect(dateTimeInputValue(new Date("2026-12-01T08:05:00Z"), "America/New_York")).toBe("2026-12-01T03:05");
    expect(dateTimeInputValue(new Date("2026-12-31T23:30:00Z"), "Asia/Kolkata")).toBe("2027-01-01T05:00");
  });

  it("reads a date and time on the clock of a zone as a moment", () => {
    expect(instantInZone("2026-12-01T09:00", "Europe/Stockholm")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(instantInZone("2026-07-01T09:00", "Asia/Kolkata")?.toISOString()).toBe("2026-07-01T03:30:00.000Z");
    expect(instantInZone("2026-07-01", "UTC")).toBeNull();
    expect(instantInZone("", "UTC")).toBeNull();
  });
});
