import { describe, expect, it } from "vitest";
import { renderTemplate, validateTemplate } from "@/lib/connectors/template";
import { CONNECTOR_BUILT_INS, filterOptions, findTrigger, insertPlaceholder, userAttributeOptions, userAttributePlaceholder } from "./placeholder-options";

describe("findTrigger", () => {
  it("finds the @query the caret is in", () => {
    expect(findTrigger("@", 1)).toEqual({ start: 0, query: "" });
    expect(findTrigger("Hi @ci", 6)).toEqual({ start: 3, query: "ci" });
    expect(findTrigger('{"t":"@mess', 11)).toEqual({ start: 6, query: "mess" });
    expect(findTrigger("(@user.ci)", 9)).toEqual({ start: 1, query: "user.ci" });
  });

  it("ignores e-mail addresses, finished words and text after the caret", () => {
    expect(findTrigger("ops@example.com", 15)).toBeNull();
    expect(findTrigger("@city and more", 14)).toBeNull();
    expect(findTrigger("@ci", 0)).toBeNull();
    expect(findTrigger("@{{x", 4)).toBeNull();
  });
});

describe("filterOptions", () => {
  const options = [...CONNECTOR_BUILT_INS, ...userAttributeOptions(["city", "first_name", "message_count"])];

  it("keeps names that contain the query, those starting with it first", () => {
    expect(filterOptions(options, "mess").map((o) => o.label)).toEqual(["message", "message_id", "user.message_count"]);
    expect(filterOptions(options, "CI").map((o) => o.label)).toEqual(["user.city"]);
    expect(filterOptions(options, "").length).toBe(options.length);
    expect(filterOptions(options, "zzz")).toEqual([]);
  });
});

describe("inserting", () => {
  it("puts the placeholder with a fallback in place of @query and the caret after it", () => {
    const value = "Hi @ci, bye";
    const trigger = findTrigger(value, 6)!;
    expect(insertPlaceholder(value, trigger, 6, userAttributePlaceholder("city")!)).toEqual({ value: 'Hi {{user.city | default: ""}}, bye', caret: 30 });
  });

  it("quotes attribute names that are not identifiers", () => {
    expect(userAttributePlaceholder("loyalty tier")).toBe('{{user["loyalty tier"] | default: ""}}');
    expect(userAttributePlaceholder('say "hi"')).toBe("{{user['say \"hi\"'] | default: \"\"}}");
    expect(userAttributePlaceholder(`both ' and "`)).toBeNull();
  });

  it("inserts placeholders the template engine accepts, rendering empty for a recipient without the attribute", () => {
    for (const key of ["city", "loyalty tier", 'say "hi"']) {
      const template = userAttributePlaceholder(key)!;
      expect(validateTemplate(template)).toBeNull();
      expect(renderTemplate(template, { destination: "+15550000001", message: "x", user: { [key]: "v" } }, "text")).toBe("v");
      expect(renderTemplate(template, { destination: "+15550000001", message: "x", user: {} }, "text")).toBe("");
    }
  });
});
