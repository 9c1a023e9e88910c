// What the dashboard shows while its counts load.
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";

export function DashboardSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" data-testid="dashboard-loading">
      <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
        <Spinner /> Loading delivery numbers…
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-[88px] animate-pulse rounded-xl border border-slate-200 bg-slate-100" />
        ))}
      </div>
      <Card className="h-48 animate-pulse bg-slate-50">
        <span className="sr-only">Loading connectors</span>
      </Card>
    </div>
  );
}
