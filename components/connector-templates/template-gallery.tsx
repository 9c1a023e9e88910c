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
          {/* The link is the template's name (its accessible name is what it shows); its ::after covers the card,
              so the whole card is the click target. */}
          <Card className="relative h-full transition-shadow hover:shadow-md">
            <div className="flex h-full flex-col gap-2 px-5 py-4">
              <span className="flex items-center justify-between gap-2">
                <Link
                  href={templateHref(template.id)}
                  className="text-base font-semibold text-slate-900 after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-indigo-500"
                >
                  {template.name}
                </Link>
                <Badge tone={template.kind === "gateway" ? "indigo" : "slate"}>{template.kind === "gateway" ? "Gateway you run" : "Provider"}</Badge>
              </span>
              <span className="flex-1 text-sm text-slate-600">{template.summary}</span>
              <span aria-hidden="true" className="flex items-center gap-1 text-sm font-medium text-indigo-700">
                Use this template <ChevronRightIcon className="size-4" />
              </span>
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
