import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/accounts/permissions";
import { getConnector } from "@/lib/connectors/read-connectors";
import { messageLogFilterSchema } from "@/lib/messages/message-log-filter";
import { listConnectorMessages } from "@/lib/messages/read-messages";
import { connectorScreenHref } from "@/components/messages/routes";
import { MessageLog } from "@/components/messages/message-log";
import { buttonClassName } from "@/components/ui/button";
import { requirePageActor } from "@/server/auth";
import { orNotFound } from "@/server/not-found";

export const metadata: Metadata = { title: "Message log" };

const PAGE_SIZE = 50;

export default async function MessageLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ connectorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { connectorId } = await params;
  const actor = await requirePageActor();
  const connector = await orNotFound(getConnector(actor, connectorId));
  // The filters of a shared link; one that cannot be read is named and left out rather than failing the page.
  const asked = Object.fromEntries(Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])));
  const parsed = messageLogFilterSchema.safeParse(asked);
  const filter = parsed.success ? parsed.data : {};
  const firstPage = await orNotFound(listConnectorMessages(actor, connector.id, { ...filter, limit: PAGE_SIZE }));
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
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Message log</h1>
          <p className="mt-1 text-sm text-slate-500">
            Every message sent through <span className="font-medium text-slate-700">{connector.name}</span>, newest first. Open one to see its
            timeline and the exact request that went to the provider.
          </p>
        </div>
        <Link href={back} className={buttonClassName()}>
          Back to connector
        </Link>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          This link&apos;s filters could not be read, so all messages are shown: {parsed.error.issues.map((issue) => issue.message).join("; ")}
        </p>
      )}
      <MessageLog
        connectorId={connector.id}
        connectorHref={back}
        canSendTest={can(actor, "configure")}
        senders={connector.senders.map((sender) => sender.name)}
        filter={filter}
        initialPage={firstPage}
        pageSize={PAGE_SIZE}
      />
    </div>
  );
}
