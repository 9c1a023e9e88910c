"use client";
// An optional regular expression with one capture group on a mapped report field, with what it reads out of the
// field's latest value — run exactly as the applier runs it (RE2, lib/delivery/mapping.ts).
import { useState } from "react";
import { useController, type Control } from "react-hook-form";
import { extractWith } from "@/lib/delivery/mapping";
import { patternProblem } from "@/lib/security/safe-regex";
import { describedBy, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { MappingValues } from "./mapping-fields";

export type PatternName = "messageIdPattern" | "statusPattern" | "failureReasonPattern";

/** Labels of their own, so "Delivery status" names the field and never also its pattern. */
const LABELS: Record<PatternName, string> = { messageIdPattern: "Message id pattern", statusPattern: "Status pattern", failureReasonPattern: "Reason pattern" };

export function PatternField({
  control,
  name,
  id,
  fieldLabel,
  sample,
  error,
  readOnly,
}: {
  control: Control<MappingValues>;
  name: PatternName;
  id: string;
  /** The mapped field's label: "Delivery status", for the button that opens the pattern. */
  fieldLabel: string;
  /** The mapped field's latest value, to preview on. */
  sample: string | null;
  error?: string;
  readOnly: boolean;
}) {
  const { field } = useController({ control, name });
  const value = field.value ?? "";
  const [open, setOpen] = useState(value !== "");
  if (!open && value === "") {
    if (readOnly) return null;
    return (
      <button type="button" onClick={() => setOpen(true)} className="mt-1.5 text-xs font-medium text-indigo-700 hover:underline" title={`Read part of the ${fieldLabel} value with a pattern`}>
        + Read part of the value with a pattern<span className="sr-only"> ({LABELS[name].toLowerCase()})</span>
      </button>
    );
  }
  const label = LABELS[name];
  const hint = "A regular expression with one capture group ( … ) around the part to use, e.g. stat:(\\w+)";
  const problem = value && !error ? patternProblem(value, 1) : null;
  const preview = value && sample !== null && !problem ? extractWith(value, sample) : null;
  return (
    <div className="mt-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label} <span className="font-normal text-slate-400">optional</span>
      </label>
      <Input
        id={id}
        ref={field.ref}
        name={field.name}
        value={value}
        onChange={field.onChange}
        onBlur={field.onBlur}
        placeholder="stat:(\w+)"
        autoComplete="off"
        spellCheck={false}
        className="font-mono text-[13px]"
        aria-invalid={!!(error ?? problem) || undefined}
        aria-describedby={describedBy(id, { hint, error: error ?? problem })}
      />
      {!(error ?? problem) && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error ?? problem} />
      {preview && (
        <p className="mt-1 text-xs" data-testid={`${id}-preview`}>
          {preview.ok ? (
            <>
              <span className="text-slate-500">Reads from the latest value: </span>
              <code className="rounded bg-white px-1 py-0.5 font-mono text-emerald-800 ring-1 ring-emerald-200">{preview.value}</code>
            </>
          ) : (
            <span className="text-amber-800">The latest value {preview.problem}.</span>
          )}
        </p>
      )}
    </div>
  );
}
