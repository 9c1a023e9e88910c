// What the browser knows about a native provider: the preset reduced to plain facts, plus its form fields
// and mark. The presets themselves run on the server only (they sign and encrypt); pages hand this to
// client components.
import { completeFields, type SettingField } from "./fields";
import { providerFor } from "./registry";
import type { ProviderMark } from "./types";

export interface NativeSenderTypeOption {
  value: string;
  label: string;
  hint: string;
}

export interface NativeProviderInfo {
  kind: string;
  /** "Twilio" */
  label: string;
  mark: ProviderMark;
  /** The form's fields in order (any secret or advanced setting the fields do not describe gets a plain box). */
  fields: SettingField[];
  /** The form's starting values (the settings schema applies the same defaults). */
  defaults: Record<string, unknown>;
  /** Password inputs; sent back masked, and the mask keeps the saved value. */
  secretFields: string[];
  /** Folded under "Advanced". */
  advancedFields: string[];
  senderTypes: { field: string; options: NativeSenderTypeOption[] } | null;
  dlrUrlNote: string;
  signatureNote: string;
  /** Uncertain facts about the provider's API, shown beside the Advanced fields. */
  assumptions: string[];
  /** The provider signs its callbacks and Switchboard verifies them (Twilio). */
  signsCallbacks: boolean;
}

export function nativeProviderInfo(kind: string): NativeProviderInfo | null {
  const provider = providerFor(kind);
  if (!provider) return null;
  const { preset } = provider;
  // A JSON round trip: the page hands this to a client component, so only plain data may cross.
  const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    kind: preset.kind,
    label: preset.label,
    mark: { ...provider.mark },
    fields: plain(completeFields(provider.fields, preset)),
    defaults: plain(preset.defaults) as Record<string, unknown>,
    secretFields: [...preset.secretFields],
    advancedFields: [...preset.advancedFields],
    senderTypes: preset.senderTypes ? { field: preset.senderTypes.field, options: preset.senderTypes.options.map((option) => ({ ...option })) } : null,
    dlrUrlNote: preset.dlrUrlNote,
    signatureNote: preset.signatureNote,
    assumptions: [...preset.assumptions],
    signsCallbacks: typeof preset.verifyCallback === "function",
  };
}
