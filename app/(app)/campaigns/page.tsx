import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/accounts/permissions";
import { listCampaigns } from "@/lib/campaigns/read-campaigns";
import { listConnectors } from "@/lib/connectors/read-connectors";
import { CampaignList } from "@/components/campaigns/campaign-list";
import { newCampaignHref } from "@/components/campaigns/routes";
import { buttonClassName } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "Campaigns" };

const PAGE_SIZE = 25;

export default async function CampaignsPage() {
  const actor = await requirePageActor();
  const [firstPage, connectors] = await Promise.all([listCampaigns(actor, { limit: PAGE_SIZE }), listConnectors(actor)]);
  const canConfigure = can(actor, "configure");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-slate-900">Campaigns</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">
            One message to a whole audience from a CSV file, personalised for each recipient, sent through a connector now or at a time you choose.
          </p>
        </div>
        {canConfigure && connectors.length > 0 && (
          <Link href={newCampaignHref} className={buttonClassName({ variant: "primary" })}>
            <PlusIcon /> New campaign
          </Link>
        )}
      </div>
      <CampaignList initialPage={firstPage} pageSize={PAGE_SIZE} canConfigure={canConfigure} hasConnectors={connectors.length > 0} />
    </div>
  );
}
