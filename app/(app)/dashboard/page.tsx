import type { Metadata } from "next";
import { Suspense } from "react";
import type { Actor } from "@/lib/accounts/permissions";
import { can } from "@/lib/accounts/permissions";
import { workspaceDashboard } from "@/lib/delivery/dashboard";
import type { MetricsRange } from "@/lib/delivery/metrics-range";
import { DashboardSkeleton } from "@/components/dashboard/dashboard-skeleton";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { RangeSwitch } from "@/components/dashboard/range-switch";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const actor = await requirePageActor();
  const { range: asked } = await searchParams;
  const range: MetricsRange = asked === "7d" || asked === "30d" ? asked : "24h";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-slate-900">Dashboard</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">Delivery across every connector and campaign of this workspace.</p>
        </div>
        <RangeSwitch value={range} />
      </div>
      {/* Keyed by the period: switching shows the loading state until the new numbers are in. */}
      <Suspense key={range} fallback={<DashboardSkeleton />}>
        <DashboardData actor={actor} range={range} />
      </Suspense>
    </div>
  );
}

async function DashboardData({ actor, range }: { actor: Actor; range: MetricsRange }) {
  const dashboard = await workspaceDashboard(actor, { range });
  return <DashboardView dashboard={dashboard} canConfigure={can(actor, "configure")} />;
}
