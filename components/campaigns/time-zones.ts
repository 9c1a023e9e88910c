// IANA time zones for the "When" of a campaign: the list the browser knows, a search over it, and each zone's
// current offset from UTC. Pure, so the search is tested without a browser.

/** Zones renamed in the IANA database that browsers may still list by their old names. */
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Enderbury": "Pacific/Kanton",
};

function isKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the runtime knows by its current name, UTC first, plus any of `extra` (the browser's own zone may be an alias). */
export function allTimeZones(extra: readonly string[] = []): string[] {
  const listed = (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []).map((zone) =>
    RENAMED[zone] && isKnown(RENAMED[zone]) ? RENAMED[zone] : zone,
  );
  const zones = [...new Set([...listed, ...extra.filter(Boolean)])].filter((zone) => zone !== "UTC").sort((a, b) => a.localeCompare(b));
  return ["UTC", ...zones];
}

/** The zone this browser is in (UTC when it will not say). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** `UTC+05:30`, `UTC−04:00`, or `UTC` at `at` (daylight saving time included). */
export function utcOffset(zone: string, at: Date = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const offset = name.replace(/^GMT/, "");
    return offset && !/^[+-]00:?00$/.test(offset) ? `UTC${offset.replace("-", "−")}` : "UTC";
  } catch {
    return "";
  }
}

const searchable = (text: string) => text.toLowerCase().replace(/[_/]+/g, " ");

/**
 * Zones matching every word of `query` (spaces match `_` and `/`: "new york", "asia kol"); zones whose city starts
 * with the query come first. An empty query lists them all.
 */
export function searchTimeZones(zones: readonly string[], query: string): string[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  const wanted = words.join(" ");
  const matching = zones.filter((zone) => {
    const text = searchable(zone);
    return words.every((word) => text.includes(word));
  });
  const city = (zone: string) => searchable(zone.split("/").pop() ?? zone);
  const rank = (zone: string) => (city(zone).startsWith(wanted) ? 0 : searchable(zone).startsWith(wanted) ? 1 : 2);
  return matching.map((zone, index) => ({ zone, index, rank: rank(zone) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.zone);
}
