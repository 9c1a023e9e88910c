"use client";
// The bar under a form that is saved as a whole (a connector, a delivery mapping): the state the form is in —
// the last save's error and how many fields need fixing, unsaved changes, or saved — and its Revert and Save buttons.
// It also moves focus: to the first invalid field (in the page's order) after a failed save, and to its status
// after a successful one; a sticky bar keeps focused fields from hiding under it (form-focus.ts).
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { focusFirstInvalid, watchStickyBar } from "./form-focus";
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
  errorCount = 0,
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
  /** Fields of the form showing an error now (countFieldErrors). */
  errorCount?: number;
}) {
  const barRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const form = () => barRef.current?.closest("form") ?? null;

  useEffect(() => {
    if (placement !== "sticky" || !barRef.current) return;
    return watchStickyBar(barRef.current);
  }, [placement]);

  // A failed save (a new banner): the first field to fix, in the page's order, else the banner itself.
  useEffect(() => {
    if (!banner) return;
    // A frame later: the fields' error state is rendered by then.
    const frame = requestAnimationFrame(() => {
      const target = form();
      if (target && focusFirstInvalid(target)) return;
      statusRef.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [banner]);

  // A successful save disables Save under the user's focus: keep focus in the bar, on the line saying it is saved.
  const wasSubmitting = useRef(false);
  useEffect(() => {
    const finished = wasSubmitting.current && !isSubmitting;
    wasSubmitting.current = isSubmitting;
    if (!finished || banner || isDirty) return;
    const active = document.activeElement;
    if (!active || active === document.body || barRef.current?.contains(active)) statusRef.current?.focus();
  }, [isSubmitting, banner, isDirty]);

  const jumpToFirst = () => {
    const target = form();
    if (target) focusFirstInvalid(target);
  };

  return (
    <div
      ref={barRef}
      data-testid="form-save-bar"
      className={cx(
        "flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-slate-200 px-6",
        placement === "sticky" ? "sticky bottom-0 z-10 bg-white/95 py-3 backdrop-blur" : "bg-slate-50/70 py-3.5",
      )}
    >
      <div ref={statusRef} tabIndex={-1} data-testid="form-save-status" className="min-w-0 flex-1 text-sm outline-none" aria-live={placement === "footer" ? "polite" : undefined}>
        {errorCount > 0 && (
          <p className="mb-1 flex flex-wrap items-center gap-x-2 font-medium text-red-700" data-testid="form-error-count">
            {errorCount === 1 ? "1 field needs fixing" : `${errorCount} fields need fixing`}
            <button type="button" onClick={jumpToFirst} className="rounded text-indigo-700 underline underline-offset-2 hover:text-indigo-900 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none">
              Go to first
            </button>
          </p>
        )}
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
