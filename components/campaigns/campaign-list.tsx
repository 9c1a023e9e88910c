"use client";
// The Campaigns list: newest first, each with its connector, status, when it starts or started, its progress and
// delivery rate; paged with "Load more", refreshed while any campaign shown is active. Managers and admins also
// pause, resume and cancel from here.
import Link from "next/link";
import type { CampaignView } from "@/lib/campaigns/schema";
import type { Page } from "@/lib/paging";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { deliveryRate, formatPercent, isActive, progressSummary } from "./campaign-display";
import { CampaignControls } from "./campaign-controls";
import { CampaignProgressBar } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status";
import { CampaignTime } from "./campaign-time";
import { useCampaignList } from "./queries";
import { campaignHref, newCampaignHref } from "./routes";

const MegaphoneIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-6">
    <path d="M4 10v4a1 1 0 0 0 1 1h2l5 4V5L7 9H5a1 1 0 0 0-1 1ZM16 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
  </svg>
);

export function CampaignList({ initialPage, pageSize, canConfigure, hasConnectors }: { initialPage: Page<CampaignView>; pageSize: number; canConfigure: boolean; hasConnectors: boolean }) {
  const query = useCampaignList(initialPage, pageSize);
  // A page boundary can move while campaigns are created: show each once.
  const seen = new Set<string>();
  const campaigns = (query.data?.pages.flatMap((page) => page.data) ?? []).filter((c) => !seen.has(c.id) && seen.add(c.id));
  const live = campaigns.some((campaign) => isActive(campaign.status));

  if (campaigns.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={<MegaphoneIcon />}
          title="No campaigns yet"
          actions={
            canConfigure &&
            (hasConnectors ? (
              <Link href={newCampaignHref} className={buttonClassName({ variant: "primary" })}>
                <PlusIcon /> New campaign
              </Link>
            ) : (
              <Link href="/settings/channel/sms?connector=new" className={buttonClassName()}>
                Add a connector first
              </Link>
            ))
          }
        >
          <p>
            A campaign sends one message to a whole audience — a CSV file of phone numbers, with a column for each detail you want in the message, such
            as a first name — through one of your connectors, now or at a time you choose.
          </p>
          <p className="mt-2">You follow its delivery live, and export the numbers that failed to clean your list.</p>
        </EmptyState>
      </Card>
    );
  }

  return (
    <Card>
      {query.isError && (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-6 py-2.5 text-sm text-red-700">
          Could not refresh the campaigns: {query.error.message}
        </p>
      )}
      <div className="overflow-x-auto">
        {/* Below md each row becomes a small card: name and status, when and rate, the bar, the controls. */}
        <table className="w-full text-left text-sm max-md:block">
          <caption className="sr-only">
            Campaigns, newest first{live ? " (updating while campaigns are sending)" : ""}
          </caption>
          <thead className="border-b border-slate-200 bg-slate-50/70 text-xs font-medium text-slate-500 max-md:hidden">
            <tr>
              <th scope="col" className="py-2.5 pr-3 pl-6 font-medium">Campaign</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Status</th>
              <th scope="col" className="px-3 py-2.5 font-medium">When</th>
              <th scope="col" className="min-w-44 px-3 py-2.5 font-medium">Progress</th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">Delivery rate</th>
              {canConfigure && (
                <th scope="col" className="py-2.5 pr-6 pl-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 max-md:block">
            {campaigns.map((campaign) => (
              <CampaignRow key={campaign.id} campaign={campaign} canConfigure={canConfigure} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-6 py-3 text-sm text-slate-500">
        <span className="flex items-center gap-2">
          {campaigns.length} campaign{campaigns.length === 1 ? "" : "s"}
          {query.isFetching && !query.isFetchingNextPage && <Spinner className="size-3.5 text-slate-400" />}
        </span>
        {query.hasNextPage && (
          <Button pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
    </Card>
  );
}

function CampaignRow({ campaign, canConfigure }: { campaign: CampaignView; canConfigure: boolean }) {
  const summary = progressSummary(campaign.progress);
  const rate = deliveryRate(campaign.progress);
  const when = campaign.startedAt ?? campaign.scheduledAt;
  const whenLabel = campaign.startedAt ? "Started" : campaign.status === "cancelled" ? "Was to start" : "Starts";
  return (
    <tr data-testid="campaign-row" className="align-middle max-md:grid max-md:grid-cols-[minmax(0,1fr)_auto] max-md:gap-x-4 max-md:gap-y-3 max-md:px-4 max-md:py-4">
      <td className="max-w-72 py-3 pr-3 pl-6 max-md:max-w-none max-md:p-0">
        <Link href={campaignHref(campaign.id)} className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
          {campaign.name}
        </Link>
        <span className="block truncate text-xs text-slate-500">
          {campaign.connectorName} · {campaign.sender}
        </span>
      </td>
      <td className="px-3 py-3 max-md:p-0 max-md:text-right">
        <CampaignStatusBadge status={campaign.status} />
        {campaign.statusReason && (
          <span className="mt-1 block max-w-48 truncate text-xs text-amber-700 max-md:ml-auto" title={campaign.statusReason}>
            {campaign.statusReason}
          </span>
        )}
      </td>
      <td className="px-3 py-3 text-xs max-md:p-0">
        {when ? (
          <>
            <span className="block text-slate-500">{whenLabel}</span>
            <CampaignTime iso={when} timeZone={campaign.timeZone} className="text-sm" />
          </>
        ) : (
          <span className="text-slate-400">{campaign.status === "draft" ? "Not started" : "—"}</span>
        )}
      </td>
      <td className="px-3 py-3 max-md:col-span-2 max-md:row-start-3 max-md:p-0">
        <CampaignProgressBar progress={campaign.progress} label={`Progress of ${campaign.name}`} />
        <span className="mt-1 block text-xs text-slate-500 tabular-nums">
          {summary.done.toLocaleString("en-GB")} / {summary.total.toLocaleString("en-GB")} processed
        </span>
      </td>
      <td className="px-3 py-3 text-right max-md:col-start-2 max-md:row-start-2 max-md:p-0">
        <span className="block text-xs text-slate-500 md:hidden">Delivery rate</span>
        <span className="font-medium text-slate-900 tabular-nums" data-testid="campaign-delivery-rate">
          {rate === null ? <span className="font-normal text-slate-400">—</span> : formatPercent(rate)}
        </span>
      </td>
      {canConfigure && (
        <td className="py-3 pr-6 pl-3 max-md:col-span-2 max-md:p-0 max-md:empty:hidden">
          <div className="flex justify-end max-md:justify-start">
            <CampaignControls campaign={campaign} size="sm" nameInLabels />
          </div>
        </td>
      )}
    </tr>
  );
}
