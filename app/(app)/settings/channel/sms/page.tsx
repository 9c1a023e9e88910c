import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/lib/accounts/permissions";
import { getConnector, listConnectors } from "@/lib/connectors/read-connectors";
import type { ConnectorView } from "@/lib/connectors/schema";
import { NotFoundError } from "@/lib/errors";
import { ConnectorScreen } from "@/components/connectors/connector-screen";
import { newNativeKind } from "@/components/connectors/native/new-native";
import { SmsSettingsPanel } from "@/components/suppression/sms-settings-panel";
import { SuppressionListTab } from "@/components/suppression/suppression-list-tab";
import { TabLinks } from "@/components/ui/tabs";
import { requirePageActor } from "@/server/auth";
import { nativeProviderInfo } from "@/lib/providers/provider-info";
import { nativeProviderSummaries } from "@/lib/providers/registry";

export const metadata: Metadata = { title: "SMS & Connectors" };

const PATH = "/settings/channel/sms";

export default async function SmsConnectorsPage({ searchParams }: { searchParams: Promise<{ tab?: string; connector?: string }> }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const tab = params.tab === "settings" || params.tab === "suppressions" ? params.tab : "connectors";
  const selectedId = typeof params.connector === "string" && params.connector ? params.connector : null;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Settings · Channel</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">SMS &amp; Connectors</h1>
      </div>
      <TabLinks
        label="SMS settings sections"
        tabs={[
          { href: PATH, label: "SMS Connector Config", current: tab === "connectors" },
          { href: `${PATH}?tab=suppressions`, label: "Suppression list", current: tab === "suppressions" },
          { href: `${PATH}?tab=settings`, label: "Settings", current: tab === "settings" },
        ]}
      />
      {tab === "settings" ? (
        <SmsSettingsPanel actor={actor} />
      ) : tab === "suppressions" ? (
        <SuppressionListTab actor={actor} />
      ) : (
        <ConnectorsTab actor={actor} selectedId={selectedId} />
      )}
    </div>
  );
}

async function ConnectorsTab({ actor, selectedId }: { actor: Awaited<ReturnType<typeof requirePageActor>>; selectedId: string | null }) {
  const [connectors, connector] = await Promise.all([listConnectors(actor), loadSelected(actor, selectedId)]);
  const newKind = newNativeKind(selectedId);
  // `?connector=new-twilio` when Twilio is already configured: its screen, under its own id.
  const existing = newKind ? connectors.find((c) => c.kind === newKind) : undefined;
  if (existing) redirect(`${PATH}?connector=${encodeURIComponent(existing.id)}`);
  const nativeProvider = nativeProviderInfo(connector?.kind ?? newKind ?? "custom");
  return (
    <ConnectorScreen connectors={connectors} natives={nativeProviderSummaries()} selectedId={selectedId} connector={connector} canConfigure={can(actor, "configure")} nativeProvider={nativeProvider} />
  );
}

async function loadSelected(actor: Awaited<ReturnType<typeof requirePageActor>>, id: string | null): Promise<ConnectorView | null> {
  if (!id || id === "new" || newNativeKind(id)) return null;
  try {
    return await getConnector(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
