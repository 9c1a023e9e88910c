import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export function Card({ className, children, ...props }: { className?: string; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <section className={cx("rounded-xl border border-slate-200 bg-white shadow-xs", className)} {...props}>
      {children}
    </section>
  );
}

/** A titled block inside a card: heading and description on top, content below. */
export function FormSection({ title, description, actions, children, id }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className="border-t border-slate-100 px-6 py-5 first:border-t-0">
      <div className="mb-4 flex items-start justify-between gap-4">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {title}
          </h3>
          {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function EmptyState({ title, children, actions, icon }: { title: string; children?: ReactNode; actions?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      {icon && <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">{icon}</div>}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children && <div className="mt-1.5 max-w-md text-sm text-slate-500">{children}</div>}
      {actions && <div className="mt-5 flex gap-2">{actions}</div>}
    </div>
  );
}
