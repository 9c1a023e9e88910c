// The native connectors: one preset per provider, looked up by the connector's kind.
import { gupshupPreset } from "./gupshup";
import { icsMobilePreset } from "./ics-mobile";
import { kaleyraPreset } from "./kaleyra";
import { sinchPreset } from "./sinch";
import { twilioPreset } from "./twilio";
import { NATIVE_KINDS, type NativeKind, type ProviderPreset } from "./types";

export { NATIVE_KINDS };
export type { NativeDeliveryTracking, NativeKind, PresetConfig, ProviderPreset, SenderTypeOption } from "./types";

export const PRESETS = {
  twilio: twilioPreset,
  sinch: sinchPreset,
  gupshup: gupshupPreset,
  kaleyra: kaleyraPreset,
  "ics-mobile": icsMobilePreset,
} satisfies Record<NativeKind, ProviderPreset>;

export function isNativeKind(kind: string): kind is NativeKind {
  return (NATIVE_KINDS as readonly string[]).includes(kind);
}

/**
 * The preset of a native kind, typed loosely: settings come from storage or a form and must go through
 * `settingsSchema` before `buildConfig` (parse, then build, as `buildNativeConfig` does).
 */
export function presetFor(kind: NativeKind): ProviderPreset;
export function presetFor(kind: string): ProviderPreset | null;
export function presetFor(kind: string): ProviderPreset | null {
  if (!isNativeKind(kind)) return null;
  const preset: ProviderPreset = PRESETS[kind];
  return preset;
}

/** Validates raw settings and builds the engine configuration; throws the schema's ZodError on bad input. */
export function buildNativeConfig(kind: NativeKind, settings: unknown) {
  const preset = presetFor(kind);
  return preset.buildConfig(preset.settingsSchema.parse(settings));
}
