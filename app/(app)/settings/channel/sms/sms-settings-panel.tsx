import { db } from "@/lib/db";
import { Card } from "@/components/ui/card";

// TODO(lib owner): replace with a lib/accounts/workspaces.ts `getWorkspaceSettings(actor)` once it exists.
async function suppressionThreshold(workspaceId: string): Promise<number> {
  const workspace = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { suppressionThreshold: true } });
  return workspace.suppressionThreshold;
}

/** The workspace's SMS settings. Read-only for now: there is no screen to change them yet. */
export async function SmsSettingsPanel({ workspaceId, canAdminister }: { workspaceId: string; canAdminister: boolean }) {
  const threshold = await suppressionThreshold(workspaceId);
  return (
    <Card className="max-w-3xl">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 className="text-base font-semibold text-slate-900">Workspace SMS settings</h2>
        <p className="mt-0.5 text-sm text-slate-500">These apply to every connector in this workspace.</p>
      </div>
      <dl className="divide-y divide-slate-100">
        <div className="grid gap-2 px-6 py-5 sm:grid-cols-[16rem_minmax(0,1fr)]">
          <dt className="text-sm font-medium text-slate-800">Suppression threshold</dt>
          <dd className="text-sm text-slate-600">
            <p>
              <span className="text-base font-semibold text-slate-900" data-testid="suppression-threshold">
                {threshold}
              </span>{" "}
              consecutive delivery failures
            </p>
            <p className="mt-1 text-slate-500">
              Delivery tracking uses this threshold: a number whose last {threshold} messages all failed to deliver is suppressed, and later sends to it
              are skipped with a reason.
              {canAdminister ? " Changing it is not available in this version." : ""}
            </p>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
