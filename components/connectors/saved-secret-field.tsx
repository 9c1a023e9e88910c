"use client";
// A password field for a secret the server keeps encrypted: a saved secret arrives as the mask and is shown as
// an empty box with "Unchanged"; leaving it empty sends the mask back, which keeps the saved value.
import { useRef, type Ref } from "react";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface SecretFieldControl {
  name: string;
  value: unknown;
  ref: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
  onBlur: () => void;
}

export function SavedSecretField(props: {
  id: string;
  label: string;
  field: SecretFieldControl;
  error?: string;
  /** Shown while no secret is saved yet. */
  hint?: string;
  readOnly?: boolean;
  className?: string;
}) {
  const { id, label, field, error, readOnly, className } = props;
  const value = typeof field.value === "string" ? field.value : "";
  // Whether a saved secret came from the server: clearing the box then means "keep it".
  const stored = useRef(value === SECRET_MASK);
  if (value === SECRET_MASK) stored.current = true;
  const kept = value === SECRET_MASK;
  const hint = kept ? (readOnly ? "Saved and encrypted." : "Saved and encrypted. Leave empty to keep it, or type a new one.") : props.hint;
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <Input
        id={id}
        ref={field.ref}
        type="password"
        name={field.name}
        value={kept ? "" : value}
        onChange={(event) => field.onChange(event.target.value === "" && stored.current ? SECRET_MASK : event.target.value)}
        onBlur={field.onBlur}
        placeholder={kept ? "Unchanged (saved secret)" : "Enter the secret"}
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy(id, { error, hint })}
        autoComplete="new-password"
        data-1p-ignore
        data-lpignore="true"
        className="font-mono text-[13px]"
      />
    </Field>
  );
}
