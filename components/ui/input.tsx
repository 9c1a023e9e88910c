import type { ComponentProps } from "react";
import { cx } from "./cx";

const control =
  "block w-full rounded-md border border-slate-300 bg-white text-sm text-slate-900 shadow-xs placeholder:text-slate-400 " +
  "focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-600 " +
  "aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cx(control, "h-9 px-3 read-only:bg-slate-50", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cx(control, "px-3 py-2 read-only:bg-slate-50", className)} {...props} />;
}

export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <select className={cx(control, "h-9 pr-8 pl-3", className)} {...props}>
      {children}
    </select>
  );
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cx("size-4 rounded border-slate-300 accent-indigo-600 disabled:cursor-not-allowed", className)}
      {...props}
    />
  );
}

/** An input with a unit after it ("ms", "per second"), drawn as one box. */
export function InputWithSuffix({ suffix, className, ...props }: ComponentProps<"input"> & { suffix: string }) {
  return (
    <div
      className={cx(
        "flex h-9 items-center rounded-md border border-slate-300 bg-white shadow-xs",
        "focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/20",
        "has-[input[aria-invalid=true]]:border-red-500 has-[input:disabled]:bg-slate-50",
        className,
      )}
    >
      <input
        className="h-full min-w-0 flex-1 rounded-md border-0 bg-transparent px-3 text-sm text-slate-900 focus:outline-none disabled:cursor-not-allowed disabled:text-slate-600"
        {...props}
      />
      <span aria-hidden="true" className="shrink-0 pr-3 text-sm text-slate-500 select-none">
        {suffix}
      </span>
    </div>
  );
}
