"use client";
// The delivery-mapping form's fields: a report field picked from the latest callback or typed, the success
// and pending values with the statuses seen in callbacks, and where the send response's id comes from.
import type { ReactNode } from "react";
import { useController, useWatch, type Control } from "react-hook-form";
import type { z } from "zod";
import type { ConnectorView, deliveryTrackingSchema } from "@/lib/connectors/schema";
import type { DeliveryField, DeliveryFields } from "@/lib/delivery/tracking";
import { ChipsInput } from "@/components/ui/chips-input";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

/** The mapping form's values: the delivery-tracking schema's input. */
export type MappingValues = z.input<typeof deliveryTrackingSchema>;
/** Auto-map picks report fields from the latest callback; manual takes typed paths. */
export type MappingMode = "auto" | "manual";

/** A report field: a dropdown of the captured callback's paths (auto), or a typed path (manual). */
export function PathField({
  control,
  name,
  id,
  label,
  hint,
  optional,
  mode,
  fields,
  placeholder,
  error,
  after,
}: {
  control: Control<MappingValues>;
  name: "messageIdField" | "statusField" | "failureReasonField";
  id: string;
  label: string;
  hint: string;
  optional?: boolean;
  mode: MappingMode;
  fields: DeliveryFields | null;
  placeholder: string;
  error?: string;
  /** Shown under the field: its pattern. */
  after?: ReactNode;
}) {
  const { field } = useController({ control, name });
  const value = field.value ?? "";
  const described = describedBy(id, { hint, error });

  if (mode === "manual") {
    return (
      <div>
        <Field id={id} label={label} hint={hint} error={error} optional={optional}>
          <Input
            id={id}
            ref={field.ref}
            name={field.name}
            value={value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            placeholder={placeholder}
            aria-invalid={!!error || undefined}
            aria-describedby={described}
            autoComplete="off"
            className="font-mono text-[13px]"
          />
        </Field>
        {after}
      </div>
    );
  }

  const options = fields?.fields ?? [];
  const missing = value !== "" && !options.some((option) => option.path === value);
  return (
    <div>
      <Field id={id} label={label} hint={hint} error={error} optional={optional}>
        <Select
          id={id}
          ref={field.ref}
          name={field.name}
          value={value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          aria-invalid={!!error || undefined}
          aria-describedby={described}
          className="font-mono text-[13px]"
        >
          <option value="">{options.length ? "— Not mapped —" : "— Waiting for a callback —"}</option>
          {missing && <option value={value}>{value} (not in the recent callbacks)</option>}
          {options.map((option) => (
            <option key={option.path} value={option.path}>
              {optionLabel(option, fields?.reportCount ?? 0)}
            </option>
          ))}
        </Select>
      </Field>
      {after}
    </div>
  );
}

/**
 * `ref — cmx4… · Switchboard message id · in 3 of 20 reports`: the path, its latest value, what its values are
 * (this connector's message ids, ours or the provider's) and, when it is not in every report, how often it came.
 */
function optionLabel(option: DeliveryField, reportCount: number): string {
  const parts = [`${option.path} — ${option.sample === "" ? "(empty)" : option.sample}`];
  if (option.holds) parts.push(option.holds === "message-id" ? "Switchboard message id" : "provider message id");
  if (option.count < reportCount) parts.push(`in ${option.count} of ${reportCount} reports`);
  return parts.join(" · ");
}

/** Success or pending values: chips, plus the statuses seen in callbacks as one-click suggestions. */
export function ValuesField({
  control,
  name,
  id,
  label,
  noun,
  hint,
  optional,
  placeholder,
  suggestions,
  otherList,
  error,
  readOnly,
}: {
  control: Control<MappingValues>;
  name: "successValues" | "pendingValues";
  id: string;
  label: string;
  noun: string;
  hint: string;
  optional?: boolean;
  placeholder: string;
  suggestions: string[];
  otherList: "successValues" | "pendingValues";
  error?: string;
  readOnly: boolean;
}) {
  const { field } = useController({ control, name });
  const other = useWatch({ control, name: otherList }) ?? [];
  const values = field.value ?? [];
  const unused = suggestions.filter((value) => !values.includes(value) && !other.includes(value));
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <ChipsInput
        id={id}
        inputRef={field.ref}
        values={values}
        onChange={field.onChange}
        noun={noun}
        placeholder={placeholder}
        disabled={readOnly}
        invalid={!!error}
        describedBy={describedBy(id, { hint, error })}
      />
      {!readOnly && unused.length > 0 && (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <span className="text-xs text-slate-500">Seen in callbacks:</span>
          {unused.slice(0, 12).map((value) => (
            <button
              key={value}
              type="button"
              onClick={() => field.onChange([...values, value])}
              aria-label={`Add ${value} as a ${noun}`}
              className="inline-flex items-center gap-0.5 rounded border border-dashed border-slate-300 px-1.5 py-0.5 font-mono text-xs text-slate-600 hover:border-indigo-400 hover:bg-indigo-50 hover:text-indigo-700"
            >
              <span aria-hidden="true">+</span>
              {value}
            </button>
          ))}
        </div>
      )}
    </Field>
  );
}

/** Read-only: where the send response's id comes from (set in the Configuration part above). */
export function SentIdSummary({ connector, matchBy }: { connector: ConnectorView; matchBy: "provider-id" | "message-id" }) {
  const sentId = connector.response.sentId;
  const box = "flex min-h-9 items-center gap-2 rounded-md border px-3 py-1.5 text-sm";
  if (matchBy === "message-id") {
    return (
      <div aria-labelledby="dlr-sent-id-label" role="group">
        <div className={cx(box, "border-slate-200 bg-slate-50 text-slate-700")} data-testid="unique-sent-id">
          {sentId ? "Recorded, not needed for matching" : "Not needed"}
        </div>
        <p className="mt-1.5 text-xs text-slate-500">Reports name their message by Switchboard&apos;s own id, sent with each message as {"{{message_id}}"}.</p>
      </div>
    );
  }
  if (!sentId) {
    return (
      <div aria-labelledby="dlr-sent-id-label" role="group">
        <div className={cx(box, "border-amber-300 bg-amber-50 text-amber-900")}>Not mapped</div>
        <p className="mt-1.5 text-xs text-amber-800">
          Without it, reports cannot be matched to messages. Set it under <a href="#response-heading" className="font-medium underline">Sent-response mapping</a>.
        </p>
      </div>
    );
  }
  const [kind, value] = sentId.from === "json" ? ["JSON path", sentId.path] : sentId.from === "header" ? ["Header", sentId.name] : ["Regex", sentId.pattern];
  return (
    <div aria-labelledby="dlr-sent-id-label" role="group">
      <div className={cx(box, "border-slate-200 bg-slate-50 text-slate-700")} data-testid="unique-sent-id">
        <span className="shrink-0 text-xs font-medium text-slate-500">{kind}</span>
        <code className="truncate font-mono text-[13px] text-slate-900">{value}</code>
      </div>
      <p className="mt-1.5 text-xs text-slate-500">
        From the send response; change it under <a href="#response-heading" className="font-medium text-indigo-700 hover:underline">Sent-response mapping</a>. A report is
        matched when its Transaction / msg ID equals this id.
      </p>
    </div>
  );
}
