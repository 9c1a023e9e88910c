"use client";
// A started campaign's page: its state and controls, live progress by state (every 2 s while it may send), why it
// stopped when it stopped on its own, its analytics, its message and its audience. Viewers see it all, without
// the controls.
import Link from "next/link";
import type { CampaignView } from "@/lib/campaigns/schema";
import { Card } from "@/components/ui/card";
import { AudiencePanel } from "./audience-panel";
import { CampaignAnalyticsPanel } from "./campaign-analytics";
import { CampaignControls } from "./campaign-controls";
import { isActive } from "./campaign-display";
import { ProgressCounts } from "./campaign-progress";
import { CampaignStatusBadge } from "./campaign-status";
import { CampaignTime } from "./campaign-time";
import { useCampaign } from "./queries";
import { campaignsHref } from "./routes";

export function CampaignScreen({ campaign: initial, canConfigure }: { campaign: CampaignView; canConfigure: boolean }) {
  const query = useCampaign(initial);
  const campaign = query.data ?? initial;
  const live = isActive(campaign.status);
  const started = campaign.startedAt !== null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            <Link href={campaignsHref} className="hover:text-indigo-700">
              Campaigns
            </Link>
          </nav>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <h1 className="min-w-0 text-2xl font-semibold [overflow-wrap:anywhere] text-slate-900">{campaign.name}</h1>
            <CampaignStatusBadge status={campaign.status} />
          </div>
          <p className="mt-1 text-sm text-slate-500">
            Through <span className="font-medium text-slate-700">{campaign.connectorName}</span> as{" "}
            <span className="font-medium text-slate-700">{campaign.sender}</span>
            {campaign.dltTemplateId ? ` · DLT template ${campaign.dltTemplateId}` : ""}
          </p>
        </div>
        {canConfigure && <CampaignControls campaign={campaign} />}
      </div>

      {campaign.statusReason && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="status-reason">
          {campaign.statusReason}
        </p>
      )}
      {query.isError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-700">
          Could not refresh the campaign: {query.error.message}
        </p>
      )}

      <Card aria-labelledby="progress-heading">
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
          <div>
            <h2 id="progress-heading" className="text-base font-semibold text-slate-900">
              Progress
            </h2>
            <p className="mt-0.5 text-sm text-slate-500">{progressCaption(campaign)}</p>
          </div>
          {live && (
            <span className="flex items-center gap-2 text-sm text-slate-500" title="Updating every 2 seconds">
              <span className="relative flex size-2">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-75" />
                <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
              </span>
              Live
            </span>
          )}
        </div>
        <div className="px-6 py-5">
          <ProgressCounts progress={campaign.progress} />
        </div>
        <dl className="grid gap-4 border-t border-slate-100 px-6 py-4 text-sm sm:grid-cols-3">
          {campaign.scheduledAt && (
            <div>
              <dt className="text-xs font-medium text-slate-500">{started ? "Was scheduled for" : "Starts"}</dt>
              <dd className="mt-0.5" data-testid="scheduled-at">
                <CampaignTime iso={campaign.scheduledAt} timeZone={campaign.timeZone} />
              </dd>
            </div>
          )}
          <div>
            <dt className="text-xs font-medium text-slate-500">Started</dt>
            <dd className="mt-0.5" data-testid="started-at">
              {campaign.startedAt ? <CampaignTime iso={campaign.startedAt} timeZone={campaign.timeZone} /> : <span className="text-slate-400">Not yet</span>}
            </dd>
          </div>
          {campaign.completedAt && (
            <div>
              <dt className="text-xs font-medium text-slate-500">{campaign.status === "cancelled" ? "Cancelled" : "Finished"}</dt>
              <dd className="mt-0.5">
                <CampaignTime iso={campaign.completedAt} timeZone={campaign.timeZone} />
              </dd>
            </div>
          )}
        </dl>
      </Card>

      {started && <CampaignAnalyticsPanel campaign={campaign} />}

      <Card aria-labelledby="campaign-message-heading">
        <div className="px-6 py-5">
          <h2 id="campaign-message-heading" className="text-base font-semibold text-slate-900">
            Message
          </h2>
          <p className="mt-3 rounded-lg bg-slate-50 px-4 py-3 font-mono text-[13px] [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800">{campaign.message}</p>
        </div>
      </Card>

      <AudiencePanel campaign={campaign} showRecipients={false} />
    </div>
  );
}

function progressCaption(campaign: CampaignView): string {
  switch (campaign.status) {
    case "scheduled":
      return "Waiting for its start time: nothing has been sent yet.";
    case "running":
      return "Sending at the connector's throughput limit, shared fairly with other sends through it.";
    case "paused":
      return "Paused: nothing more is handed to the provider until it is resumed. Reports for what was sent still arrive.";
    case "completed":
      return "Every message has been handed to the provider or failed. Delivery reports may still arrive.";
    case "cancelled":
      return "Cancelled: recipients not yet sent to got nothing; what was sent stays sent.";
    default:
      return "";
  }
}
