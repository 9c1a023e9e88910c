"use client";
// What the report's message id field holds: the provider's id from the send response, or Switchboard's own id,
// echoed back by gateways that return no id (Kannel, Textlocal). Part of the delivery-mapping form.
import { useController, type Control } from "react-hook-form";
import type { MatchBy } from "@/lib/connectors/schema";
import { cx } from "@/components/ui/cx";
import type { MappingValues } from "./mapping-fields";

const OPTIONS: ReadonlyArray<{ value: MatchBy; title: string; text: string }> = [
  { value: "provider-id", title: "The provider's message id", text: "The id the send response gave (Unique sent ID): most providers." },
  { value: "message-id", title: "Switchboard's message id", text: "Sent with each message as {{message_id}} and echoed back, for gateways that return no id of their own." },
];

export function MatchByField({ control }: { control: Control<MappingValues> }) {
  const { field } = useController({ control, name: "matchBy" });
  const value: MatchBy = field.value ?? "provider-id";
  return (
    <fieldset className="mb-5">
      <legend className="mb-1.5 text-sm font-medium text-slate-800">The report&apos;s message id is</legend>
      <div className="grid gap-2 sm:grid-cols-2" role="radiogroup" aria-label="The report's message id is">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className={cx(
              "flex cursor-pointer gap-2.5 rounded-lg border px-3 py-2.5 text-sm transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-500 has-disabled:cursor-not-allowed",
              value === option.value ? "border-indigo-400 bg-indigo-50/60 ring-1 ring-indigo-400" : "border-slate-200 hover:border-slate-300",
            )}
          >
            <input
              type="radio"
              name={field.name}
              value={option.value}
              checked={value === option.value}
              onChange={() => field.onChange(option.value)}
              aria-label={option.title}
              aria-describedby={`match-by-${option.value}-text`}
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{option.title}</span>
              <span id={`match-by-${option.value}-text`} className="mt-0.5 block text-xs text-slate-500">
                {option.text}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
