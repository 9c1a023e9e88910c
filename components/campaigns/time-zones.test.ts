import { describe, expect, it } from "vitest";
import { allTimeZones, searchTimeZones, utcOffset } from "./time-zones";

describe("time zones", () => {
  it("lists UTC first and every zone once, the extra ones included", () => {
    const zones = allTimeZones(["Asia/Calcutta", "Europe/Stockholm"]);
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Asia/Calcutta");
    expect(zones).toContain("Asia/Kolkata");
    expect(allTimeZones().filter((zone) => zone === "Asia/Kolkata" || zone === "Europe/Kyiv")).toEqual(["Asia/Kolkata", "Europe/Kyiv"]);
    expect(zones).toContain("America/New_York");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("finds zones by any words of their name, cities starting with the query first", () => {
    const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Stockholm", "America/Indiana/Knox", "Asia/Kathmandu"];
    expect(searchTimeZones(zones, "new york")).toEqual(["America/New_York"]);
    expect(searchTimeZones(zones, "asia k")).toEqual(["Asia/Kolkata", "Asia/Kathmandu"]);
    expect(searchTimeZones(zones, "k")).toEqual(["Asia/Kolkata", "America/Indiana/Knox", "Asia/Kathmandu", "America/New_York", "Europe/Stockholm"]);
    expect(searchTimeZones(zones, "STOCK")).toEqual(["Europe/Stockholm"]);
    expect(searchTimeZones(zones, "  ")).toEqual(zones);
    expect(searchTimeZones(zones, "mars")).toEqual([]);
  });

  it("gives the offset from UTC at a moment, daylight saving time included", () => {
    expect(utcOffset("Asia/Kolkata", new Date("2026-01-15T12:00:00Z"))).toBe("UTC+05:30");
    expect(utcOffset("Europe/Stockholm", new Date("2026-01-15T12:00:00Z"))).toBe("UTC+01:00");
    expect(utcOffset("Europe/Stockholm", new Date("2026-07-15T12:00:00Z"))).toBe("UTC+02:00");
    expect(utcOffset("America/New_York", new Date("2026-01-15T12:00:00Z"))).toBe("UTC−05:00");
    expect(utcOffset("UTC")).toBe("UTC");
    expect(utcOffset("Not/AZone")).toBe("");
  });
});
