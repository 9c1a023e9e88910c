import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/accounts/permissions";
import { listConnectorViews } from "@/lib/connectors/read-connectors";
import { config } from "@/lib/env";
import { countryOptions } from "@/components/campaigns/countries";
import { NewCampaignForm } from "@/components/campaigns/new-campaign-form";
import { campaignsHref } from "@/components/campaigns/routes";
import { buttonClassName } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await requirePageActor();
  const canConfigure = can(actor, "configure");
  const connectors = canConfigure ? (await listConnectorViews(actor, { limit: 200 })).data : [];
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          <Link href={campaignsHref} className="hover:text-indigo-700">
            Campaigns
          </Link>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">New campaign</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-500">
          <span className="font-medium text-slate-700">Step 1 of 2:</span> the audience. Nothing is sent yet: next you write the message, see it as
          each recipient will, send yourself a test, and choose when it goes out.
        </p>
      </div>
      {!canConfigure ? (
        <Card>
          <EmptyState title="Your role cannot create campaigns">Viewers see campaigns and their results; a manager or an admin creates and starts them.</EmptyState>
        </Card>
      ) : connectors.length === 0 ? (
        <Card>
          <EmptyState
            title="Add a connector first"
            actions={
              <Link href="/settings/channel/sms?connector=new" className={buttonClassName({ variant: "primary" })}>
                Add a connector
              </Link>
            }
          >
            A campaign sends through one of your connectors. Set one up under SMS &amp; Connectors, then come back.
          </EmptyState>
        </Card>
      ) : (
        <NewCampaignForm
          connectors={connectors.map((connector) => ({ id: connector.id, name: connector.name, senders: connector.senders.map((s) => ({ name: s.name, default: s.default })) }))}
          countries={countryOptions()}
          maxFileBytes={config().campaignCsvMaxBytes}
        />
      )}
    </div>
  );
}
