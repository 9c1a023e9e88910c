// Server side of the native connector forms: a preset reduced to the plain facts its form needs.
import { presetFor } from "@/lib/connectors/native";
import type { NativeProviderInfo } from "@/components/connectors/native/provider-info";

export function nativeProviderInfo(kind: string): NativeProviderInfo | null {
  const preset = presetFor(kind);
  if (!preset) return null;
  return {
    kind: preset.kind,
    label: preset.label,
    // A JSON round trip: the page hands this to a client component, so only plain data may cross.
    defaults: JSON.parse(JSON.stringify(preset.defaults)) as Record<string, unknown>,
    secretFields: [...preset.secretFields],
    advancedFields: [...preset.advancedFields],
    senderTypes: preset.senderTypes ? { field: preset.senderTypes.field, options: preset.senderTypes.options.map((option) => ({ ...option })) } : null,
    dlrUrlNote: preset.dlrUrlNote,
    signatureNote: preset.signatureNote,
    assumptions: [...preset.assumptions],
    signsCallbacks: typeof preset.verifyCallback === "function",
  };
}
