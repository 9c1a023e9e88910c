// The native connector forms describe each provider's fields by hand (labels, hints, controls); these
// checks keep those descriptions in step with the presets' settings schemas they are sent to.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { initialSettings, leafFields } from "./fields";
import { nativeProviderInfo } from "./provider-info";
import { fieldsOf, NATIVE_KINDS, presetFor } from "./registry";

/** Settings that the presets accept (the ones tests/native.test.ts sends). */
const VALID: Record<string, Record<string, unknown>> = {
  twilio: { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "token" },
  sinch: { servicePlanId: "plan123", apiToken: "token" },
  gupshup: { userId: "2000123456", password: "pw" },
  kaleyra: { sid: "HXAP1234567890IN", apiKey: "key" },
  "ics-mobile": { baseUrl: "https://ics.example.com", token: "token", username: "acme", password: "pw" },
};

type Def = { type: string; in?: z.ZodType; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; entries?: Record<string, string> };
const defOf = (schema: z.ZodType): Def => schema.def as Def;

/** The schema under pipes, defaults and optionals. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.type === "pipe" && def.in) current = def.in;
    else if ((def.type === "default" || def.type === "optional") && def.innerType) current = def.innerType;
    else return current;
  }
}

const shapeOf = (schema: z.ZodType) => defOf(unwrap(schema)).shape ?? {};

function withValue(settings: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(settings);
  const keys = path.split(".");
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

describe.each(NATIVE_KINDS.map((kind) => [kind]))("native form of %s", (kind) => {
  const preset = presetFor(kind);
  const fields = fieldsOf(kind);
  const info = nativeProviderInfo(kind)!;
  const filled = { ...initialSettings(fields, info.defaults), ...VALID[kind] };

  it("describes exactly the preset's settings, groups included", () => {
    const shape = shapeOf(preset.settingsSchema);
    expect(fields.map((f) => f.name).sort()).toEqual(Object.keys(shape).sort());
    for (const group of fields.filter((f) => f.control === "group")) {
      const nested = Object.keys(shapeOf(shape[group.name])).map((key) => `${group.name}.${key}`);
      expect(group.fields.map((f) => f.name).sort()).toEqual(nested.sort());
    }
  });

  it("uses password inputs for the secret fields and the preset's values in its selects", () => {
    for (const f of fields) expect(f.control === "secret", f.name).toBe(preset.secretFields.includes(f.name));
    const shape = shapeOf(preset.settingsSchema);
    for (const f of fields) {
      if (f.control !== "select") continue;
      if (!f.options) {
        expect(preset.senderTypes?.field).toBe(f.name);
        continue;
      }
      expect(f.options.map((o) => o.value).sort(), f.name).toEqual(Object.keys(defOf(unwrap(shape[f.name])).entries ?? {}).sort());
    }
  });

  it("starts from values the preset accepts once the account fields are filled in", () => {
    const parsed = preset.settingsSchema.safeParse(filled);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("marks as optional exactly the text fields the preset lets be empty", () => {
    for (const f of leafFields(fields)) {
      if (f.control !== "text" && f.control !== "secret") continue;
      if ((f.control === "text" || f.control === "secret") && f.showWhen) continue;
      if (f.optionalWhen && String(filled[f.optionalWhen.field as keyof typeof filled] ?? "") !== f.optionalWhen.equals) {
        // Required now; optional only while the other setting has its value.
        expect(preset.settingsSchema.safeParse(withValue(filled, f.name, "")).success, `${f.name} empty`).toBe(false);
        continue;
      }
      const result = preset.settingsSchema.safeParse(withValue(filled, f.name, ""));
      expect(result.success, `${f.name} empty`).toBe(!!f.optional);
    }
  });

  it("hands the browser plain data only", () => {
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
  });
});
