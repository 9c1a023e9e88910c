import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/connectors/template";
import { baseUrlSchema, deliveryReportSettingsSchema, literal, secretSchema, withFallback } from "./kit";

const vars = { destination: "+15551234567", message: "hi" };

describe("literal", () => {
  it("leaves plain values alone and keeps template syntax as text", () => {
    expect(literal("abc{def}")).toBe("abc{def}");
    for (const value of ["a{{b}}", "{% if x %}", "{{", "x{%- raw -%}y", "Moesms_message", "pw-Moesms_destination"]) {
      expect(renderTemplate(literal(value), vars, "form")).toBe(value);
    }
  });

  it("refuses the one value it cannot keep literal", () => {
    expect(secretSchema("Password").safeParse("a{% endraw %}b").error?.issues[0].message).toBe('Password cannot contain "{% endraw"');
    expect(secretSchema("Password").safeParse("a{%-endraw%}b").success).toBe(false);
  });
});

describe("withFallback", () => {
  it("uses the message's value, else the settings value", () => {
    const template = withFallback("sender", "ACME");
    expect(renderTemplate(template, { ...vars, sender: "OTHER" }, "text")).toBe("OTHER");
    expect(renderTemplate(template, vars, "text")).toBe("ACME");
    expect(withFallback("sender", "")).toBe("{{sender}}");
  });
});

describe("baseUrlSchema", () => {
  const schema = baseUrlSchema("API base URL");
  it.each([
    ["https://api.example.com/", "https://api.example.com"],
    ["http://127.0.0.1:4010/prefix//", "http://127.0.0.1:4010/prefix"],
    ["", ""],
  ])("takes %s as %s", (input, output) => {
    expect(schema.parse(input)).toBe(output);
  });

  it.each([
    ["api.example.com", "API base URL must be a full URL such as https://api.example.com"],
    ["ftp://api.example.com", "API base URL must start with https:// or http://"],
    ["https://user:pw@api.example.com", "API base URL cannot contain credentials"],
    ["https://api.example.com/?a=1", "API base URL cannot have a query or fragment"],
    ["https://api.example.com/{{x}}", "API base URL cannot contain placeholders"],
  ])("refuses %s", (input, message) => {
    expect(schema.safeParse(input).error?.issues[0].message).toBe(message);
  });
});

describe("deliveryReportSettingsSchema", () => {
  const schema = deliveryReportSettingsSchema({ messageIdField: "id", statusField: "status", reasonField: "reason", successValues: ["OK"], pendingValues: ["WAIT"] });
  it("fills what is left out", () => {
    expect(schema.parse(undefined)).toEqual({ messageIdField: "id", statusField: "status", reasonField: "reason", successValues: ["OK"], pendingValues: ["WAIT"] });
    expect(schema.parse({ statusField: " state ", pendingValues: [] })).toEqual({ messageIdField: "id", statusField: "state", reasonField: "reason", successValues: ["OK"], pendingValues: [] });
  });
});
