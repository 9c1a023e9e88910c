"use client";
// The left-hand list: native connectors, then the workspace's custom connectors with CREATE and Import.
import Link from "next/link";
import type { ConnectorSummary } from "@/lib/connectors/read-connectors";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { TEMPLATES_PATH } from "@/components/connector-templates/routes";
import type { NativeProviderSummary } from "@/lib/providers/registry";
import { NEW_NATIVE_PREFIX } from "./native/new-native";
import { ProviderMark } from "./native/provider-mark";
import { useUnsavedChanges } from "./unsaved-changes";

export const SCREEN_PATH = "/settings/channel/sms";
export const connectorHref = (id: string) => `${SCREEN_PATH}?connector=${encodeURIComponent(id)}`;

export function ConnectorList({
  connectors,
  natives,
  selectedId,
  canConfigure,
  onNavigate,
  onImport,
}: {
  connectors: ConnectorSummary[];
  /** The native providers, in the registry's order. */
  natives: NativeProviderSummary[];
  selectedId: string | null;
  canConfigure: boolean;
  onNavigate: (href: string) => void;
  onImport: () => void;
}) {
  const { confirmLeave, draftName } = useUnsavedChanges();
  const go = (href: string) => confirmLeave(() => onNavigate(href));
  const creating = selectedId === "new" && canConfigure;
  const customs = connectors.filter((connector) => connector.kind === "custom");

  return (
    <nav aria-label="Connectors" className="flex flex-col gap-6 p-3">
      <div>
        <h2 id="native-connectors-heading" className="px-2 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Native connectors
        </h2>
        <ul aria-labelledby="native-connectors-heading" className="space-y-0.5">
          {natives.map((native) => {
            const saved = connectors.find((connector) => connector.kind === native.kind);
            const href = connectorHref(saved ? saved.id : `${NEW_NATIVE_PREFIX}${native.kind}`);
            const selected = saved ? saved.id === selectedId : selectedId === `${NEW_NATIVE_PREFIX}${native.kind}`;
            return (
              <li key={native.kind}>
                <Link
                  href={href}
                  aria-current={selected ? "true" : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    if (!selected) go(href);
                  }}
                  className={cx(
                    "flex items-center justify-between gap-2 rounded-md px-2 py-2 text-sm transition-colors",
                    selected ? "bg-indigo-50 text-indigo-800 ring-1 ring-indigo-200 ring-inset" : saved ? "text-slate-700 hover:bg-slate-100" : "text-slate-500 hover:bg-slate-100 hover:text-slate-700",
                  )}
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <ProviderMark mark={native.mark} muted={!saved} />
                    <span className={cx("truncate", saved && "font-medium")}>{native.label}</span>
                  </span>
                  {saved ? <Badge tone="green">Configured</Badge> : <Badge>Not configured</Badge>}
                </Link>
              </li>
            );
          })}
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
          {customs.map((connector) => {
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
                  <span className={cx("block truncate text-xs", selected ? "text-indigo-700" : "text-slate-500")}>{connector.host}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        {customs.length === 0 && !creating && (
          <p className="mx-2 rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-xs text-slate-500">
            No custom connectors yet.
            {canConfigure && " Create one to send through any HTTP SMS API."}
          </p>
        )}
        {canConfigure && (
          <Button size="sm" variant="ghost" className="mt-2 w-full justify-start text-slate-600" onClick={() => go(TEMPLATES_PATH)}>
            New from a template…
          </Button>
        )}
        {canConfigure && (
          <Button size="sm" variant="ghost" className="w-full justify-start text-slate-600" onClick={() => confirmLeave(onImport)}>
            Import from JSON…
          </Button>
        )}
      </div>
    </nav>
  );
}
