// What the browser knows about a native connector's provider. The presets themselves run on the server
// only (they sign and encrypt); the page turns one into this plain object, and the form's fields add the
// labels and hints the presets do not carry.

export interface NativeSenderTypeOption {
  value: string;
  label: string;
  hint: string;
}

export interface NativeProviderInfo {
  kind: string;
  /** "Twilio" */
  label: string;
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

export const NEW_NATIVE_PREFIX = "new-";

/** `?connector=new-twilio` → "twilio"; null for anything else. */
export function newNativeKind(selectedId: string | null): string | null {
  return selectedId?.startsWith(NEW_NATIVE_PREFIX) ? selectedId.slice(NEW_NATIVE_PREFIX.length) : null;
}
