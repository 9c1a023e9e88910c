// A campaign's progress: one bar of every recipient's message by state, and the counts behind it.
import type { CampaignProgress } from "@/lib/campaigns/schema";
import { cx } from "@/components/ui/cx";
import { formatPercent, progressSummary } from "./campaign-display";

/** The bar's parts, left to right: what reached its end first. */
const PARTS = [
  { key: "delivered", label: "Delivered", color: "bg-emerald-500" },
  { key: "sent", label: "Sent, awaiting report", color: "bg-indigo-400" },
  { key: "undelivered", label: "Failed to deliver", color: "bg-red-500" },
  { key: "failed", label: "Failed to send", color: "bg-amber-500" },
  { key: "cancelled", label: "Cancelled", color: "bg-slate-400" },
] as const;

const number = (n: number) => n.toLocaleString("en-GB");

export function CampaignProgressBar({ progress, className, label = "Progress" }: { progress: CampaignProgress; className?: string; label?: string }) {
  const summary = progressSummary(progress);
  const percent = Math.round(summary.fraction * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${number(summary.done)} of ${number(summary.total)} messages processed`}
      data-testid="campaign-progress"
      data-done={summary.done}
      data-total={summary.total}
      className={cx("flex h-2 w-full overflow-hidden rounded-full bg-slate-100", className)}
    >
      {summary.total > 0 &&
        PARTS.map((part) =>
          summary[part.key] > 0 ? (
            <span key={part.key} className={cx("h-full transition-[width] duration-500", part.color)} style={{ width: `${(summary[part.key] / summary.total) * 100}%` }} />
          ) : null,
        )}
    </div>
  );
}

/** Counts by state, under the bar of the campaign's page. */
export function ProgressCounts({ progress }: { progress: CampaignProgress }) {
  const summary = progressSummary(progress);
  const items = [
    { key: "waiting", label: "Waiting to send", value: summary.waiting, color: "bg-slate-200" },
    ...PARTS.map((part) => ({ key: part.key, label: part.label, value: summary[part.key], color: part.color })),
  ];
  return (
    <div>
      <p className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="text-slate-700">
          <span className="font-semibold text-slate-900 tabular-nums" data-testid="progress-done">
            {number(summary.done)}
          </span>{" "}
          of <span className="tabular-nums">{number(summary.total)}</span> messages processed
        </span>
        <span className="font-medium text-slate-900 tabular-nums">{formatPercent(summary.fraction)}</span>
      </p>
      <CampaignProgressBar progress={progress} className="h-3" />
      <dl className="mt-3 grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <div key={item.key} className="flex items-center justify-between gap-2">
            <dt className="flex min-w-0 items-center gap-2 text-slate-600">
              <span aria-hidden="true" className={cx("size-2.5 shrink-0 rounded-sm", item.color)} />
              <span className="truncate">{item.label}</span>
            </dt>
            <dd className="font-medium text-slate-900 tabular-nums" data-testid={`count-${item.key}`}>
              {number(item.value)}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
