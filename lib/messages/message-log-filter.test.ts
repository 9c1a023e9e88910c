import { describe, expect, it } from "vitest";
import { endOf, filterSearchParams, messageLogFilterSchema, startOf } from "./message-log-filter";

describe("the message log's filters", () => {
  it("reads a number however it was typed, and refuses what is not one", () => {
    expect(messageLogFilterSchema.parse({ search: " +46 (70) 123-45.67 " }).search).toBe("+46701234567");
    expect(messageLogFilterSchema.parse({ search: "4567" }).search).toBe("4567");
    expect(messageLogFilterSchema.safeParse({ search: "ada" }).success).toBe(false);
    expect(messageLogFilterSchema.safeParse({ search: "+1234567890123456" }).success).toBe(false);
  });

  it("takes dates as whole UTC days and instants as given; until must come after since", () => {
    expect(startOf("2026-11-29").toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect(endOf("2026-11-29").toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(endOf("2026-11-29T09:30:00Z").toISOString()).toBe("2026-11-29T09:30:00.000Z");
    expect(messageLogFilterSchema.safeParse({ since: "2026-11-29", until: "2026-11-29" }).success).toBe(true);
    const backwards = messageLogFilterSchema.safeParse({ since: "2026-11-29T10:00:00Z", until: "2026-11-29T09:00:00Z" });
    expect(backwards.success ? null : backwards.error.issues.map((i) => i.path.join("."))).toEqual(["until"]);
    expect(messageLogFilterSchema.safeParse({ since: "29/11/2026" }).success).toBe(false);
    expect(messageLogFilterSchema.safeParse({ until: "2026-02-31" }).success).toBe(false);
  });

  it("writes only the filters given, in one order, for a link to share", () => {
    expect(filterSearchParams({ until: "2026-11-29", status: "failed", sender: " ", search: "+4670" }).toString()).toBe("search=%2B4670&status=failed&until=2026-11-29");
  });
});
