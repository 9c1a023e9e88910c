// Native connectors (Twilio, Sinch, Gupshup, Kaleyra, ICS Mobile): the admin fills the provider's short
// form; its preset turns the settings into the request, response mapping and delivery mapping of the
// ordinary engine, so sending and delivery tracking take exactly the custom connectors' path.
import { z } from "zod";
import { ValidationError, type FieldIssue } from "@/lib/errors";
import { decryptSecret, encryptSecret, encryptionKey } from "@/lib/security/secrets";
import { zodIssues } from "@/lib/validation";
import { NATIVE_KINDS, presetFor, type NativeKind, type PresetConfig } from "./registry";
import { callbackAuthSchema, maxSegmentsSchema, SECRET_MASK, senderSchema } from "@/lib/connectors/schema";

export const nativeConnectorInputSchema = z.object({
  kind: z.enum(NATIVE_KINDS, { message: `kind must be custom or one of ${NATIVE_KINDS.join(", ")}` }),
  name: z.string().trim().min(1, "Connector name is required").max(100, "Must be at most 100 characters").optional(),
  senders: z.array(senderSchema).max(50),
  settings: z.record(z.string(), z.unknown(), { message: "settings must be an object of the provider's fields" }),
  /** Optional shared-secret check on top of (or instead of, where the provider signs nothing) the provider's own. */
  callbackAuthentication: callbackAuthSchema.optional(),
  timeoutMs: z.coerce.number().int().min(100, "Timeout must be at least 100 ms").max(60_000, "Timeout must be at most 60000 ms").default(5000),
  throughputPerSecond: z.coerce.number().int().min(1, "Throughput must be at least 1 message per second").max(10_000).default(50),
  maxSegments: maxSegmentsSchema.optional(),
});
export type NativeConnectorInput = z.infer<typeof nativeConnectorInputSchema>;

/** Settings as stored: secret fields sealed. */
export type StoredSettings = Record<string, unknown>;

export interface PreparedNative {
  settings: Record<string, unknown>;
  sealedSettings: StoredSettings;
  config: PresetConfig;
}

/**
 * Validates a native connector's settings and builds its engine configuration. A secret sent back as the
 * mask keeps the stored value; senders are checked against the provider's rules (Twilio long codes are E.164 …).
 */
export function prepareNative(kind: NativeKind, rawSettings: Record<string, unknown>, senders: Array<{ name: string }>, stored: StoredSettings | null): PreparedNative {
  const preset = presetFor(kind);
  const key = encryptionKey();
  const issues: FieldIssue[] = [];
  const merged: Record<string, unknown> = { ...preset.defaults, ...rawSettings };
  for (const field of preset.secretFields) {
    const kept = stored?.[field];
    if (merged[field] === SECRET_MASK) {
      if (typeof kept === "string" && kept !== "") merged[field] = decryptSecret(kept, key);
      else issues.push({ field: `settings.${field}`, message: "Enter this secret" });
    }
  }
  const parsed = preset.settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const reported = new Set(issues.map((issue) => issue.field));
    const missingSecret = (field: string) => !stored && preset.secretFields.includes(field) && (merged[field] === undefined || merged[field] === "");
    issues.push(
      ...zodIssues(parsed.error)
        .filter((issue) => !reported.has(`settings.${issue.field}`))
        // A secret the settings need but do not have, on a new connector: an import of an export, most likely.
        .map((issue) =>
          missingSecret(issue.field)
            ? { field: `settings.${issue.field}`, message: "Enter this secret (exports leave secret values out, so an imported connector needs them again)" }
            : { ...issue, field: `settings.${issue.field}` },
        ),
    );
  }
  if (issues.length || !parsed.success) throw new ValidationError(issues);
  const settings = parsed.data;
  senders.forEach((sender, index) => {
    const problem = preset.checkSender?.(sender.name, settings);
    if (problem) issues.push({ field: `senders.${index}.name`, message: problem });
  });
  if (issues.length) throw new ValidationError(issues);

  const sealedSettings: StoredSettings = { ...settings };
  for (const field of preset.secretFields) {
    const value = settings[field];
    if (typeof value === "string" && value !== "") sealedSettings[field] = encryptSecret(value, key);
  }
  return { settings, sealedSettings, config: preset.buildConfig(settings) };
}

export function maskSettings(kind: string, stored: StoredSettings): StoredSettings {
  const preset = presetFor(kind);
  if (!preset) return stored;
  const masked = { ...stored };
  for (const field of preset.secretFields) if (typeof masked[field] === "string" && masked[field] !== "") masked[field] = SECRET_MASK;
  return masked;
}

/** The settings with secret values left out, for export (an import asks for them again). */
export function stripSettingsSecrets(kind: string, stored: StoredSettings): StoredSettings {
  const preset = presetFor(kind);
  if (!preset) return stored;
  return { ...stored, ...Object.fromEntries(preset.secretFields.map((field) => [field, ""])) };
}

export function unsealSettings(kind: string, stored: StoredSettings): StoredSettings {
  const preset = presetFor(kind);
  if (!preset) return stored;
  const key = encryptionKey();
  const plain = { ...stored };
  for (const field of preset.secretFields) {
    const value = plain[field];
    if (typeof value === "string" && value !== "") plain[field] = decryptSecret(value, key);
  }
  return plain;
}

/** What the screen says about a provider: where the DLR URL goes, whether callbacks are signed, what is assumed. */
export function nativeNotes(kind: string) {
  const preset = presetFor(kind);
  if (!preset) return null;
  return { label: preset.label, dlrUrlNote: preset.dlrUrlNote, signatureNote: preset.signatureNote, assumptions: [...preset.assumptions] };
}
