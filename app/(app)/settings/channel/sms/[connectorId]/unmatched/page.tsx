import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/accounts/permissions";
import { getConnector } from "@/lib/connectors/read-connectors";
import { listUnmatchedReports } from "@/lib/delivery/unmatched-reports";
import { config } from "@/lib/env";
import { UnmatchedInbox } from "@/components/delivery/unmatched-inbox";
import { connectorScreenHref } from "@/components/messages/routes";
import { buttonClassName } from "@/components/ui/button";
import { requirePageActor } from "@/server/auth";
import { orNotFound } from "@/server/not-found";

export const metadata: Metadata = { title: "Unmatched delivery reports" };

const PAGE_SIZE = 50;

export default async function UnmatchedReportsPage({ params }: { params: Promise<{ connectorId: string }> }) {
  const { connectorId } = await params;
  const actor = await requirePageActor();
  const connector = await orNotFound(getConnector(actor, connectorId));
  const firstPage = await listUnmatchedReports(actor, connector.id, { limit: PAGE_SIZE });
  const back = connectorScreenHref(connector.id);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            <ol className="flex flex-wrap items-center gap-1.5">
              <li>
                <Link href="/settings/channel/sms" className="hover:text-indigo-700">
                  SMS &amp; Connectors
                </Link>
              </li>
              <li aria-hidden="true">/</li>
              <li>
                <Link href={back} className="hover:text-indigo-700">
                  {connector.name}
                </Link>
              </li>
            </ol>
          </nav>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Unmatched delivery reports</h1>
        </div>
        <Link href={back} className={buttonClassName()}>
          Back to connector
        </Link>
      </div>
      <UnmatchedInbox
        connectorId={connector.id}
        connectorHref={back}
        initialPage={firstPage}
        pageSize={PAGE_SIZE}
        canRematch={can(actor, "configure")}
        waitMinutes={config().deliveryUnmatchedAfterMinutes}
      />
    </div>
  );
}
