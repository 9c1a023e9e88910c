// What a native connector's form shows for each setting: label, hint and control. Each provider folder
// describes its own fields, typed against its settings schema, so a renamed setting is a compile error.

export interface FieldOption {
  value: string;
  label: string;
  hint?: string;
}

type Key<S> = keyof S & string;

/** `deliveryReport.statusField`: a field inside a settings group (a nested object, not a list). */
type GroupPath<S> = {
  [K in Key<S>]: NonNullable<S[K]> extends readonly unknown[] ? never : NonNullable<S[K]> extends Record<string, unknown> ? `${K}.${Key<NonNullable<S[K]>>}` : never;
}[Key<S>];

/** A settings key, or a dotted path inside a group. */
export type SettingPath<S> = Key<S> | GroupPath<S>;

interface BaseField<S> {
  name: SettingPath<S>;
  label: string;
  hint?: string;
  optional?: boolean;
  /** Not required while another setting has this value (Twilio's auth token when an API key authenticates). */
  optionalWhen?: { field: Key<S>; equals: string };
}

export type SettingField<S = Record<string, unknown>> =
  | (BaseField<S> & { control: "text"; placeholder?: string; mono?: boolean; showWhen?: { field: Key<S>; equals: string } })
  | (BaseField<S> & { control: "secret"; showWhen?: { field: Key<S>; equals: string } })
  /** Without options: the preset's sender types (Twilio's long code, short code …). */
  | (BaseField<S> & { control: "select"; options?: FieldOption[] })
  | (BaseField<S> & { control: "list"; noun: string; placeholder?: string })
  | (BaseField<S> & { control: "group"; fields: SettingField<S>[] });

/** Declares a provider's fields in form order, checked against its settings type. */
export function defineFields<S>(fields: SettingField<S>[]): SettingField<S>[] {
  return fields;
}

export function baseUrlField<S extends { baseUrl: unknown }>(hint: string, placeholder?: string, optional = true): SettingField<S> {
  return { name: "baseUrl" as SettingPath<S>, control: "text", label: "API base URL", hint, placeholder, mono: true, optional };
}

/** Delivery reports of providers whose callbacks are not documented: where the id, status and reason sit. */
export function deliveryReportField<S extends { deliveryReport: unknown }>(): SettingField<S> {
  const at = (field: string) => `deliveryReport.${field}` as SettingPath<S>;
  return {
    name: "deliveryReport" as SettingPath<S>,
    control: "group",
    label: "Delivery report fields",
    hint: "Where the provider's delivery reports keep the message id, the status and the reason. Any status neither delivered nor pending counts as not delivered.",
    fields: [
      { name: at("messageIdField"), control: "text", label: "Message id field", mono: true },
      { name: at("statusField"), control: "text", label: "Status field", mono: true },
      { name: at("reasonField"), control: "text", label: "Failure reason field", mono: true, optional: true },
      { name: at("successValues"), control: "list", label: "Delivered statuses", noun: "delivered status", placeholder: "Add a status" },
      { name: at("pendingValues"), control: "list", label: "Pending statuses", noun: "pending status", placeholder: "Add a status", optional: true },
    ],
  };
}

/** The provider's fields, in form order; any settings field a preset names but its fields do not describe gets a plain text box. */
export function completeFields(fields: SettingField[], known: { secretFields: readonly string[]; advancedFields: readonly string[] }): SettingField[] {
  const all = [...fields];
  const described = new Set(all.map((field) => field.name));
  for (const name of [...known.secretFields, ...known.advancedFields]) {
    if (described.has(name)) continue;
    described.add(name);
    all.push(known.secretFields.includes(name) ? { name, control: "secret", label: name } : { name, control: "text", label: name, mono: true });
  }
  return all;
}

/** Every leaf setting path (groups opened), for placing the server's field errors. */
export function leafFields(fields: SettingField[]): SettingField[] {
  return fields.flatMap((field) => (field.control === "group" ? leafFields(field.fields) : [field]));
}

/** A fresh form's value of each field: the preset's default, else empty. */
export function initialSettings(fields: SettingField[], defaults: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = structuredClone(defaults);
  for (const field of fields) {
    if (settings[field.name] !== undefined) continue;
    if (field.control === "group") {
      settings[field.name] = Object.fromEntries(field.fields.map((sub) => [sub.name.split(".").pop(), sub.control === "list" ? [] : ""]));
    } else {
      settings[field.name] = field.control === "list" ? [] : "";
    }
  }
  return settings;
}
