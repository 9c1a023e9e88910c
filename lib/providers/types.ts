// What a native connector is: the custom-connector engine plus a preset that turns a short provider form
// into the request, response mapping and delivery-report mapping a custom connector would need.
import type { z } from "zod";
import type { DeliveryReport } from "@/lib/delivery/parse-callback";
import type { IncomingCallback } from "@/lib/delivery/callback-types";
import type { ResponseMapping } from "@/lib/connectors/classify";
import type { ConnectorRequest, DeliveryTracking } from "@/lib/connectors/schema";
import type { EmulationLoader } from "./emulation";
import type { SettingField } from "./fields";

/** A native connector's delivery mapping: callback checks are the preset's own (verifyCallback), never the custom ones. */
export type NativeDeliveryTracking = Omit<DeliveryTracking, "authentication"> & { authentication: { type: "none" } };

export interface PresetConfig {
  request: ConnectorRequest;
  response: ResponseMapping;
  deliveryTracking: NativeDeliveryTracking;
}

export interface SenderTypeOption {
  value: string;
  label: string;
  /** One line for the form, e.g. what the sender name must look like. */
  hint: string;
}

export type PresetSettings = Record<string, unknown>;

export interface ProviderPreset<S extends PresetSettings = PresetSettings, K extends string = string> {
  /** The connector kind and the DLR URL segment: "twilio", "ics-mobile". */
  kind: K;
  /** "Twilio" */
  label: string;
  /** The short form's fields; every message names its field so it reads well next to the input. */
  settingsSchema: z.ZodType<S>;
  /** Encrypted at rest and masked in responses. Names of settings fields (definePreset checks them). */
  secretFields: readonly string[];
  /** What the form starts with (the schema applies the same defaults). */
  defaults: Partial<S>;
  /** Fields to fold under "Advanced" (base URL overrides, field names of unverified APIs). */
  advancedFields: readonly string[];
  /** The provider's kinds of sender, offered as the options of `field` (Twilio: long code, short code …). */
  senderTypes?: { field: string; options: readonly SenderTypeOption[] };
  /** Why a sender name cannot work with these settings (a Twilio long code that is not E.164), or null. */
  checkSender?(sender: string, settings: S): string | null;
  /** The engine configuration this preset stands for: what a custom connector would need to do the same. */
  buildConfig(settings: S): PresetConfig;
  /** Provider-specific callback check (Twilio's X-Twilio-Signature): a rejection reason, or null. */
  verifyCallback?(callback: IncomingCallback, settings: S): string | null;
  /** Reports that come in more than one shape (Gupshup GET vs POST arrays) become the shape the mapping reads. */
  normalizeReport?(report: DeliveryReport): DeliveryReport;
  /** Where the DLR URL goes: sent with each message, or pasted in the provider's console. */
  dlrUrlNote: string;
  /** Whether callbacks are signed and verified. */
  signatureNote: string;
  /** Facts that are uncertain; each is an editable setting or a default the admin can change. */
  assumptions: readonly string[];
}

type SettingsKey<S> = keyof S & string;

/**
 * Declares a preset and checks that the field lists name real settings fields. The lists are plain strings
 * in ProviderPreset so that any preset fits the registry's ProviderPreset<PresetSettings>.
 */
export function definePreset<S extends PresetSettings, K extends string>(
  preset: ProviderPreset<S, K> & {
    secretFields: readonly SettingsKey<S>[];
    advancedFields: readonly SettingsKey<S>[];
    senderTypes?: { field: SettingsKey<S>; options: readonly SenderTypeOption[] };
  },
): ProviderPreset<S, K> {
  return preset;
}

/** The provider's mark in lists and headers: its initials on its colour. */
export interface ProviderMark {
  text: string;
  background: string;
  foreground: string;
}

/** Everything about one native provider; lib/providers/registry.ts lists them. */
export interface NativeProvider<S extends PresetSettings = PresetSettings, K extends string = string> {
  preset: ProviderPreset<S, K>;
  /** The form's fields, typed against the settings. */
  fields: SettingField<S>[];
  mark: ProviderMark;
  /** How the fake SMS provider imitates this one (tools/fake-provider); loaded only when it asks. */
  emulation?: EmulationLoader;
}

export function defineProvider<S extends PresetSettings, K extends string>(provider: NativeProvider<S, K>): NativeProvider<S, K> {
  return provider;
}
