"use client";
// A side list that folds away below `lg`: one button naming what is selected opens it in place; wide screens
// always show it. Picking something (a new `resetKey`) folds it again.
import { useEffect, useId, useState, type ReactNode } from "react";
import { cx } from "./cx";

export function NarrowDrawer({ label, summary, resetKey, children }: { label: string; summary?: string | null; resetKey?: string | null; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  useEffect(() => setOpen(false), [resetKey]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center justify-between gap-3 rounded-xl px-4 py-3 text-left text-sm lg:hidden"
      >
        <span className="min-w-0">
          <span className="block font-medium text-slate-900">{label}</span>
          {summary && <span className="block truncate text-slate-600">{summary}</span>}
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx("size-5 shrink-0 text-slate-500 transition-transform", open && "rotate-180")}>
          <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>
      <div id={id} className={cx(open ? "block border-t border-slate-100" : "hidden", "lg:block lg:border-0")}>
        {children}
      </div>
    </>
  );
}
