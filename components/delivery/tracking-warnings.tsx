// Why a connector's delivery reports cannot match its messages as configured (lib/delivery/warnings.ts).
import type { TrackingWarning } from "@/lib/connectors/schema";
import { ExclamationIcon } from "@/components/ui/icons";

export function TrackingWarnings({ warnings }: { warnings: readonly TrackingWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Delivery tracking warnings">
      {warnings.map((warning) => (
        <li key={warning.code} role="note" data-testid="tracking-warning" className="flex items-start gap-2.5 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/25 ring-inset">
          <ExclamationIcon className="mt-px size-4 shrink-0 text-amber-600" />
          <span>{warning.message}</span>
        </li>
      ))}
    </ul>
  );
}
