"use client";
// Ordered key/value rows (URL parameters, headers, form and JSON body fields): add, remove, reorder, mark secret.
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { JSON_VALUE_TYPES, SECRET_MASK } from "@/lib/connectors/schema";
import { Button, IconButton } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { FieldError } from "@/components/ui/field";
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { errorMessage } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";
import { useReadOnly } from "./read-only";
import { RowValueInput } from "./secret-value-input";

type RowsName = "request.params" | "request.headers" | "request.body.fields";

interface Row {
  key?: string;
  value?: string;
  secret?: boolean;
  valueType?: string;
}

export function KeyValueRows({
  name,
  noun,
  keyPlaceholder,
  valuePlaceholder,
  json = false,
  emptyText,
}: {
  name: RowsName;
  /** "URL parameter", "Header", "Body field": used in labels and buttons. */
  noun: string;
  keyPlaceholder: string;
  valuePlaceholder: string;
  /** JSON body rows: the key is a path and each row has a value type. */
  json?: boolean;
  emptyText: string;
}) {
  const { control, register, getValues, setValue, formState } = useFormContext<ConnectorFormValues>();
  const readOnly = useReadOnly();
  // The three row lists share one shape (JSON rows add valueType), so they are typed as the params list.
  const { fields, append, remove, move } = useFieldArray({ control, name: name as "request.params" });
  const rows = (useWatch({ control, name: name as "request.params" }) ?? []) as Row[];
  const rowErrors = pick(formState.errors, name) as Record<string, Record<string, unknown>> | undefined;
  const rootError = errorMessage(rowErrors?.root) ?? errorMessage(rowErrors);
  // "Header" reads "header" mid-sentence; "URL parameter" and "JSON field" keep their capitals.
  const lower = /^[A-Z][a-z]/.test(noun) ? noun[0].toLowerCase() + noun.slice(1) : noun;
  // Whole class names, so Tailwind finds them: key, value, [type], secret, [row actions]. Below `sm` a row
  // stacks: key, then value, then type, secret and the row actions side by side.
  const grid = json
    ? readOnly
      ? "grid-cols-[7.5rem_minmax(0,1fr)] sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_7.5rem_4rem]"
      : "grid-cols-[7.5rem_minmax(0,1fr)_auto] sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_7.5rem_4rem_6.5rem]"
    : readOnly
      ? "grid-cols-1 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_4rem]"
      : "grid-cols-[minmax(0,1fr)_auto] sm:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_4rem_6.5rem]";

  return (
    <div>
      {fields.length > 0 ? (
        <div role="group" aria-label={`${noun}s`} className="space-y-2">
          <div className={cx("hidden gap-2 px-0.5 text-xs font-medium text-slate-600 sm:grid", grid)} aria-hidden="true">
            <span>{json ? "Key or path" : noun === "Header" ? "Name" : "Key"}</span>
            <span>Value</span>
            {json && <span>Type</span>}
            <span className="text-center">Secret</span>
            {!readOnly && <span />}
          </div>
          {fields.map((field, index) => {
            const n = index + 1;
            const secret = !!rows[index]?.secret;
            const errors = rowErrors?.[index] as Record<string, unknown> | undefined;
            const keyError = errorMessage(errors?.key);
            const valueError = errorMessage(errors?.value) ?? errorMessage(errors?.valueType);
            const errorId = `${name}-${index}-error`;
            return (
              <div key={field.id} className="border-b border-slate-100 pb-3 last:border-0 sm:border-0 sm:pb-0">
                <div className={cx("grid items-center gap-2", grid)}>
                  <Input
                    {...register(`${name}.${index}.key` as "request.params.0.key")}
                    aria-label={`${noun} ${n} ${json ? "key or path" : noun === "Header" ? "name" : "key"}`}
                    aria-invalid={!!keyError || undefined}
                    aria-describedby={keyError ? errorId : undefined}
                    placeholder={keyPlaceholder}
                    autoComplete="off"
                    className="col-span-full font-mono text-[13px] sm:col-span-1"
                  />
                  <div className="col-span-full min-w-0 sm:col-span-1">
                    <RowValueInput
                      name={`${name}.${index}.value` as "request.params.0.value"}
                      secret={secret}
                      label={`${noun} ${n} value`}
                      placeholder={valuePlaceholder}
                      describedBy={valueError ? errorId : undefined}
                    />
                  </div>
                  {json && (
                    <Select {...register(`request.body.fields.${index}.valueType`)} aria-label={`${noun} ${n} value type`}>
                      {JSON_VALUE_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </Select>
                  )}
                  <label className="flex items-center gap-1.5 sm:justify-center">
                    <Checkbox
                      {...register(`${name}.${index}.secret` as "request.params.0.secret", {
                        onChange: (event: { target: { checked: boolean } }) => {
                          // The mask is not a value: un-marking a stored secret means typing a new, visible one.
                          const valuePath = `${name}.${index}.value` as "request.params.0.value";
                          if (!event.target.checked && getValues(valuePath) === SECRET_MASK) setValue(valuePath, "", { shouldDirty: true });
                        },
                      })}
                      aria-label={`${noun} ${n} secret`}
                    />
                    <span aria-hidden="true" className="text-xs text-slate-600 sm:hidden">
                      Secret
                    </span>
                  </label>
                  {!readOnly && (
                    <div className="flex justify-end">
                      <IconButton label={`Move ${lower} ${n} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>
                        <ArrowUpIcon />
                      </IconButton>
                      <IconButton label={`Move ${lower} ${n} down`} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)}>
                        <ArrowDownIcon />
                      </IconButton>
                      <IconButton label={`Remove ${lower} ${n}`} onClick={() => remove(index)} danger>
                        <TrashIcon />
                      </IconButton>
                    </div>
                  )}
                </div>
                {(keyError || valueError) && (
                  <div id={errorId} className={cx("grid gap-2", grid)}>
                    <div className="col-span-full sm:col-span-1">
                      <FieldError message={keyError} />
                    </div>
                    <div className="col-span-full sm:col-span-1">
                      <FieldError message={valueError} />
                    </div>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      ) : (
        <p className="rounded-md border border-dashed border-slate-200 px-3 py-3 text-sm text-slate-500">{emptyText}</p>
      )}
      <FieldError message={rootError} />
      {!readOnly && (
        <Button
          size="sm"
          variant="ghost"
          className="mt-2 -ml-2 text-indigo-700 hover:text-indigo-800"
          onClick={() => append((json ? { key: "", value: "", secret: false, valueType: "string" } : { key: "", value: "", secret: false }) as never)}
        >
          <PlusIcon className="size-3.5" />
          Add {lower}
        </Button>
      )}
    </div>
  );
}

/** The value at a dotted path (`request.body.fields`) of a nested object. */
export function pick(source: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), source);
}
