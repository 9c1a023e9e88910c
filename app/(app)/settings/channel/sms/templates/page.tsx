import type { Metadata } from "next";
import Link from "next/link";
import { templateSummaries } from "@/lib/connectors/templates";
import { TemplateGallery } from "@/components/connector-templates/template-gallery";
import { buttonClassName } from "@/components/ui/button";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "New connector from a template" };

export default async function ConnectorTemplatesPage() {
  await requirePageActor();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            <Link href="/settings/channel/sms" className="hover:text-indigo-700">
              SMS &amp; Connectors
            </Link>
          </nav>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">New connector from a template</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">
            Ready custom-connector configurations for gateways and providers without a native connector: the request, the sent-id mapping and the
            delivery-report mapping, taken from each provider&apos;s documentation. Give your credentials and a sender; everything stays editable.
          </p>
        </div>
        <Link href="/settings/channel/sms?connector=new" className={buttonClassName()}>
          Start from scratch
        </Link>
      </div>
      <TemplateGallery templates={templateSummaries()} />
    </div>
  );
}
