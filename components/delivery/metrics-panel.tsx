"use client";
// The connector's metrics: counts and delivery rate, messages over time, and why messages failed.
// All of it refreshes by itself while the screen is open.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ConnectorView } from "@/lib/connectors/schema";
import { METRICS_RANGES, type MetricsRange } from "@/lib/delivery/metrics-range";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Select } from "@/components/ui/input";
import { Segmented } from "@/components/ui/segmented";
import { Spinner } from "@/components/ui/spinner";
import { FailureReasonsTable } from "./failure-reasons-table";
import { chartRows, MetricsChart, SERIES } from "./metrics-chart";
import { useConnectorMetrics, useMetricsOverTime, type Metrics } from "./queries";
import { deliveryKeys } from "./query-keys";

/** How the chart's periods read; how each is counted is METRICS_RANGES'. */
const RANGES: Record<MetricsRange, { label: string; caption: string }> = {
  "24h": { label: "24 hours", caption: "per hour, last 24 hours" },
  "7d": { label: "7 days", caption: "per day (UTC), last 7 days" },
  "30d": { label: "30 days", caption: "per day (UTC), last 30 days" },
};

export function ConnectorMetricsPanel({ connector }: { connector: ConnectorView }) {
  const [sender, setSender] = useState("");
  const [range, setRange] = useState<MetricsRange>("7d");
  const metrics = useConnectorMetrics(connector.id, sender);
  const period = RANGES[range];
  const timeline = useMetricsOverTime(connector.id, sender, range);
  // Counts changed (a send, a report): redraw the chart now rather than at its next poll.
  const queryClient = useQueryClient();
  const counts = metrics.data ? [metrics.data.attempted, metrics.data.delivered, metrics.data.failedToSend, metrics.data.failedToDeliver].join(":") : null;
  const lastCounts = useRef(counts);
  useEffect(() => {
    if (counts && lastCounts.current && counts !== lastCounts.current) {
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.timelines(connector.id) });
    }
    lastCounts.current = counts;
  }, [counts, connector.id, queryClient]);
  // While another period loads, the previous one stays drawn, in the buckets it was counted in.
  const drawn = timeline.data ? METRICS_RANGES[timeline.data.range] : null;
  const rows = timeline.data && drawn ? chartRows(timeline.data.points, drawn.bucket, drawn.buckets) : null;
  const empty = rows?.every((row) => row.attempted === 0);

  return (
    <Card id="metrics" aria-labelledby="metrics-heading" className="scroll-mt-6">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
        <div>
          <h2 id="metrics-heading" className="text-base font-semibold text-slate-900">
            Metrics
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">Every message sent through this connector, test messages included. Updates by itself.</p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="metrics-sender" className="text-sm text-slate-600">
            Sender
          </label>
          <Select id="metrics-sender" aria-label="Metrics for sender" value={sender} onChange={(event) => setSender(event.target.value)} className="w-44">
            <option value="">All senders</option>
            {connector.senders.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
      </div>

      <div className={cx("px-6 py-5 transition-opacity", metrics.isPlaceholderData && "opacity-60")} aria-busy={metrics.isFetching || undefined}>
        {metrics.isError && !metrics.data ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">Could not load the metrics: {metrics.error.message}</p>
        ) : (
          <MetricTiles metrics={metrics.data} />
        )}
      </div>

      <section aria-labelledby="metrics-chart-heading" className="border-t border-slate-100 px-6 py-5">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h3 id="metrics-chart-heading" className="text-sm font-semibold text-slate-900">
              Messages over time
            </h3>
            <p className="text-xs text-slate-500">Attempted messages {period.caption}, by current status.</p>
          </div>
          <Segmented name="metrics-range" label="Chart period" value={range} onChange={setRange} options={(Object.keys(RANGES) as MetricsRange[]).map((value) => ({ value, label: RANGES[value].label }))} />
        </div>
        <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Chart legend">
          {SERIES.map((series) => (
            <li key={series.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: series.color }} />
              {series.label}
            </li>
          ))}
        </ul>
        <div className="relative" data-testid="metrics-chart">
          {timeline.isError && !rows ? (
            <p className="flex h-[220px] items-center justify-center rounded-md bg-red-50 text-sm text-red-700">Could not load the chart: {timeline.error.message}</p>
          ) : !rows || !drawn ? (
            <div className="flex h-[220px] items-center justify-center gap-2 rounded-md bg-slate-50 text-sm text-slate-500">
              <Spinner /> Loading chart…
            </div>
          ) : (
            <>
              <MetricsChart rows={rows} bucket={drawn.bucket} />
              {empty && (
                <p className="pointer-events-none absolute inset-0 flex items-center justify-center pb-6 text-sm text-slate-500">
                  <span className="rounded-md bg-white/90 px-3 py-1.5">No messages in the last {period.label}.</span>
                </p>
              )}
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="error-breakdown-heading" className="border-t border-slate-100 pt-5">
        <div className="px-6 pb-3">
          <h3 id="error-breakdown-heading" className="text-sm font-semibold text-slate-900">
            Error breakdown
          </h3>
          <p className="text-xs text-slate-500">Why messages failed to send or to deliver, most frequent first.</p>
        </div>
        <ErrorBreakdown metrics={metrics.data} />
      </section>
    </Card>
  );
}

function percent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function MetricTiles({ metrics }: { metrics: Metrics | undefined }) {
  const value = (n: number | undefined) => (n === undefined ? "–" : n.toLocaleString("en-GB"));
  const share = (n: number | undefined, of: number | undefined, noun: string) => (n !== undefined && of ? `${percent(n / of)} of ${noun}` : "\u00a0");
  const tiles: Array<{ key: string; label: string; value: string; dot?: string; caption: string }> = [
    { key: "attempted", label: "Attempted", value: value(metrics?.attempted), caption: "Every send, tests included" },
    { key: "sent", label: "Sent", value: value(metrics?.sent), dot: "bg-slate-400", caption: share(metrics?.sent, metrics?.attempted, "attempted") },
    { key: "failed-to-send", label: "Failed to send", value: value(metrics?.failedToSend), dot: "bg-amber-500", caption: share(metrics?.failedToSend, metrics?.attempted, "attempted") },
    { key: "delivered", label: "Delivered", value: value(metrics?.delivered), dot: "bg-emerald-500", caption: share(metrics?.delivered, metrics?.sent, "sent") },
    { key: "failed-to-deliver", label: "Failed to deliver", value: value(metrics?.failedToDeliver), dot: "bg-red-500", caption: share(metrics?.failedToDeliver, metrics?.sent, "sent") },
    {
      key: "pending",
      label: "Pending",
      value: value(metrics?.pending),
      dot: "bg-indigo-300",
      // Sent without a provider id: never pending, since no report can match them.
      caption: metrics?.untracked ? `Awaiting a final status · ${value(metrics.untracked)} untracked` : "Awaiting a final status",
    },
  ];
  const rate = metrics && metrics.sent > 0 ? metrics.deliveryRate : null;
  return (
    <div className="grid gap-3 md:grid-cols-[12rem_minmax(0,1fr)]">
      <div className="flex flex-col justify-between gap-4 rounded-lg bg-indigo-600 px-4 py-3.5 text-white">
        <dl>
          <dt className="text-xs font-medium text-indigo-100">Delivery rate</dt>
          <dd className="mt-1 text-3xl font-semibold tabular-nums" data-testid="metric-delivery-rate">
            {rate === null ? "—" : percent(rate)}
          </dd>
        </dl>
        <div>
          <div className="h-1.5 overflow-hidden rounded-full bg-indigo-400/50" aria-hidden="true">
            <div className="h-full rounded-full bg-white" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
          </div>
          <p className="mt-2 text-xs text-indigo-100">
            {metrics && metrics.sent > 0 ? `${value(metrics.delivered)} of ${value(metrics.sent)} sent messages delivered` : "Nothing sent yet"}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {tiles.map((tile) => (
          <div key={tile.key} className="min-w-0 rounded-lg border border-slate-200 px-4 py-3">
            <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
              {tile.dot && <span aria-hidden="true" className={cx("size-2 shrink-0 rounded-full", tile.dot)} />}
              <span className="truncate">{tile.label}</span>
            </dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`metric-${tile.key}`}>
              {tile.value}
            </dd>
            <dd className="mt-0.5 truncate text-xs text-slate-400">{tile.caption}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ErrorBreakdown({ metrics }: { metrics: Metrics | undefined }) {
  if (!metrics) {
    return (
      <p className="flex items-center gap-2 px-6 pb-6 text-sm text-slate-500">
        <Spinner /> Loading…
      </p>
    );
  }
  if (metrics.failureReasons.length === 0) {
    return (
      <p className="mx-6 mb-6 flex items-center gap-2 rounded-md bg-slate-50 px-3 py-3 text-sm text-slate-500">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-emerald-500">
          <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
        </svg>
        No failed messages.
      </p>
    );
  }
  return <FailureReasonsTable rows={metrics.failureReasons} labelledBy="error-breakdown-heading" withShare />;
}
