"use client";
// The bar under a form that is saved as a whole (a connector, a delivery mapping): the state the form is in —
// the last save's error, unsaved changes, or saved — and its Revert and Save buttons.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import type { FormBanner } from "./server-errors";

export function FormSaveBar({
  banner,
  isDirty,
  isSubmitting,
  submitLabel,
  submitDisabled,
  canRevert,
  onRevert,
  status,
  dirtyStatus = "Unsaved changes",
  errorTestId = "form-error",
  placement = "sticky",
}: {
  /** The last save's error (applyServerErrors and saveErrorBanner word it); null once fixed or saved. */
  banner: FormBanner | null;
  isDirty: boolean;
  isSubmitting: boolean;
  /** "Save changes", "Create connector" …; "Saving…" while the save runs. */
  submitLabel: string;
  submitDisabled: boolean;
  /** Offer Revert: the form has changes and a saved state to go back to. */
  canRevert: boolean;
  onRevert: () => void;
  /** What the bar says with no error and no changes: a text ("All changes saved"), or a whole line of its own. */
  status: ReactNode;
  dirtyStatus?: string;
  errorTestId?: string;
  /** `sticky`: stays in view under a long form; `footer`: the last row of a section. */
  placement?: "sticky" | "footer";
}) {
  return (
    <div
      className={cx(
        "flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-slate-200 px-6",
        placement === "sticky" ? "sticky bottom-0 z-10 bg-white/95 py-3 backdrop-blur" : "bg-slate-50/70 py-3.5",
      )}
    >
      <div className="min-w-0 flex-1 text-sm" aria-live={placement === "footer" ? "polite" : undefined}>
        {banner ? (
          <div role="alert" data-testid={errorTestId} className="text-red-700">
            <p className="font-medium">{banner.message}</p>
            {banner.items.length > 0 && (
              <ul className="mt-0.5 list-disc pl-5 text-xs">
                {banner.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
          </div>
        ) : isDirty ? (
          <p className="flex items-center gap-2 text-slate-600">
            <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
            {dirtyStatus}
          </p>
        ) : typeof status === "string" ? (
          <p className="text-slate-400">{status}</p>
        ) : (
          status
        )}
      </div>
      <div className="flex gap-2">
        {canRevert && (
          <Button variant="ghost" disabled={isSubmitting} onClick={onRevert}>
            Revert changes
          </Button>
        )}
        <Button type="submit" variant="primary" pending={isSubmitting} disabled={submitDisabled}>
          {isSubmitting ? "Saving…" : submitLabel}
        </Button>
      </div>
    </div>
  );
}
