"use client";
// The SMS Connector Config tab: the list on the left, the selected connector (or an empty state) on the right.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { ConnectorView } from "@/lib/connectors/schema";
import type { ConnectorSummary } from "@/lib/connectors/read-connectors";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { Card, EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { EyeIcon, PlugIcon, PlusIcon } from "@/components/ui/icons";
import { NarrowDrawer } from "@/components/ui/narrow-drawer";
import { ConnectorEditor } from "./connector-editor";
import { connectorHref, ConnectorList, SCREEN_PATH } from "./connector-list";
import { NEW_CONNECTOR_NAME, uniqueConnectorName } from "./form-values";
import { ImportConnectorDialog } from "./import-connector-dialog";
import { NativeConnectorEditor } from "./native/native-connector-editor";
import type { NativeProviderInfo } from "@/lib/providers/provider-info";
import type { NativeProviderSummary } from "@/lib/providers/registry";
import { newNativeKind } from "./native/new-native";
import { UnsavedChangesProvider } from "./unsaved-changes";

interface ScreenProps {
  connectors: ConnectorSummary[];
  natives: NativeProviderSummary[];
  /** `?connector=` as given: an id, "new", or nothing. */
  selectedId: string | null;
  connector: ConnectorView | null;
  canConfigure: boolean;
  /** The selected native connector's provider (saved, or `?connector=new-<provider>`). */
  nativeProvider?: NativeProviderInfo | null;
}

export function ConnectorScreen(props: ScreenProps) {
  return (
    <UnsavedChangesProvider>
      <Screen {...props} />
    </UnsavedChangesProvider>
  );
}

function Screen({ connectors, natives, selectedId, connector, canConfigure, nativeProvider }: ScreenProps) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const [importing, setImporting] = useState(false);
  // The connector just created, whose screen opens with focus in it.
  const [createdId, setCreatedId] = useState<string | null>(null);
  useEffect(() => setCreatedId((current) => (current === selectedId ? current : null)), [selectedId]);
  const toast = useToast();
  const navigate = (href: string) => startTransition(() => router.push(href, { scroll: false }));
  const creating = selectedId === "new" && canConfigure;

  let main;
  if (nativeProvider && (connector || newNativeKind(selectedId) === nativeProvider.kind)) {
    main =
      connector || canConfigure ? (
        <NativeConnectorEditor
          key={connector?.id ?? `new-${nativeProvider.kind}`}
          provider={nativeProvider}
          connector={connector}
          readOnly={!canConfigure}
          focusTitle={!!connector && connector.id === createdId}
          onSaved={(saved, created) => {
            if (created) setCreatedId(saved.id);
            startTransition(() => (created ? router.replace(connectorHref(saved.id), { scroll: false }) : router.refresh()));
          }}
          onDeleted={() => navigate(SCREEN_PATH)}
          onCopied={(copy) => navigate(connectorHref(copy.id))}
        />
      ) : (
        <Card>
          <EmptyState title={`${nativeProvider.label} is not configured`} icon={<PlugIcon />}>
            An admin or manager of this workspace can connect a {nativeProvider.label} account here.
          </EmptyState>
        </Card>
      );
  } else if (connector) {
    main = (
      <ConnectorEditor
        key={connector.id}
        connector={connector}
        readOnly={!canConfigure}
        focusName={connector.id === createdId}
        onSaved={() => startTransition(() => router.refresh())}
        onDeleted={() => navigate(SCREEN_PATH)}
        onDuplicated={(copy) => navigate(connectorHref(copy.id))}
      />
    );
  } else if (creating) {
    main = (
      <ConnectorEditor
        key="new"
        connector={null}
        newName={uniqueConnectorName(NEW_CONNECTOR_NAME, connectors.map((c) => c.name))}
        readOnly={false}
        onSaved={(created) => {
          setCreatedId(created.id);
          startTransition(() => router.replace(connectorHref(created.id), { scroll: false }));
        }}
      />
    );
  } else if (selectedId && selectedId !== "new") {
    main = (
      <Card>
        <EmptyState title="Connector not found" icon={<PlugIcon />}>
          It may have been deleted, or it belongs to another workspace.
        </EmptyState>
      </Card>
    );
  } else {
    const empty = connectors.length === 0;
    main = (
      <Card>
        <EmptyState
          icon={<PlugIcon />}
          title={empty ? "Connect your first SMS provider" : "Select a connector"}
          actions={
            canConfigure && (
              <>
                <Button onClick={() => setImporting(true)}>Import JSON</Button>
                <Button variant="primary" onClick={() => navigate(connectorHref("new"))}>
                  <PlusIcon className="size-3.5" />
                  Create a connector
                </Button>
              </>
            )
          }
        >
          {empty
            ? "A custom connector describes any provider's HTTP API — URL, parameters, headers and body — so Switchboard can send through it and track delivery."
            : "Pick a connector from the list to see and change its configuration."}
        </EmptyState>
      </Card>
    );
  }

  return (
    <>
      <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <Card className="lg:sticky lg:top-6">
          <NarrowDrawer label="Connectors" summary={connector?.name ?? (creating ? "New connector" : nativeProvider?.label)} resetKey={selectedId}>
            <ConnectorList
              natives={natives}
              connectors={connectors}
              selectedId={selectedId}
              canConfigure={canConfigure}
              onNavigate={navigate}
              onImport={() => setImporting(true)}
            />
          </NarrowDrawer>
        </Card>
        <div aria-busy={navigating || undefined} className={cx("min-w-0 space-y-4 transition-opacity", navigating && "opacity-60")}>
          {!canConfigure && (
            <p role="note" className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
              <EyeIcon className="size-4 text-slate-400" />
              <span>
                <strong className="font-medium text-slate-800">You have view access.</strong> Ask an admin or manager of this workspace to change
                connectors.
              </span>
            </p>
          )}
          {main}
        </div>
      </div>
      {canConfigure && (
        <ImportConnectorDialog
          open={importing}
          onClose={() => setImporting(false)}
          onImported={(created) => {
            setImporting(false);
            toast(`Imported “${created.name}”. Fill in its secret values before sending.`);
            navigate(connectorHref(created.id));
          }}
        />
      )}
    </>
  );
}
