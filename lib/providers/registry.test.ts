import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { buildRequest, validateRequestTemplates } from "@/lib/connectors/request";
import { requestWarnings } from "@/lib/connectors/warnings";
import { SECRET_MASK, connectorInputSchema, deliveryTrackingSchema, requestSchema, responseSchema } from "@/lib/connectors/schema";
import { NATIVE_KINDS, PRESETS, buildNativeConfig, isNativeKind, presetFor } from "./registry";
import { SAMPLE_SETTINGS, SAMPLE_VARS } from "./test-helpers";

describe("preset registry", () => {
  it("has one preset per native kind, under its own kind", () => {
    expect(Object.keys(PRESETS)).toEqual([...NATIVE_KINDS]);
    for (const kind of NATIVE_KINDS) expect(presetFor(kind).kind).toBe(kind);
  });

  it("knows only the native kinds", () => {
    expect(presetFor("custom")).toBeNull();
    expect(presetFor("__proto__")).toBeNull();
    expect(isNativeKind("ics-mobile")).toBe(true);
    expect(isNativeKind("Twilio")).toBe(false);
  });

  it("validates settings before building", () => {
    expect(buildNativeConfig("sinch", SAMPLE_SETTINGS.sinch).request.url).toBe("https://eu.sms.api.sinch.com/xms/v1/plan123/batches");
    expect(() => buildNativeConfig("sinch", { region: "eu" })).toThrow(ZodError);
  });
});

describe.each(NATIVE_KINDS)("%s preset", (kind) => {
  const preset = presetFor(kind);
  const settings = preset.settingsSchema.parse(SAMPLE_SETTINGS[kind]);
  const config = preset.buildConfig(settings);

  it("is a configuration a custom connector could save as is", () => {
    expect(requestSchema.parse(config.request)).toEqual(config.request);
    expect(responseSchema.parse(config.response)).toEqual(config.response);
    expect(deliveryTrackingSchema.parse(config.deliveryTracking)).toEqual(config.deliveryTracking);
    expect(validateRequestTemplates(config.request)).toEqual([]);
    const connector = connectorInputSchema.parse({ name: preset.label, senders: [{ name: "ACME", type: "transactional" }], ...config });
    expect(connector.request).toEqual(config.request);
  });

  it("masks every secret in the request inspector copy", () => {
    const { request, masked } = buildRequest(config, SAMPLE_VARS);
    const text = JSON.stringify(masked);
    for (const field of preset.secretFields) {
      const secret = String(settings[field]);
      if (secret === "") continue; // an optional secret left empty (Twilio's API key secret with the auth token)
      expect(JSON.stringify(request)).toContain(kind === "twilio" ? "Basic " : secret);
      expect(text).not.toContain(secret);
    }
    for (const [name, value] of Object.entries(request.headers)) if (/authorization|api-key/i.test(name)) expect(text).not.toContain(value);
  });

  it("names real settings fields and agrees with the schema's defaults", () => {
    const keys = Object.keys(settings);
    for (const field of [...preset.secretFields, ...preset.advancedFields, ...(preset.senderTypes ? [preset.senderTypes.field] : [])]) expect(keys).toContain(field);
    const required = Object.fromEntries(Object.entries(SAMPLE_SETTINGS[kind]).filter(([key]) => !(key in preset.defaults)));
    expect(preset.settingsSchema.parse(required)).toMatchObject(preset.defaults);
  });

  it("accepts the secret mask in secret fields, so a form saved without retyping them validates", () => {
    const masked = { ...SAMPLE_SETTINGS[kind], ...Object.fromEntries(preset.secretFields.map((field) => [field, SECRET_MASK])) };
    expect(preset.settingsSchema.safeParse(masked).success).toBe(true);
  });

  it("carries the recipient and the text: nothing to warn about", () => {
    expect(requestWarnings(config.request)).toEqual([]);
  });

  it("maps the provider's message id and never needs replies without one", () => {
    expect(config.response.sentId).not.toBeNull();
    expect(config.response.allowMissingId).toBe(false);
  });

  it("explains where the DLR URL goes and how callbacks are checked", () => {
    expect(preset.dlrUrlNote.length).toBeGreaterThan(20);
    expect(preset.signatureNote.length).toBeGreaterThan(20);
    expect(config.deliveryTracking.authentication).toEqual({ type: "none" });
  });
});

describe("provider specifics", () => {
  it("verifies Twilio callbacks and normalizes Twilio's and Gupshup's reports; the others have neither", () => {
    expect(NATIVE_KINDS.filter((kind) => presetFor(kind).verifyCallback)).toEqual(["twilio"]);
    expect(NATIVE_KINDS.filter((kind) => presetFor(kind).normalizeReport)).toEqual(["twilio", "gupshup"]);
  });

  it("lists assumptions for the unverified providers", () => {
    expect(presetFor("kaleyra").assumptions.length).toBeGreaterThan(0);
    expect(presetFor("ics-mobile").assumptions.length).toBeGreaterThan(0);
    expect(presetFor("twilio").assumptions).toEqual([]);
  });
});
