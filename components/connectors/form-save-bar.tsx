"use client";
// The sticky bar under a connector form: what state the form is in (error, unsaved, saved) and its buttons.
import { Button } from "@/components/ui/button";

export interface FormBanner {
  message: string;
  items: string[];
}

export function FormSaveBar(props: {
  banner: FormBanner | null;
  isDirty: boolean;
  isSubmitting: boolean;
  saved: boolean;
  createLabel: string;
  onRevert: () => void;
}) {
  const { banner, isDirty, isSubmitting, saved, createLabel, onRevert } = props;
  return (
    <div className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-slate-200 bg-white/95 px-6 py-3 backdrop-blur">
      <div className="min-w-0 flex-1 text-sm">
        {banner ? (
          <div role="alert" data-testid="form-error" className="text-red-700">
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
            Unsaved changes
          </p>
        ) : (
          <p className="text-slate-400">{saved ? "All changes saved" : "Not saved yet"}</p>
        )}
      </div>
      <div className="flex gap-2">
        {isDirty && saved && (
          <Button variant="ghost" disabled={isSubmitting} onClick={onRevert}>
            Revert changes
          </Button>
        )}
        <Button type="submit" variant="primary" pending={isSubmitting} disabled={saved && !isDirty}>
          {isSubmitting ? "Saving…" : saved ? "Save changes" : createLabel}
        </Button>
      </div>
    </div>
  );
}
