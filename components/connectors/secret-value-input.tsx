"use client";
// The value box of a key/value row: a template with the `@` placeholder picker. Secret rows are password fields
// (no picker); a stored secret arrives as the mask and is shown as an empty box with "Unchanged": leaving it empty
// sends the mask back, which keeps it.
import { useRef } from "react";
import { useController, useFormContext } from "react-hook-form";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { Input } from "@/components/ui/input";
import { PlaceholderInput, usePlaceholderOptions } from "@/components/templates/placeholder-picker";
import { errorMessage } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";

type ValuePath = `request.params.${number}.value` | `request.headers.${number}.value` | `request.body.fields.${number}.value`;

export function RowValueInput({ name, secret, label, placeholder, describedBy }: { name: ValuePath; secret: boolean; label: string; placeholder?: string; describedBy?: string }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const { field, fieldState } = useController({ control, name });
  const value = typeof field.value === "string" ? field.value : "";
  // Whether this row came from the server with a stored secret: clearing the box then means "keep it".
  const hadStoredSecret = useRef(value === SECRET_MASK);
  const invalid = !!errorMessage(fieldState.error);
  const options = usePlaceholderOptions();

  if (!secret) {
    return (
      <PlaceholderInput
        fieldRef={field.ref}
        name={field.name}
        value={value}
        onValueChange={field.onChange}
        options={options}
        onBlur={field.onBlur}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        autoComplete="off"
        className="font-mono text-[13px]"
      />
    );
  }
  const kept = value === SECRET_MASK;
  return (
    <Input
      ref={field.ref}
      type="password"
      name={field.name}
      value={kept ? "" : value}
      onChange={(event) => field.onChange(event.target.value === "" && hadStoredSecret.current ? SECRET_MASK : event.target.value)}
      onBlur={field.onBlur}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      placeholder={kept ? "Unchanged (saved secret)" : "Enter the secret value"}
      autoComplete="new-password"
      data-1p-ignore
      data-lpignore="true"
      className="font-mono text-[13px]"
    />
  );
}
