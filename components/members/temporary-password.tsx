"use client";
// A temporary password, shown once (a new member's first, or one an admin reset): read-only, with a copy button.
import { CopyButton } from "@/components/ui/copy-button";
import { ExclamationIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";

/** Focused when shown: the text is selected at once, ready to copy with the keyboard. */
export function TemporaryPassword({ password }: { password: string }) {
  return (
    <div className="space-y-3">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="temporary-password" className="mb-1.5 block text-sm font-medium text-slate-800">
            Temporary password
          </label>
          <Input id="temporary-password" readOnly autoFocus value={password} className="font-mono text-[13px]" onFocus={(event) => event.currentTarget.select()} />
        </div>
        <CopyButton text={password} label="Copy password" />
      </div>
      <p className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
        <ExclamationIcon className="mt-px size-4 shrink-0 text-amber-500" />
        <span>Copy it now: it is not shown again. Only a hash of it is stored.</span>
      </p>
    </div>
  );
}
