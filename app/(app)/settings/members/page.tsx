import type { Metadata } from "next";
import { lockedMembers } from "@/lib/accounts/account-recovery";
import { toMemberRow } from "@/lib/accounts/member-row";
import { listMembers } from "@/lib/accounts/members";
import { can } from "@/lib/accounts/permissions";
import { isAdminAnywhere } from "@/lib/accounts/workspaces";
import { MembersManager } from "@/components/members/members-manager";
import { WorkspaceSettings } from "@/components/members/workspace-settings";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requirePageActor();
  const canManage = can(actor, "administer");
  const [members, locked, canCreateWorkspace] = await Promise.all([
    listMembers(actor),
    canManage ? lockedMembers(actor) : new Map<string, Date>(),
    actor.userId ? isAdminAnywhere(actor.userId) : false,
  ]);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Settings</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Members</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-500">
          Everyone who can log in to <strong className="font-medium text-slate-700">{actor.workspace.name}</strong>. Admins manage members and API keys,
          managers configure connectors and send, viewers only read.
        </p>
      </div>
      {/* On a phone the members table scrolls inside this box rather than widening the page. */}
      <div className="overflow-x-auto">
        <MembersManager
          canManage={canManage}
          role={actor.role}
          currentUserId={actor.userId ?? null}
          members={members.map(toMemberRow)}
          lockedUntil={Object.fromEntries([...locked].map(([userId, until]) => [userId, until.toISOString()]))}
        />
      </div>
      <WorkspaceSettings workspace={actor.workspace} canRename={canManage} canCreate={canCreateWorkspace} />
    </div>
  );
}
