// Warnings about a configuration that saves but cannot work as meant (lib/connectors/warnings.ts): shown in the
// form while it is edited and with each test send. Amber, never blocking.
import type { ConnectorWarning } from "@/lib/connectors/warnings";
import { ExclamationIcon } from "@/components/ui/icons";
import { cx } from "@/components/ui/cx";

export function ConnectorWarnings({ warnings, className, testId = "connector-warnings" }: { warnings: ConnectorWarning[]; className?: string; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div role="status" data-testid={testId} className={cx("rounded-lg bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-600/20 ring-inset", className)}>
      <p className="flex items-center gap-2 font-medium text-amber-900">
        <ExclamationIcon className="size-4 shrink-0 text-amber-600" />
        This request will not work as meant:
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-10 text-amber-900">
        {warnings.map((warning) => (
          <li key={warning.message}>{warning.message}</li>
        ))}
      </ul>
    </div>
  );
}
