import { can, type Actor } from "@/lib/accounts/permissions";
import { getSuppressionThreshold } from "@/lib/suppression/suppressions";
import { Card } from "@/components/ui/card";
import { SuppressionThresholdForm } from "@/components/suppression/suppression-threshold-form";

/** The workspace's SMS settings; admins change them, everyone else reads them. */
export async function SmsSettingsPanel({ actor }: { actor: Actor }) {
  const threshold = await getSuppressionThreshold(actor);
  const canAdminister = can(actor, "administer");
  return (
    <Card className="max-w-3xl">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 className="text-base font-semibold text-slate-900">Workspace SMS settings</h2>
        <p className="mt-0.5 text-sm text-slate-500">These apply to every connector in this workspace.</p>
      </div>
      <div className="grid gap-2 px-6 py-5 sm:grid-cols-[16rem_minmax(0,1fr)]">
        <div>
          <h3 className="text-sm font-medium text-slate-800">Suppression threshold</h3>
          <p className="mt-1 text-xs text-slate-500">Protects your sender reputation and budget from numbers that never receive.</p>
        </div>
        <div className="text-sm text-slate-600">
          {canAdminister ? (
            <SuppressionThresholdForm threshold={threshold} />
          ) : (
            <p>
              <span className="text-base font-semibold text-slate-900" data-testid="suppression-threshold">
                {threshold}
              </span>{" "}
              consecutive delivery failures
            </p>
          )}
          <p className="mt-2 text-slate-500">
            A number whose last {threshold} messages all failed to deliver is suppressed: later sends to it are skipped with the reason “Suppressed: repeated
            delivery failures”. A delivered message resets the count. Suppressed numbers are listed, exported and released on the Suppression list tab.
            {!canAdminister && " Only workspace admins can change the threshold."}
          </p>
        </div>
      </div>
    </Card>
  );
}
