// The connector-template gallery: one card per gateway or provider with a ready custom-connector configuration.
import Link from "next/link";
import type { TemplateSummary } from "@/lib/connectors/templates/template-schema";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/field";
import { ChevronRightIcon } from "@/components/ui/icons";
import { templateHref } from "./routes";

export function TemplateGallery({ templates }: { templates: readonly TemplateSummary[] }) {
  return (
    <ul aria-label="Connector templates" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {templates.map((template) => (
        <li key={template.id}>
          <Card className="h-full transition-shadow hover:shadow-md">
            <Link href={templateHref(template.id)} className="flex h-full flex-col gap-2 px-5 py-4 focus-visible:outline-2 focus-visible:outline-indigo-500" aria-label={template.name}>
              <span className="flex items-center justify-between gap-2">
                <span className="text-base font-semibold text-slate-900">{template.name}</span>
                <Badge tone={template.kind === "gateway" ? "indigo" : "slate"}>{template.kind === "gateway" ? "Gateway you run" : "Provider"}</Badge>
              </span>
              <span className="flex-1 text-sm text-slate-600">{template.summary}</span>
              <span className="flex items-center gap-1 text-sm font-medium text-indigo-700">
                Use this template <ChevronRightIcon className="size-4" />
              </span>
            </Link>
          </Card>
        </li>
      ))}
    </ul>
  );
}
