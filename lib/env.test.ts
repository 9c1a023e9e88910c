import { afterEach, describe, expect, it } from "vitest";
import { config, resetConfig, withHeapCeiling } from "./env";

describe("the heap ceiling the launcher hands on", () => {
  const saved = process.env.SWITCHBOARD_MAX_HEAP_MB;
  afterEach(() => {
    if (saved === undefined) delete process.env.SWITCHBOARD_MAX_HEAP_MB;
    else process.env.SWITCHBOARD_MAX_HEAP_MB = saved;
    resetConfig();
  });

  it("is 1024 MB unless set, and a typo stops the start naming the variable", () => {
    delete process.env.SWITCHBOARD_MAX_HEAP_MB;
    resetConfig();
    expect(config().maxHeapMb).toBe(1024);
    process.env.SWITCHBOARD_MAX_HEAP_MB = "512mb";
    resetConfig();
    expect(() => config()).toThrow(/SWITCHBOARD_MAX_HEAP_MB: must be a whole number/);
  });

  it("is added to NODE_OPTIONS, keeping what is there", () => {
    expect(withHeapCeiling(undefined, 768)).toBe("--max-old-space-size=768");
    expect(withHeapCeiling("--enable-source-maps", 512)).toBe("--enable-source-maps --max-old-space-size=512");
  });

  it("leaves NODE_OPTIONS alone when they set their own ceiling, or when the ceiling is 0", () => {
    expect(withHeapCeiling("--max-old-space-size=2048", 768)).toBe("--max-old-space-size=2048");
    expect(withHeapCeiling("--max-heap-size=300", 768)).toBe("--max-heap-size=300");
    expect(withHeapCeiling("--trace-warnings", 0)).toBe("--trace-warnings");
    expect(withHeapCeiling(undefined, 0)).toBeUndefined();
  });
});
