// The workspace dashboard's content for one period (server-rendered): totals, flagged connectors, a row per
// connector and the top failure reasons.
import Link from "next/link";
import type { DashboardFlag, WorkspaceDashboard } from "@/lib/delivery/dashboard";
import type { MetricsCounts } from "@/lib/delivery/metrics";
import { LocalTime } from "@/components/messages/local-time";
import { connectorScreenHref } from "@/components/messages/routes";
import { buttonClassName } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { ExclamationIcon, InboxIcon } from "@/components/ui/icons";
import { count, percent } from "./format";
import { RANGE_LABELS } from "./range-switch";

const connectorMetricsHref = (id: string) => `${connectorScreenHref(id)}#metrics`;

export function DashboardView({ dashboard, canConfigure }: { dashboard: WorkspaceDashboard; canConfigure: boolean }) {
  if (!dashboard.hasMessages) {
    return (
      <Card>
        <EmptyState
          icon={<InboxIcon />}
          title="No messages yet"
          actions={
            <>
              <Link href="/settings/channel/sms" className={buttonClassName({ variant: canConfigure ? "primary" : undefined })}>
                {dashboard.connectors.length === 0 && canConfigure ? "Set up a connector" : "SMS & Connectors"}
              </Link>
              <Link href="/campaigns" className={buttonClassName()}>
                Campaigns
              </Link>
            </>
          }
        >
          Once messages go out — a test SMS, the REST API or a campaign — this page shows how many were delivered, which connectors fail and
          why.
        </EmptyState>
      </Card>
    );
  }
  const period = RANGE_LABELS[dashboard.range].long;
  return (
    <div className="space-y-6">
      <Totals totals={dashboard.totals} period={period} />
      {dashboard.flags.length > 0 && <Flags flags={dashboard.flags} />}
      <ConnectorTable dashboard={dashboard} period={period} />
      <FailureReasons reasons={dashboard.failureReasons} period={period} />
    </div>
  );
}

function Totals({ totals, period }: { totals: MetricsCounts; period: string }) {
  const tiles: Array<{ key: string; label: string; value: string; caption: string; tone?: string }> = [
    {
      key: "delivery-rate",
      label: "Delivery rate",
      value: totals.sent ? percent(totals.deliveryRate) : "–",
      caption: totals.sent ? `${count(totals.delivered)} of ${count(totals.sent)} sent` : "Nothing sent",
      tone: "text-indigo-700",
    },
    { key: "sent", label: "Sent", value: count(totals.sent), caption: `of ${count(totals.attempted)} attempted` },
    { key: "delivered", label: "Delivered", value: count(totals.delivered), caption: "Confirmed by a delivery report" },
    {
      key: "failed",
      label: "Failed",
      value: count(totals.failedToSend + totals.failedToDeliver),
      caption: `${count(totals.failedToSend)} to send · ${count(totals.failedToDeliver)} to deliver`,
      tone: totals.failedToSend + totals.failedToDeliver ? "text-red-700" : undefined,
    },
    { key: "pending", label: "Pending", value: count(totals.pending), caption: "Queued, sending or awaiting a report" },
    { key: "untracked", label: "Untracked", value: count(totals.untracked), caption: "Sent without a provider id" },
  ];
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="sr-only">
        Totals for {period}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map((tile) => (
          <div key={tile.key} className="min-w-0 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-xs">
            <dt className="text-xs font-medium text-slate-500">{tile.label}</dt>
            <dd data-testid={`total-${tile.key}`} className={cx("mt-1 text-2xl font-semibold text-slate-900 tabular-nums", tile.tone)}>
              {tile.value}
            </dd>
            <dd className="mt-0.5 truncate text-xs text-slate-500">{tile.caption}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Flags({ flags }: { flags: DashboardFlag[] }) {
  return (
    <Card aria-labelledby="flags-heading" className="border-amber-300">
      <div className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-6 py-3.5 text-amber-900">
        <ExclamationIcon className="size-5 shrink-0" />
        <h2 id="flags-heading" className="text-base font-semibold">
          Needs a look ({flags.length})
        </h2>
      </div>
      <ul className="divide-y divide-slate-100">
        {flags.map((flag) => (
          <li key={`${flag.kind}:${flag.connectorId}`} data-testid="dashboard-flag" className="flex flex-wrap items-start justify-between gap-3 px-6 py-3.5 text-sm">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {flag.connectorName}: {flag.kind === "reports-stopped" ? "delivery reports stopped arriving" : "failure rate jumped"}
              </p>
              <p className="mt-0.5 text-slate-600">{flagNumbers(flag)}</p>
            </div>
            <Link href={connectorMetricsHref(flag.connectorId)} className="shrink-0 font-medium text-indigo-700 hover:underline">
              Open {flag.connectorName}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function flagNumbers(flag: DashboardFlag) {
  if (flag.kind === "reports-stopped") {
    return (
      <>
        Last report <LocalTime iso={flag.lastReportAt} />; {count(flag.sentSince)} message{flag.sentSince === 1 ? "" : "s"} sent in the last {flag.hours} hours without a
        report since.
      </>
    );
  }
  return (
    <>
      {percent(flag.recent.rate)} failed in the last 24 hours ({count(flag.recent.failures)} of {count(flag.recent.attempted)}), against {percent(flag.baseline.rate)} in the 7 days
      before ({count(flag.baseline.failures)} of {count(flag.baseline.attempted)}).
    </>
  );
}

function ConnectorTable({ dashboard, period }: { dashboard: WorkspaceDashboard; period: string }) {
  return (
    <Card aria-labelledby="connectors-heading">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 id="connectors-heading" className="text-base font-semibold text-slate-900">
          Connectors
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">Messages created in {period}, campaigns and test sends included.</p>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Delivery per connector, {period}</caption>
          <thead className="border-b border-slate-200 bg-slate-50/70 text-xs font-medium text-slate-500">
            <tr>
              <th scope="col" className="py-2.5 pr-3 pl-6 font-medium">Connector</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Delivery rate</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Sent</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Delivered</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Failed</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Pending</th>
              <th scope="col" className="py-2.5 pr-6 pl-3 text-right font-medium">Untracked</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {dashboard.connectors.map(({ id, name, kind, metrics }) => {
              const failed = metrics.failedToSend + metrics.failedToDeliver;
              return (
                <tr key={id} data-testid="dashboard-connector-row">
                  <th scope="row" className="py-3 pr-3 pl-6 font-medium">
                    <Link href={connectorMetricsHref(id)} className="text-slate-900 hover:text-indigo-700 hover:underline">
                      {name}
                    </Link>
                    {kind !== "custom" && (
                      <Badge tone="slate" className="ml-2">
                        Native
                      </Badge>
                    )}
                  </th>
                  <td className="px-3 py-3 text-right tabular-nums" data-column="delivery-rate">
                    {metrics.sent ? percent(metrics.deliveryRate) : <span className="text-slate-500">–</span>}
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums" data-column="sent">{count(metrics.sent)}</td>
                  <td className="px-3 py-3 text-right tabular-nums" data-column="delivered">{count(metrics.delivered)}</td>
                  <td className={cx("px-3 py-3 text-right tabular-nums", failed > 0 && "text-red-700")} data-column="failed" title={`${metrics.failedToSend} failed to send, ${metrics.failedToDeliver} to deliver`}>
                    {count(failed)}
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums" data-column="pending">{count(metrics.pending)}</td>
                  <td className="py-3 pr-6 pl-3 text-right tabular-nums" data-column="untracked">{count(metrics.untracked)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function FailureReasons({ reasons, period }: { reasons: WorkspaceDashboard["failureReasons"]; period: string }) {
  return (
    <Card aria-labelledby="reasons-heading">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 id="reasons-heading" className="text-base font-semibold text-slate-900">
          Top failure reasons
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">Why messages failed to send or to deliver in {period}, across every connector.</p>
      </div>
      {reasons.length === 0 ? (
        <p className="px-6 py-5 text-sm text-slate-500">No failures in {period}.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {reasons.map((reason) => (
            <li key={`${reason.kind}:${reason.reason}`} data-testid="dashboard-reason" className="flex items-start justify-between gap-4 px-6 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-mono text-[13px] break-words text-slate-900">{reason.reason}</p>
                <p className="text-xs text-slate-500">{reason.kind === "send" ? "Failed to send" : "Failed to deliver"}</p>
              </div>
              <span className="shrink-0 font-semibold text-slate-900 tabular-nums">{count(reason.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
