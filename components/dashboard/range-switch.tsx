// The dashboard's period: 24 hours, 7 days or 30 days, as links (the period is in the URL, so it can be shared).
import Link from "next/link";
import type { MetricsRange } from "@/lib/delivery/metrics-range";
import { cx } from "@/components/ui/cx";

export const RANGE_LABELS: Record<MetricsRange, { short: string; long: string }> = {
  "24h": { short: "24 hours", long: "the last 24 hours" },
  "7d": { short: "7 days", long: "the last 7 days" },
  "30d": { short: "30 days", long: "the last 30 days" },
};

export function RangeSwitch({ value }: { value: MetricsRange }) {
  return (
    <nav aria-label="Period" className="inline-flex rounded-lg border border-slate-300 bg-slate-50 p-0.5">
      {(Object.keys(RANGE_LABELS) as MetricsRange[]).map((range) => (
        <Link
          key={range}
          href={`/dashboard?range=${range}`}
          aria-current={range === value ? "page" : undefined}
          scroll={false}
          className={cx(
            "rounded-md px-3 py-1 text-sm font-medium whitespace-nowrap transition-colors focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none",
            range === value ? "bg-white text-indigo-700 shadow-xs ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
          )}
        >
          {RANGE_LABELS[range].short}
        </Link>
      ))}
    </nav>
  );
}
