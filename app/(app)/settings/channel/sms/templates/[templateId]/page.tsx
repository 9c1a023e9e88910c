import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/accounts/permissions";
import { listConnectors } from "@/lib/connectors/read-connectors";
import { findConnectorTemplate } from "@/lib/connectors/templates";
import { TemplateConnectorForm } from "@/components/connector-templates/template-connector-form";
import { TemplatePreview } from "@/components/connector-templates/template-preview";
import { TEMPLATES_PATH } from "@/components/connector-templates/routes";
import { uniqueConnectorName } from "@/components/connectors/form-values";
import { EyeIcon } from "@/components/ui/icons";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "New connector from a template" };

export default async function ConnectorTemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const { templateId } = await params;
  const actor = await requirePageActor();
  const template = findConnectorTemplate(templateId);
  if (!template) notFound();
  const taken = (await listConnectors(actor)).map((connector) => connector.name);

  return (
    <div className="space-y-6">
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
              <Link href={TEMPLATES_PATH} className="hover:text-indigo-700">
                Templates
              </Link>
            </li>
          </ol>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{template.name}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">{template.summary}</p>
        <p className="mt-1 text-sm">
          {template.docs.map((url, index) => (
            <a key={url} href={url} target="_blank" rel="noreferrer" className="mr-3 font-medium text-indigo-700 hover:underline">
              {index === 0 ? "Provider documentation" : `More (${index + 1})`}
            </a>
          ))}
        </p>
      </div>
      {can(actor, "configure") ? (
        <TemplateConnectorForm template={{ id: template.id, name: template.name, inputs: template.inputs }} defaultName={uniqueConnectorName(template.name, taken)} />
      ) : (
        <p role="note" className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          <EyeIcon className="size-4 text-slate-400" />
          You have view access: an admin or manager of this workspace can create connectors.
        </p>
      )}
      <TemplatePreview template={template} />
    </div>
  );
}
