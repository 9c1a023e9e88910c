"use client";
// A list of short values typed one by one (Enter or comma adds one), shown as removable chips in one box.
import { useState, type Ref } from "react";
import { cx } from "./cx";

export function ChipsInput({
  id,
  values,
  onChange,
  noun,
  placeholder,
  disabled,
  invalid,
  describedBy,
  inputRef,
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Names the remove buttons: "Remove success value delivered". */
  noun: string;
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useState("");

  const add = (raw: string) => {
    const incoming = raw.split(",").map((value) => value.trim()).filter(Boolean);
    const next = [...values];
    for (const value of incoming) if (!next.includes(value)) next.push(value);
    if (next.length !== values.length) onChange(next);
    setText("");
  };

  return (
    <div
      className={cx(
        "flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1 shadow-xs",
        "focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/20",
        invalid && "border-red-500 focus-within:border-red-500 focus-within:ring-red-500/20",
        disabled && "bg-slate-50",
      )}
    >
      {values.map((value) => (
        <span key={value} className="inline-flex items-center gap-1 rounded bg-indigo-50 py-0.5 pr-1 pl-2 font-mono text-xs text-indigo-800 ring-1 ring-indigo-600/15 ring-inset">
          {value}
          {!disabled && (
            <button
              type="button"
              onClick={() => onChange(values.filter((v) => v !== value))}
              aria-label={`Remove ${noun} ${value}`}
              title={`Remove ${value}`}
              className="flex size-4 items-center justify-center rounded text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          )}
        </span>
      ))}
      <input
        id={id}
        ref={inputRef}
        value={text}
        disabled={disabled}
        onChange={(event) => {
          const value = event.target.value;
          if (value.includes(",")) add(value);
          else setText(value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            if (text.trim()) add(text);
          } else if (event.key === "Backspace" && text === "" && values.length > 0) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => text.trim() && add(text)}
        placeholder={values.length === 0 ? placeholder : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        className="h-7 min-w-24 flex-1 border-0 bg-transparent px-1 font-mono text-[13px] text-slate-900 placeholder:font-sans placeholder:text-slate-400 focus:outline-none disabled:cursor-not-allowed"
      />
    </div>
  );
}
