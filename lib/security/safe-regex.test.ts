// User-written patterns run in linear time: the pattern that froze the process for 30 s now takes milliseconds.
import { describe, expect, it } from "vitest";
import { classifyResponse } from "@/lib/connectors/classify";
import { patternProblem, userPattern } from "./safe-regex";

describe("user patterns", () => {
  it("reads a capture group like a JavaScript regex would", () => {
    expect(userPattern("success \\| \\d+ \\| (\\S+)").exec("success | 919900 | abc-123")?.[1]).toBe("abc-123");
    expect(userPattern("stat:(\\w+)", { caseInsensitive: true }).exec("id:1 STAT:UNDELIV err:034")?.[1]).toBe("UNDELIV");
    expect(userPattern("(x)").exec("nothing here")).toBeNull();
  });

  it("matches a catastrophic pattern against a long reply in milliseconds", () => {
    // (a+)+$ on 28 characters froze a backtracking engine for 30 s; 40 never came back.
    const reply = `${"a".repeat(50_000)}!`;
    const started = performance.now();
    const result = classifyResponse({ status: 200, headers: {}, body: reply }, { sentId: { from: "regex", pattern: "(a+)+$" }, accepted: null, allowMissingId: true, errorReason: null });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ accepted: true, sentId: null });
    expect(elapsed).toBeLessThan(2000);
  });

  it("explains what it cannot run", () => {
    expect(patternProblem("(?<=a)b")).toMatch(/lookbehind/);
    expect(patternProblem("(\\w)\\1")).toMatch(/Backreferences/);
    expect(patternProblem("[unclosed")).toMatch(/^Not a valid regular expression/);
    expect(patternProblem("(a)(b)", 1)).toMatch(/exactly one capture group/);
    expect(patternProblem("id=(\\d+)", 1)).toBeNull();
  });
});
