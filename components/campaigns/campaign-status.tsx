// A campaign's status as a badge.
import type { CampaignStatus } from "@/lib/campaigns/schema";
import { Badge } from "@/components/ui/field";
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUS_TONES } from "./campaign-display";

const HINTS: Record<CampaignStatus, string> = {
  draft: "Not started: its message and time can still change",
  scheduled: "Starts by itself at its scheduled time",
  running: "Sending now, at its connector's throughput limit",
  paused: "Sends nothing until it is resumed",
  completed: "Every recipient's message has been handed to the provider or failed",
  cancelled: "Sends nothing more; what was already sent stays sent",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span title={HINTS[status]} className="inline-flex" data-testid="campaign-status">
      <Badge tone={CAMPAIGN_STATUS_TONES[status]}>
        {status === "running" && <span aria-hidden="true" className="mr-1.5 size-1.5 animate-pulse rounded-full bg-indigo-500" />}
        {CAMPAIGN_STATUS_LABELS[status]}
      </Badge>
    </span>
  );
}
