import { describe, expect, it } from "vitest";
import { countFieldErrors } from "./form-focus";

describe("countFieldErrors", () => {
  it("counts each field with a message, in nested objects and lists", () => {
    const errors = {
      name: { type: "too_small", message: "Connector name is required" },
      request: { url: { type: "custom", message: "Only http and https URLs are allowed" } },
      senders: [undefined, { name: { type: "too_small", message: "Sender name is required" } }],
      timeoutMs: { type: "too_small", message: "Timeout must be at least 100 ms" },
    };
    expect(countFieldErrors(errors)).toBe(4);
  });

  it("counts a list's own message once, and nothing for an empty tree", () => {
    expect(countFieldErrors({ successValues: { type: "too_small", message: "Add at least one success value" } })).toBe(1);
    expect(countFieldErrors({})).toBe(0);
    expect(countFieldErrors(undefined)).toBe(0);
  });
});
