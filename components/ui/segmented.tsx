"use client";
// A small group of mutually exclusive options drawn as one pill: native radio buttons underneath.
import { cx } from "./cx";

export function Segmented<T extends string>({
  name,
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  name: string;
  /** The group's accessible name. */
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-lg border border-slate-300 bg-slate-50 p-0.5">
      {options.map((option) => (
        <label
          key={option.value}
          className={cx(
            "rounded-md px-3 py-1 text-sm font-medium whitespace-nowrap transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-500",
            disabled ? "cursor-not-allowed" : "cursor-pointer",
            value === option.value ? "bg-white text-indigo-700 shadow-xs ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
          )}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            disabled={disabled}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
