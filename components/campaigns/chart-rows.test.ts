import { describe, expect, it } from "vitest";
import { campaignChartRows } from "./chart-rows";

describe("campaignChartRows", () => {
  it("fills the minutes between the first and last send with zeros and splits each into what the bars draw", () => {
    const rows = campaignChartRows({
      bucket: "minute",
      points: [
        { at: "2026-06-01T10:03:00.000Z", sent: 2, delivered: 0, failedToSend: 0, failedToDeliver: 1 },
        { at: "2026-06-01T10:00:00.000Z", sent: 5, delivered: 3, failedToSend: 1, failedToDeliver: 1 },
      ],
    });
    expect(rows.map((row) => new Date(row.at).toISOString().slice(11, 16))).toEqual(["10:00", "10:01", "10:02", "10:03"]);
    expect(rows[0]).toMatchObject({ delivered: 3, awaiting: 1, failedToDeliver: 1, failedToSend: 1 });
    expect(rows[1]).toMatchObject({ delivered: 0, awaiting: 0, failedToDeliver: 0, failedToSend: 0 });
    expect(rows[3]).toMatchObject({ delivered: 0, awaiting: 1, failedToDeliver: 1 });
  });

  it("draws nothing for a campaign that sent nothing", () => {
    expect(campaignChartRows({ bucket: "minute", points: [] })).toEqual([]);
  });
});
