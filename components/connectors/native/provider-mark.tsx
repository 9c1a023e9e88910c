// A small mark for each native provider in the list and the screen header: its initials on its colour.
import type { ProviderMark as Mark } from "@/lib/providers/types";
import { cx } from "@/components/ui/cx";

export function ProviderMark({ mark, size = "sm", muted = false }: { mark: Mark; size?: "sm" | "lg"; muted?: boolean }) {
  return (
    <span
      aria-hidden="true"
      style={muted ? undefined : { backgroundColor: mark.background, color: mark.foreground }}
      className={cx(
        "flex shrink-0 items-center justify-center rounded-md font-semibold tracking-tight",
        size === "lg" ? "size-10 text-sm" : "size-6 text-[10px]",
        muted && "bg-slate-100 text-slate-500 ring-1 ring-slate-200 ring-inset",
      )}
    >
      {mark.text}
    </span>
  );
}
