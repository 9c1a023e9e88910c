"use client";
// Sender rows: name, type, which one is the default. The default cannot be removed.
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { SENDER_TYPES } from "@/lib/connectors/schema";
import { Button, IconButton } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Input, Select } from "@/components/ui/input";
import { errorMessage } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";
import { useReadOnly } from "./read-only";

const TYPE_LABELS: Record<(typeof SENDER_TYPES)[number], string> = { promotional: "Promotional", transactional: "Transactional" };

export function SendersField() {
  const { control, register, setValue, formState } = useFormContext<ConnectorFormValues>();
  const readOnly = useReadOnly();
  const grid = readOnly ? "grid grid-cols-[minmax(0,1fr)_11rem_5rem] items-center gap-2" : "grid grid-cols-[minmax(0,1fr)_11rem_5rem_2rem] items-center gap-2";
  const { fields, append, remove } = useFieldArray({ control, name: "senders" });
  const senders = useWatch({ control, name: "senders" }) ?? [];
  const errors = formState.errors.senders;
  const listError = errorMessage(errors?.root) ?? errorMessage(errors);

  const makeDefault = (index: number) =>
    senders.forEach((_, i) => setValue(`senders.${i}.default`, i === index, { shouldDirty: true }));

  return (
    <div>
      <div role="group" aria-label="Senders" className="space-y-2">
        <div className={`${grid} px-0.5 text-xs font-medium text-slate-500`} aria-hidden="true">
          <span>Sender name</span>
          <span>Sender type</span>
          <span className="text-center">Default</span>
          {!readOnly && <span />}
        </div>
        {fields.map((field, index) => {
          const n = index + 1;
          const isDefault = !!senders[index]?.default;
          const rowErrors = errors?.[index];
          const nameError = errorMessage(rowErrors?.name);
          const typeError = errorMessage(rowErrors?.type);
          return (
            <div key={field.id}>
              <div className={grid}>
                <Input
                  {...register(`senders.${index}.name`)}
                  aria-label={`Sender ${n} name`}
                  aria-invalid={!!nameError || undefined}
                  aria-describedby={nameError ? `sender-${index}-error` : undefined}
                  placeholder="e.g. ACME or +46701234567"
                  autoComplete="off"
                />
                <Select {...register(`senders.${index}.type`)} aria-label={`Sender ${n} type`} aria-invalid={!!typeError || undefined}>
                  {SENDER_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </Select>
                <div className="flex justify-center">
                  <input
                    type="radio"
                    name="default-sender"
                    checked={isDefault}
                    onChange={() => makeDefault(index)}
                    aria-label={`Sender ${n} default`}
                    className="size-4 accent-indigo-600"
                  />
                </div>
                {!readOnly && (
                  <IconButton
                    danger={!isDefault}
                    label={isDefault ? `Sender ${n} is the default and cannot be removed` : `Remove sender ${n}`}
                    title={isDefault ? "The default sender cannot be removed. Make another sender the default first." : undefined}
                    aria-disabled={isDefault || undefined}
                    aria-describedby={isDefault ? "default-sender-note" : undefined}
                    onClick={() => {
                      if (!isDefault) remove(index);
                    }}
                  >
                    <TrashIcon />
                  </IconButton>
                )}
              </div>
              {(nameError || typeError) && (
                <div id={`sender-${index}-error`}>
                  <FieldError message={nameError ?? typeError} />
                </div>
              )}
            </div>
          );
        })}
      </div>
      <FieldError message={listError} />
      {!readOnly && (
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <Button
            size="sm"
            variant="ghost"
            className="-ml-2 text-indigo-700 hover:text-indigo-800"
            onClick={() => append({ name: "", type: "transactional", default: fields.length === 0 })}
          >
            <PlusIcon className="size-3.5" />
            Add sender
          </Button>
          <p id="default-sender-note" className="text-xs text-slate-500">
            The default sender is used when a send names none. It cannot be removed: make another sender the default first.
          </p>
        </div>
      )}
    </div>
  );
}
