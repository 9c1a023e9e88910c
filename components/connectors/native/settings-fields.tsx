"use client";
// One native connector setting as a form control: text, password (masked when saved), select, a list of
// values, or a group of them. Errors come from the server, placed by form-values.ts.
import { SavedSecretField } from "../saved-secret-field";
import { useRef } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { ChipsInput } from "@/components/ui/chips-input";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { errorMessage } from "@/components/forms/field-error";
import { useReadOnly } from "../read-only";
import { nativePath, type NativeFormValues } from "./form-values";
import type { SettingField } from "@/lib/providers/fields";
import type { NativeProviderInfo } from "@/lib/providers/provider-info";

export const settingId = (name: string) => `native-${name.replace(/\./g, "-")}`;

export function SettingControl({ field, provider, className }: { field: SettingField; provider: NativeProviderInfo; className?: string }) {
  const { control } = useFormContext<NativeFormValues>();
  const dependsOn = (field.control === "text" || field.control === "secret") && field.showWhen ? field.showWhen : null;
  const other = useWatch({ control, name: nativePath(`settings.${dependsOn?.field ?? field.name}`) });
  if (dependsOn && other !== dependsOn.equals) return null;

  if (field.control === "group") return <SettingGroup field={field} provider={provider} className={className} />;
  if (field.control === "list") return <ListSetting field={field} className={className} />;
  if (field.control === "secret" || provider.secretFields.includes(field.name)) return <SecretSetting field={field} className={className} />;
  if (field.control === "select") return <SelectSetting field={field} provider={provider} className={className} />;
  return <TextSetting field={field} className={className} />;
}

function TextSetting({ field, className }: { field: Extract<SettingField, { control: "text" }>; className?: string }) {
  const { control } = useFormContext<NativeFormValues>();
  const { field: input, fieldState } = useController({ control, name: nativePath(`settings.${field.name}`) });
  const id = settingId(field.name);
  const error = errorMessage(fieldState.error);
  return (
    <Field id={id} label={field.label} hint={field.hint} error={error} optional={field.optional} className={className}>
      <Input
        id={id}
        ref={input.ref}
        name={input.name}
        value={typeof input.value === "string" ? input.value : ""}
        onChange={input.onChange}
        onBlur={input.onBlur}
        placeholder={field.placeholder}
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy(id, { error, hint: field.hint })}
        autoComplete="off"
        spellCheck={false}
        className={cx(field.mono && "font-mono text-[13px]")}
      />
    </Field>
  );
}

/** A saved secret arrives as the mask: shown empty with "Unchanged"; leaving it empty sends the mask back, which keeps it. */
function SecretSetting({ field, className }: { field: SettingField; className?: string }) {
  const { control } = useFormContext<NativeFormValues>();
  const readOnly = useReadOnly();
  const { field: input, fieldState } = useController({ control, name: nativePath(`settings.${field.name}`) });
  return (
    <SavedSecretField
      id={settingId(field.name)}
      label={field.label}
      field={input}
      error={errorMessage(fieldState.error)}
      hint={field.hint}
      readOnly={readOnly}
      className={className}
    />
  );
}

function SelectSetting({ field, provider, className }: { field: Extract<SettingField, { control: "select" }>; provider: NativeProviderInfo; className?: string }) {
  const { control } = useFormContext<NativeFormValues>();
  const { field: input, fieldState } = useController({ control, name: nativePath(`settings.${field.name}`) });
  const options = field.options ?? (provider.senderTypes?.field === field.name ? provider.senderTypes.options : []);
  const value = typeof input.value === "string" ? input.value : "";
  const chosen = options.find((option) => option.value === value);
  const hint = chosen?.hint ?? field.hint;
  const id = settingId(field.name);
  const error = errorMessage(fieldState.error);
  return (
    <Field id={id} label={field.label} hint={hint} error={error} className={className}>
      <Select
        id={id}
        ref={input.ref}
        name={input.name}
        value={value}
        onChange={input.onChange}
        onBlur={input.onBlur}
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy(id, { error, hint })}
      >
        {!chosen && <option value={value}>{value === "" ? "Choose…" : value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function ListSetting({ field, className }: { field: Extract<SettingField, { control: "list" }>; className?: string }) {
  const { control } = useFormContext<NativeFormValues>();
  const readOnly = useReadOnly();
  const { field: input, fieldState } = useController({ control, name: nativePath(`settings.${field.name}`) });
  const values = Array.isArray(input.value) ? input.value.map(String) : [];
  const id = settingId(field.name);
  const error = errorMessage(fieldState.error);
  return (
    <Field id={id} label={field.label} hint={field.hint} error={error} optional={field.optional} className={className}>
      <ChipsInput
        id={id}
        inputRef={input.ref}
        values={values}
        onChange={input.onChange}
        noun={field.noun}
        placeholder={field.placeholder}
        disabled={readOnly}
        invalid={!!error}
        describedBy={describedBy(id, { error, hint: field.hint })}
      />
    </Field>
  );
}

function SettingGroup({ field, provider, className }: { field: Extract<SettingField, { control: "group" }>; provider: NativeProviderInfo; className?: string }) {
  return (
    <fieldset className={cx("min-w-0 rounded-lg border border-slate-200 px-4 pt-3 pb-4", className)}>
      <legend className="px-1 text-sm font-medium text-slate-800">{field.label}</legend>
      {field.hint && <p className="mb-3 text-xs text-slate-500">{field.hint}</p>}
      <div className="grid gap-x-5 gap-y-4 md:grid-cols-2">
        {field.fields.map((sub) => (
          <SettingControl key={sub.name} field={sub} provider={provider} className={sub.control === "list" ? "md:col-span-1" : undefined} />
        ))}
      </div>
    </fieldset>
  );
}
