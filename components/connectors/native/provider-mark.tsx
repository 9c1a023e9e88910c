// A small mark for each native provider in the list and the screen header: its initials on its colour.
import type { ProviderMark as Mark } from "@/lib/providers/types";
import { cx } from "@/components/ui/cx";

export function ProviderMark({ mark, size = "sm", muted = false }: { mark: Mark; size?: "sm" | "lg"; muted?: boolean }) {
  return (
    <span
      aria-hidden="true"
      style={muted ? undefined : { backgroundColor: readableBackground(mark.background, mark.foreground), color: mark.foreground }}
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

/** The brand colour, darkened (for a light foreground) or lightened (for a dark one) until the initials pass WCAG AA. */
export function readableBackground(background: string, foreground: string): string {
  const bg = rgb(background);
  const fg = rgb(foreground);
  if (!bg || !fg) return background;
  const towards = luminance(fg) > 0.5 ? 0 : 255;
  let current = bg;
  for (let step = 0; step < 20 && contrast(current, fg) < 4.5; step++) current = current.map((c) => Math.round(c + (towards - c) * 0.08)) as Rgb;
  return `rgb(${current.join(" ")})`;
}

type Rgb = [number, number, number];
function rgb(hex: string): Rgb | null {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) return null;
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
function contrast(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}
