// Why messages failed, grouped by reason, as the connector metrics and a campaign's analytics show it: the reason
// (wrapping anywhere, so a reason quoting a long reply without spaces never widens the card), whether it failed to
// send or to deliver, and how often — with a bar for its share when `withShare`.
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";

export interface FailureReasonRow {
  reason: string;
  kind: "send" | "delivery";
  count: number;
}

export function FailureReasonsTable({ rows, labelledBy, withShare = false, className }: { rows: FailureReasonRow[]; labelledBy: string; withShare?: boolean; className?: string }) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <table className={cx("w-full table-fixed text-left text-sm", className)} aria-labelledby={labelledBy}>
      <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
        <tr>
          <th scope="col" className="px-6 py-2 font-medium">
            Reason
          </th>
          <th scope="col" className={cx("px-3 py-2 font-medium", withShare ? "w-40" : "w-36")}>
            Kind
          </th>
          <th scope="col" className={cx("px-6 py-2 text-right font-medium", withShare ? "w-44" : "w-24")}>
            Count
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={`${row.kind}:${row.reason}`} data-testid="failure-reason">
            <td className="px-6 py-2.5 [overflow-wrap:anywhere] text-slate-800">{row.reason}</td>
            <td className="px-3 py-2.5">{row.kind === "send" ? <Badge tone="amber">Failed to send</Badge> : <Badge tone="red">Failed to deliver</Badge>}</td>
            {withShare ? (
              <td className="px-6 py-2.5">
                <div className="flex items-center justify-end gap-3">
                  <span aria-hidden="true" className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-100">
                    <span className={cx("block h-full rounded-full", row.kind === "send" ? "bg-amber-400" : "bg-red-400")} style={{ width: `${Math.max(4, Math.round((row.count / total) * 100))}%` }} />
                  </span>
                  <span className="w-8 text-right font-medium text-slate-900 tabular-nums">{row.count}</span>
                </div>
              </td>
            ) : (
              <td className="px-6 py-2.5 text-right font-medium text-slate-900 tabular-nums">{row.count.toLocaleString("en-GB")}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
