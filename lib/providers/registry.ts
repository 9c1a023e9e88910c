// The native providers. Adding one means a folder beside these (preset, fields, mark, emulation) and one
// line in PROVIDERS; kinds, names, marks and form fields everywhere derive from this list.
import type { SettingField } from "./fields";
import { gupshup } from "./gupshup";
import { icsMobile } from "./ics-mobile";
import { kaleyra } from "./kaleyra";
import { sinch } from "./sinch";
import { twilio } from "./twilio";
import type { NativeProvider, ProviderMark, ProviderPreset } from "./types";

export type { NativeDeliveryTracking, PresetConfig, ProviderPreset, SenderTypeOption } from "./types";

export const PROVIDERS = [twilio, sinch, gupshup, kaleyra, icsMobile] as const;

export type NativeKind = (typeof PROVIDERS)[number]["preset"]["kind"];
export const NATIVE_KINDS = PROVIDERS.map((provider) => provider.preset.kind) as [NativeKind, ...NativeKind[]];

/** Looked up by kind, typed loosely: settings from storage or a form go through `settingsSchema` first. */
const BY_KIND = new Map(
  PROVIDERS.map((provider): [string, NativeProvider] => [provider.preset.kind, { preset: provider.preset, fields: provider.fields, mark: provider.mark }]),
);

export function isNativeKind(kind: string): kind is NativeKind {
  return BY_KIND.has(kind);
}

export function providerFor(kind: string): NativeProvider | null {
  return BY_KIND.get(kind) ?? null;
}

/**
 * The preset of a native kind, typed loosely: settings come from storage or a form and must go through
 * `settingsSchema` before `buildConfig` (parse, then build, as `buildNativeConfig` does).
 */
export function presetFor(kind: NativeKind): ProviderPreset;
export function presetFor(kind: string): ProviderPreset | null;
export function presetFor(kind: string): ProviderPreset | null {
  return BY_KIND.get(kind)?.preset ?? null;
}

/** Validates raw settings and builds the engine configuration; throws the schema's ZodError on bad input. */
/** The presets by kind (tests and tools that go over every provider). */
export const PRESETS = Object.fromEntries([...BY_KIND].map(([kind, provider]) => [kind, provider.preset])) as Record<NativeKind, ProviderPreset>;

export function buildNativeConfig(kind: NativeKind, settings: unknown) {
  const preset = presetFor(kind);
  return preset.buildConfig(preset.settingsSchema.parse(settings));
}

/** What the connector list shows of each provider. */
export interface NativeProviderSummary {
  kind: NativeKind;
  label: string;
  mark: ProviderMark;
}

export function nativeProviderSummaries(): NativeProviderSummary[] {
  return PROVIDERS.map((provider) => ({ kind: provider.preset.kind, label: provider.preset.label, mark: { ...provider.mark } }));
}

export function fieldsOf(kind: string): SettingField[] {
  return BY_KIND.get(kind)?.fields ?? [];
}
