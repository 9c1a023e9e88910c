// A small mark for each native provider in the list and the screen header: its initials on its colour.
import { cx } from "@/components/ui/cx";

const MARKS: Record<string, { text: string; className: string }> = {
  twilio: { text: "Tw", className: "bg-[#F22F46] text-white" },
  sinch: { text: "Si", className: "bg-[#FFBE3C] text-slate-900" },
  gupshup: { text: "Gu", className: "bg-[#2C9F45] text-white" },
  kaleyra: { text: "Ka", className: "bg-[#5B2BE0] text-white" },
  "ics-mobile": { text: "IC", className: "bg-[#0E7490] text-white" },
};

export function ProviderMark({ kind, label, size = "sm", muted = false }: { kind: string; label: string; size?: "sm" | "lg"; muted?: boolean }) {
  const mark = MARKS[kind] ?? { text: label.slice(0, 2), className: "bg-slate-600 text-white" };
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex shrink-0 items-center justify-center rounded-md font-semibold tracking-tight",
        size === "lg" ? "size-10 text-sm" : "size-6 text-[10px]",
        muted ? "bg-slate-100 text-slate-500 ring-1 ring-slate-200 ring-inset" : mark.className,
      )}
    >
      {mark.text}
    </span>
  );
}
