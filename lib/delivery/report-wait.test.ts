import { describe, expect, it } from "vitest";
import { REPORT_PATIENCE_MS, reportWait } from "./report-wait";

const SENT_AT = "2026-01-10T12:00:00.000Z";
const now = (afterMs: number) => Date.parse(SENT_AT) + afterMs;

describe("reportWait", () => {
  it("waits for a message on its way or sent, until a callback arrives after it", () => {
    for (const status of ["queued", "sending", "sent"]) expect(reportWait({ status, createdAt: SENT_AT }, undefined, now(1000))).toBe("waiting");
    expect(reportWait({ status: "sent", createdAt: SENT_AT }, "2026-01-10T11:59:59.000Z", now(1000))).toBe("waiting");
    expect(reportWait({ status: "sent", createdAt: SENT_AT }, "2026-01-10T12:00:05.000Z", now(10_000))).toBeNull();
  });

  it("is overdue after the patience runs out", () => {
    expect(reportWait({ status: "sent", createdAt: SENT_AT }, undefined, now(REPORT_PATIENCE_MS))).toBe("waiting");
    expect(reportWait({ status: "sent", createdAt: SENT_AT }, undefined, now(REPORT_PATIENCE_MS + 1))).toBe("overdue");
  });

  it("awaits nothing for a final message, or without one", () => {
    for (const status of ["delivered", "undelivered", "failed"]) expect(reportWait({ status, createdAt: SENT_AT }, undefined, now(1000))).toBeNull();
    expect(reportWait(null, undefined, now(0))).toBeNull();
    expect(reportWait(undefined, undefined, now(0))).toBeNull();
  });
});
