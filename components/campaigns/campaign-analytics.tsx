"use client";
// A campaign's analytics (the connector metrics, for its messages): delivery rate and the counts, the chart over
// time, why messages failed to send or to deliver, the sender, and the exports for list clean-up.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { CampaignView } from "@/lib/campaigns/schema";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Spinner } from "@/components/ui/spinner";
import { FailureReasonsTable } from "@/components/delivery/failure-reasons-table";
import { buttonClassName } from "@/components/ui/button";
import { formatPercent } from "./campaign-display";
import { CampaignChart, CHART_SERIES } from "./campaign-chart";
import { campaignChartRows } from "./chart-rows";
import { campaignKeys } from "./query-keys";
import { useCampaignAnalytics, type CampaignAnalytics } from "./queries";
import { failedNumbersCsvHref, resultsCsvHref } from "./routes";

const number = (n: number | undefined) => (n === undefined ? "–" : n.toLocaleString("en-GB"));

export function CampaignAnalyticsPanel({ campaign }: { campaign: CampaignView }) {
  const analytics = useCampaignAnalytics(campaign);
  const queryClient = useQueryClient();
  // The campaign's counts moved (a send, a report): ask for the analytics now rather than at the next poll.
  const counts = Object.values(campaign.progress).join(":");
  const lastCounts = useRef(counts);
  useEffect(() => {
    if (counts !== lastCounts.current) void queryClient.invalidateQueries({ queryKey: campaignKeys.metrics(campaign.id) });
    lastCounts.current = counts;
  }, [counts, campaign.id, queryClient]);
  const data = analytics.data;
  const rows = data ? campaignChartRows(data.overTime) : null;

  return (
    <Card aria-labelledby="analytics-heading">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
        <div>
          <h2 id="analytics-heading" className="text-base font-semibold text-slate-900">
            Analytics
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Sent as <span className="font-medium text-slate-700">{data?.sender ?? campaign.sender}</span> through {campaign.connectorName}. Delivery reports
            keep arriving after the last send.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={resultsCsvHref(campaign.id)} download className={buttonClassName({ size: "sm" })}>
            Export results (CSV)
          </a>
          <a href={failedNumbersCsvHref(campaign.id)} download className={buttonClassName({ size: "sm" })}>
            Export failed numbers (CSV)
          </a>
        </div>
      </div>

      <div className="px-6 py-5" aria-busy={analytics.isFetching || undefined}>
        {analytics.isError && !data ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            Could not load the analytics: {analytics.error.message}
          </p>
        ) : (
          <MetricTiles metrics={data} />
        )}
      </div>

      <section aria-labelledby="campaign-chart-heading" className="border-t border-slate-100 px-6 py-5">
        <h3 id="campaign-chart-heading" className="text-sm font-semibold text-slate-900">
          Over time
        </h3>
        <p className="text-xs text-slate-500">Messages per {data?.overTime.bucket ?? "minute"}, by when they were handed to the provider, in their current state.</p>
        <ul className="mt-2 mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Chart legend">
          {CHART_SERIES.map((series) => (
            <li key={series.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: series.color }} />
              {series.label}
            </li>
          ))}
        </ul>
        <div data-testid="campaign-chart">
          {!rows ? (
            <div className="flex h-[220px] items-center justify-center gap-2 rounded-md bg-slate-50 text-sm text-slate-500">
              <Spinner /> Loading chart…
            </div>
          ) : rows.length === 0 ? (
            <p className="flex h-[120px] items-center justify-center rounded-md bg-slate-50 text-sm text-slate-500">Nothing sent yet.</p>
          ) : (
            <CampaignChart rows={rows} bucket={data!.overTime.bucket} />
          )}
        </div>
      </section>

      <section aria-labelledby="failure-reasons-heading" className="border-t border-slate-100 pt-5">
        <div className="px-6 pb-3">
          <h3 id="failure-reasons-heading" className="text-sm font-semibold text-slate-900">
            Failure reasons
          </h3>
          <p className="text-xs text-slate-500">Why messages failed to send or to deliver, most frequent first.</p>
        </div>
        <FailureReasons metrics={data} />
      </section>
    </Card>
  );
}

function MetricTiles({ metrics }: { metrics: CampaignAnalytics | undefined }) {
  const share = (n: number | undefined, of: number | undefined, noun: string) => (n !== undefined && of ? `${formatPercent(n / of)} of ${noun}` : "\u00a0");
  const tiles: Array<{ key: string; label: string; value: string; dot?: string; caption: string }> = [
    { key: "attempted", label: "Attempted", value: number(metrics?.attempted), caption: "Every recipient's message" },
    { key: "sent", label: "Sent", value: number(metrics?.sent), dot: "bg-slate-400", caption: share(metrics?.sent, metrics?.attempted, "attempted") },
    { key: "failed-to-send", label: "Failed to send", value: number(metrics?.failedToSend), dot: "bg-amber-500", caption: share(metrics?.failedToSend, metrics?.attempted, "attempted") },
    { key: "delivered", label: "Delivered", value: number(metrics?.delivered), dot: "bg-emerald-500", caption: share(metrics?.delivered, metrics?.sent, "sent") },
    { key: "failed-to-deliver", label: "Failed to deliver", value: number(metrics?.failedToDeliver), dot: "bg-red-500", caption: share(metrics?.failedToDeliver, metrics?.sent, "sent") },
    { key: "pending", label: "Pending", value: number(metrics?.pending), dot: "bg-indigo-300", caption: "Not final: to send, or awaiting a report" },
    ...(metrics?.untracked
      ? [{ key: "untracked", label: "Untracked", value: number(metrics.untracked), dot: "bg-slate-300", caption: "Sent without a provider id: no report can match" }]
      : []),
  ];
  const rate = metrics && metrics.sent > 0 ? metrics.deliveryRate : null;
  return (
    <div className="grid gap-3 md:grid-cols-[12rem_minmax(0,1fr)]">
      <div className="flex flex-col justify-between gap-4 rounded-lg bg-indigo-600 px-4 py-3.5 text-white">
        <dl>
          <dt className="text-xs font-medium text-indigo-100">Delivery rate</dt>
          <dd className="mt-1 text-3xl font-semibold tabular-nums" data-testid="metric-delivery-rate">
            {rate === null ? "—" : formatPercent(rate)}
          </dd>
        </dl>
        <div>
          <div className="h-1.5 overflow-hidden rounded-full bg-indigo-400/50" aria-hidden="true">
            <div className="h-full rounded-full bg-white" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
          </div>
          <p className="mt-2 text-xs text-indigo-100">{metrics && metrics.sent > 0 ? `${number(metrics.delivered)} of ${number(metrics.sent)} sent messages delivered` : "Nothing sent yet"}</p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {tiles.map((tile) => (
          <div key={tile.key} className="min-w-0 rounded-lg border border-slate-200 px-4 py-3">
            <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
              {tile.dot && <span aria-hidden="true" className={cx("size-2 shrink-0 rounded-full", tile.dot)} />}
              <span className="leading-tight">{tile.label}</span>
            </dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`metric-${tile.key}`}>
              {tile.value}
            </dd>
            <dd className="mt-0.5 truncate text-xs text-slate-400" title={tile.caption}>
              {tile.caption}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function FailureReasons({ metrics }: { metrics: CampaignAnalytics | undefined }) {
  if (!metrics) {
    return (
      <p className="flex items-center gap-2 px-6 pb-6 text-sm text-slate-500">
        <Spinner /> Loading…
      </p>
    );
  }
  if (metrics.failureReasons.length === 0) {
    return <p className="mx-6 mb-6 rounded-md bg-slate-50 px-3 py-3 text-sm text-slate-500">No failed messages.</p>;
  }
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="failure-reasons-heading">
      <FailureReasonsTable rows={metrics.failureReasons} labelledBy="failure-reasons-heading" className="min-w-[28rem]" />
    </div>
  );
}
