import type { ButtonHTMLAttributes } from "react";
import { cx } from "./cx";
import { Spinner } from "./spinner";

type Variant = "primary" | "secondary" | "danger" | "destructive" | "ghost" | "ghost-danger";
type Size = "sm" | "md";

const variants: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white shadow-xs hover:bg-indigo-500 disabled:bg-indigo-400",
  secondary: "border border-slate-300 bg-white text-slate-700 shadow-xs hover:bg-slate-50 disabled:text-slate-400",
  destructive: "bg-red-600 text-white shadow-xs hover:bg-red-500 disabled:bg-red-400",
  danger: "border border-red-200 bg-white text-red-700 shadow-xs hover:bg-red-50 disabled:text-red-300",
  ghost: "text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent",
  "ghost-danger": "text-slate-500 hover:bg-red-50 hover:text-red-600 disabled:text-slate-300 disabled:hover:bg-transparent",
};
const sizes: Record<Size, string> = {
  sm: "h-8 gap-1.5 px-2.5 text-xs",
  md: "h-9 gap-2 px-3.5 text-sm",
};

/** The button look for something that is not a <button>, e.g. a link that reads as an action. */
export function buttonClassName({ variant = "secondary", size = "md", className }: { variant?: Variant; size?: Size; className?: string } = {}): string {
  return cx("inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors", variants[variant], sizes[size], className);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  /** Shows a spinner and blocks further clicks while an action runs. */
  pending?: boolean;
}

export function Button({ variant = "secondary", size = "md", pending = false, disabled, className, children, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={cx(
        "inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed",
        // aria-disabled keeps a button focusable (so its explanation can be read) while it does nothing.
        "aria-disabled:cursor-not-allowed aria-disabled:text-slate-300 aria-disabled:hover:bg-transparent aria-disabled:hover:text-slate-300",
        variants[variant],
        sizes[size],
        className,
      )}
      {...props}
    >
      {pending && <Spinner />}
      {children}
    </button>
  );
}

/** A square button holding only an icon; `label` is its accessible name and tooltip. */
export function IconButton({ label, className, children, danger, ...props }: Omit<ButtonProps, "size" | "variant"> & { label: string; danger?: boolean }) {
  return (
    <Button variant={danger ? "ghost-danger" : "ghost"} size="sm" aria-label={label} title={props.title ?? label} className={cx("w-8 px-0", className)} {...props}>
      {children}
    </Button>
  );
}
