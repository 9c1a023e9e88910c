"use client";
// A connector's unmatched inbox: delivery reports that found no message for longer than the configured wait, newest
// first, each with why, and "Re-match" to read them all again once the mapping is fixed. Refreshes by itself.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { rematchUnmatchedReportsAction } from "@/server/actions/delivery";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Badge } from "@/components/ui/field";
import { CheckCircleIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "./format";
import { useUnmatchedReports, type UnmatchedReport, type UnmatchedReportPage } from "./queries";
import { deliveryKeys } from "./query-keys";

export function UnmatchedInbox({
  connectorId,
  connectorHref,
  initialPage,
  pageSize,
  canRematch,
  waitMinutes,
}: {
  connectorId: string;
  /** The connector's screen, where the mapping is fixed. */
  connectorHref: string;
  initialPage: UnmatchedReportPage;
  pageSize: number;
  canRematch: boolean;
  /** How long a report waits before it lands here (SWITCHBOARD_DLR_UNMATCHED_MINUTES). */
  waitMinutes: number;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useUnmatchedReports(connectorId, pageSize, initialPage);
  const [rematching, setRematching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pages = query.data?.pages ?? [initialPage];
  const total = pages[0].total;
  const seen = new Set<string>();
  const reports = pages.flatMap((page) => page.data).filter((report) => !seen.has(report.id) && seen.add(report.id));

  const rematch = async () => {
    setRematching(true);
    setError(null);
    const result = await rematchUnmatchedReportsAction(connectorId);
    setRematching(false);
    if (!result.ok) return setError(result.error.message);
    toast(result.data.queued === 0 ? "Nothing to re-match" : `Re-matching ${result.data.queued.toLocaleString("en-GB")} ${result.data.queued === 1 ? "report" : "reports"} with the current mapping`);
    void queryClient.invalidateQueries({ queryKey: deliveryKeys.connector(connectorId) });
  };

  return (
    <Card aria-labelledby="unmatched-heading">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
        <div>
          <h2 id="unmatched-heading" className="text-base font-semibold text-slate-900">
            {total.toLocaleString("en-GB")} unmatched {total === 1 ? "report" : "reports"}
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-500">
            Reports that found no message for {waitMinutes} minutes. Fix the mapping on the <Link href={connectorHref} className="font-medium text-indigo-700 hover:underline">connector&apos;s screen</Link>,
            then re-match: every report here (and those still waiting) is read again. Saving a mapping re-matches too.
          </p>
        </div>
        {canRematch && (
          <Button variant="primary" onClick={rematch} pending={rematching} disabled={rematching || total === 0}>
            Re-match
          </Button>
        )}
      </div>
      {error && <p className="mx-6 mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {reports.length === 0 ? (
        <EmptyState title="No unmatched reports" icon={<CheckCircleIcon className="size-6" />}>
          Every delivery report of this connector found its message.
        </EmptyState>
      ) : (
        <ul aria-label="Unmatched reports" className="divide-y divide-slate-100">
          {reports.map((report) => (
            <UnmatchedRow key={report.id} report={report} />
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <div className="border-t border-slate-100 px-6 py-3 text-center">
          <Button onClick={() => query.fetchNextPage()} pending={query.isFetchingNextPage} disabled={query.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      )}
    </Card>
  );
}

function UnmatchedRow({ report }: { report: UnmatchedReport }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="px-6 py-3 text-sm" data-testid="unmatched-report">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 font-medium break-words text-slate-900" data-testid="unmatched-reason">
          {report.reason}
        </p>
        <span className="shrink-0 text-xs text-slate-500 tabular-nums" suppressHydrationWarning>
          {formatDateTime(report.receivedAt)}
        </span>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        {report.status !== null && (
          <span>
            Status <code className="font-mono text-slate-700">{report.status}</code>
          </span>
        )}
        {report.matchBy && <Badge>{report.matchBy === "message-id" ? "named by Switchboard's id" : "named by the provider's id"}</Badge>}
        {report.report !== null && (
          <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="font-medium text-indigo-700 hover:underline">
            {open ? "Hide the report" : "Show the report"}
          </button>
        )}
      </div>
      {open && report.report !== null && (
        <pre className="mt-2 max-h-60 overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-800">{JSON.stringify(report.report, null, 2)}</pre>
      )}
    </li>
  );
}
