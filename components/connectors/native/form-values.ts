// A native connector form's values, and where the server's field errors go on it.
import { z } from "zod";
import type { FieldPath } from "react-hook-form";
import { SECRET_MASK, sendersSchema, type CallbackAuth, type ConnectorView } from "@/lib/connectors/schema";
import type { FieldIssue } from "@/lib/errors";
import { initialSettings, leafFields, type SettingField } from "@/lib/providers/fields";
import type { NativeProviderInfo } from "@/lib/providers/provider-info";

/** The form's values: a native connector's POST shape (the name stays the provider's). */
export type NativeFormValues = z.input<ReturnType<typeof nativeFormSchema>>;
export type NativeFormOutput = z.output<ReturnType<typeof nativeFormSchema>>;

/** What Save and Send Test SMS send. */
export function nativeInput(values: NativeFormValues | NativeFormOutput) {
  return {
    kind: values.kind,
    settings: values.settings,
    senders: values.senders,
    timeoutMs: values.timeoutMs,
    throughputPerSecond: values.throughputPerSecond,
  };
}

export function nativeValuesFromView(view: ConnectorView, fields: SettingField[], provider: NativeProviderInfo): NativeFormValues {
  return {
    kind: view.kind,
    // Stored settings hold every field the schema defaulted; the form fills in any it has never seen.
    settings: { ...initialSettings(fields, provider.defaults), ...structuredClone(view.settings ?? {}) },
    senders: view.senders.map((sender) => ({ ...sender })),
    timeoutMs: view.timeoutMs,
    throughputPerSecond: view.throughputPerSecond,
  };
}

export function newNativeValues(provider: NativeProviderInfo, fields: SettingField[]): NativeFormValues {
  return {
    kind: provider.kind,
    settings: initialSettings(fields, provider.defaults),
    senders: [{ name: "", type: "transactional", default: true }],
    timeoutMs: 5000,
    throughputPerSecond: 50,
  };
}

export const nativePath = (path: string) => path as FieldPath<NativeFormValues>;

/**
 * What the browser can check before a save: senders and limits with the shared schemas, and that every
 * required provider field has a value. Formats (an Account SID's shape, a Twilio long code …) are the
 * preset's to judge, on the server; its messages come back under the same fields.
 */
export function nativeFormSchema(fields: SettingField[]) {
  return z.object({
    kind: z.string(),
    settings: z.record(z.string(), z.unknown()).superRefine((settings, ctx) => {
      for (const field of leafFields(fields)) {
        if (field.optional || (field.control !== "text" && field.control !== "secret")) continue;
        if ((field.control === "text" || field.control === "secret") && field.showWhen && valueAt(settings, field.showWhen.field) !== field.showWhen.equals) continue;
        if (field.optionalWhen && valueAt(settings, field.optionalWhen.field) === field.optionalWhen.equals) continue;
        const value = valueAt(settings, field.name);
        if (typeof value !== "string" || (value.trim() === "" && value !== SECRET_MASK)) {
          ctx.addIssue({ code: "custom", path: field.name.split("."), message: `${field.label} is required` });
        }
      }
    }),
    senders: sendersSchema,
    timeoutMs: z
      .number({ message: "Timeout must be a number" })
      .int("Timeout must be a whole number of milliseconds")
      .min(100, "Timeout must be at least 100 ms")
      .max(60_000, "Timeout must be at most 60000 ms"),
    throughputPerSecond: z
      .number({ message: "Throughput must be a number" })
      .int("Throughput must be a whole number")
      .min(1, "Throughput must be at least 1 message per second")
      .max(10_000, "Throughput must be at most 10000 messages per second"),
  });
}

function valueAt(settings: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), settings);
}

const ARRAYS = new Set(["senders"]);
const TOP_LEVEL = /^(senders(\.\d+\.(name|type))?|timeoutMs|throughputPerSecond)$/;

/**
 * Where a native form shows a server error: `settings.accountSid`, `senders.0.name`, a list's item
 * (`settings.deliveryReport.successValues.1`) on the list, `senders` on the senders' `root`; null for the banner.
 */
export function nativeErrorPlacement(fields: SettingField[]): (field: string) => FieldPath<NativeFormValues> | null {
  const leaves = new Map(leafFields(fields).map((field) => [`settings.${field.name}`, field]));
  return (field) => {
    const path = placeOf(field, leaves);
    return path === null ? null : nativePath(ARRAYS.has(path) ? `${path}.root` : path);
  };
}

/** A banner line; `kind` is not a field the user sees, so its message stands alone. */
export function nativeIssueText(issue: FieldIssue): string {
  return issue.field && issue.field !== "kind" ? `${issue.field}: ${issue.message}` : issue.message;
}

function placeOf(field: string, leaves: Map<string, SettingField>): string | null {
  if (TOP_LEVEL.test(field)) return field;
  if (leaves.has(field)) return field;
  // A list's item (`…successValues.2`) goes to the list.
  const list = field.replace(/\.\d+$/, "");
  if (leaves.get(list)?.control === "list") return list;
  return null;
}

export function callbackAuthFromView(view: ConnectorView): CallbackAuth {
  return { ...view.deliveryTracking.authentication };
}
