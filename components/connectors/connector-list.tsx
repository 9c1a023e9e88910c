"use client";
// The left-hand list: native connectors, then the workspace's custom connectors with CREATE and Import.
import Link from "next/link";
import type { ConnectorSummary } from "@/lib/connectors/service";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { NATIVE_CONNECTORS } from "./native-connectors";
import { useUnsavedChanges } from "./unsaved-changes";

export const SCREEN_PATH = "/settings/channel/sms";
export const connectorHref = (id: string) => `${SCREEN_PATH}?connector=${encodeURIComponent(id)}`;

export function ConnectorList({
  connectors,
  selectedId,
  canConfigure,
  onNavigate,
  onImport,
}: {
  connectors: ConnectorSummary[];
  selectedId: string | null;
  canConfigure: boolean;
  onNavigate: (href: string) => void;
  onImport: () => void;
}) {
  const { confirmLeave, draftName } = useUnsavedChanges();
  const go = (href: string) => confirmLeave(() => onNavigate(href));
  const creating = selectedId === "new" && canConfigure;

  return (
    <nav aria-label="Connectors" className="flex flex-col gap-6 p-3">
      <div>
        <h2 className="px-2 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Native connectors</h2>
        <ul className="space-y-0.5">
          {NATIVE_CONNECTORS.map((native) => (
            <li
              key={native.id}
              className="flex items-center justify-between gap-2 rounded-md px-2 py-2 text-sm text-slate-500"
            >
              <span className="flex items-center gap-2">
                <span aria-hidden="true" className="flex size-6 items-center justify-center rounded bg-slate-100 text-[11px] font-semibold text-slate-500">
                  {native.name[0]}
                </span>
                {native.name}
              </span>
              <Badge>Not configured</Badge>
            </li>
          ))}
        </ul>
      </div>

      <div>
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <h2 id="custom-connectors-heading" className="text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase">
            Custom connectors
          </h2>
          {canConfigure && (
            <Button size="sm" variant="primary" onClick={() => go(connectorHref("new"))} aria-label="Create custom connector">
              <PlusIcon className="size-3.5" />
              CREATE
            </Button>
          )}
        </div>
        <ul aria-labelledby="custom-connectors-heading" className="space-y-0.5">
          {creating && (
            <li>
              <span
                aria-current="true"
                className="flex items-center justify-between gap-2 rounded-md bg-indigo-50 px-2 py-2 text-sm font-medium text-indigo-800 ring-1 ring-indigo-200 ring-inset"
              >
                <span className="truncate">{draftName?.trim() || "New Connector"}</span>
                <Badge tone="amber">Unsaved</Badge>
              </span>
            </li>
          )}
          {connectors.map((connector) => {
            const selected = connector.id === selectedId;
            return (
              <li key={connector.id}>
                <Link
                  href={connectorHref(connector.id)}
                  aria-current={selected ? "true" : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    if (!selected) go(connectorHref(connector.id));
                  }}
                  className={cx(
                    "block rounded-md px-2 py-2 text-sm transition-colors",
                    selected ? "bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200 ring-inset" : "text-slate-700 hover:bg-slate-100",
                  )}
                >
                  <span className="block truncate font-medium">{connector.name}</span>
                  <span className={cx("block truncate text-xs", selected ? "text-indigo-600/80" : "text-slate-500")}>{connector.host}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        {connectors.length === 0 && !creating && (
          <p className="mx-2 rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-xs text-slate-500">
            No custom connectors yet.
            {canConfigure && " Create one to send through any HTTP SMS API."}
          </p>
        )}
        {canConfigure && (
          <Button size="sm" variant="ghost" className="mt-2 w-full justify-start text-slate-600" onClick={() => confirmLeave(onImport)}>
            Import from JSON…
          </Button>
        )}
      </div>
    </nav>
  );
}
