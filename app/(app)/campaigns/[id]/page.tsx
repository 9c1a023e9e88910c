import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/accounts/permissions";
import { getCampaign } from "@/lib/campaigns/read-campaigns";
import { getConnector } from "@/lib/connectors/read-connectors";
import { NotFoundError } from "@/lib/errors";
import { CampaignScreen } from "@/components/campaigns/campaign-screen";
import { DraftEditor } from "@/components/campaigns/draft-editor";
import { DraftReadOnly } from "@/components/campaigns/draft-read-only";
import { campaignsHref } from "@/components/campaigns/routes";
import { Badge } from "@/components/ui/field";
import { requirePageActor } from "@/server/auth";
import { orNotFound } from "@/server/not-found";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const campaign = await orNotFound(getCampaign(actor, id));
  const canConfigure = can(actor, "configure");
  if (campaign.status !== "draft") return <CampaignScreen campaign={campaign} canConfigure={canConfigure} />;

  const connector = campaign.connectorId
    ? await getConnector(actor, campaign.connectorId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      })
    : null;
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          <Link href={campaignsHref} className="hover:text-indigo-700">
            Campaigns
          </Link>
        </nav>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold [overflow-wrap:anywhere] text-slate-900">{campaign.name}</h1>
          <Badge>Draft</Badge>
        </div>
        <p className="mt-1 max-w-2xl text-sm text-slate-500">
          {canConfigure ? (
            <>
              <span className="font-medium text-slate-700">Step 2 of 2:</span> the message and when it goes out. Nothing is sent until you start it.
            </>
          ) : (
            "Not started yet: a manager or an admin writes its message and starts it."
          )}
        </p>
      </div>
      {canConfigure ? (
        <DraftEditor campaign={campaign} senders={connector?.senders.map((sender) => sender.name) ?? []} />
      ) : (
        <DraftReadOnly campaign={campaign} />
      )}
    </div>
  );
}
