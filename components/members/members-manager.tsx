"use client";
// The workspace's members: admins add, re-role and remove them; everyone else sees the list.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "@/server/actions/members";
import type { MemberRow } from "@/lib/accounts/member-row";
import { ROLES, type Role } from "@/lib/accounts/permissions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Badge } from "@/components/ui/field";
import { EyeIcon, PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { AddMemberDialog } from "./add-member-dialog";
import { ROLE_HINT } from "./role-hints";

const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);
const formatDate = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });

export function MembersManager({
  members,
  canManage,
  role,
  currentUserId,
}: {
  members: MemberRow[];
  canManage: boolean;
  /** The viewer's own role in this workspace. */
  role: Role;
  currentUserId: string | null;
}) {
  const router = useRouter();
  const toast = useToast();
  const [, startTransition] = useTransition();
  const [adding, setAdding] = useState(false);
  // Roles being saved, shown in their selects until the refreshed list arrives.
  const [pendingRoles, setPendingRoles] = useState<Record<string, Role>>({});
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [removePending, setRemovePending] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const dropPending = (userId: string) =>
    setPendingRoles((pending) => {
      const { [userId]: _dropped, ...rest } = pending;
      return rest;
    });

  const changeRole = async (member: MemberRow, next: Role) => {
    setPendingRoles((pending) => ({ ...pending, [member.userId]: next }));
    const result = await changeRoleAction({ userId: member.userId, role: next });
    if (!result.ok) {
      dropPending(member.userId);
      toast(result.error.message, "error");
      return;
    }
    toast(`${member.email} is now ${next}`);
    // Refresh and clear together, so the select never flashes back to the old role.
    startTransition(() => {
      router.refresh();
      dropPending(member.userId);
    });
  };

  const remove = async () => {
    if (!removing) return;
    setRemovePending(true);
    setRemoveError(null);
    const result = await removeMemberAction(removing.userId);
    setRemovePending(false);
    if (!result.ok) return setRemoveError(result.error.message);
    toast(`Removed ${removing.email}`);
    setRemoving(null);
    startTransition(() => router.refresh());
  };

  return (
    <div className="space-y-4">
      {!canManage && (
        <p role="note" className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          <EyeIcon className="size-4 text-slate-400" />
          <span>
            <strong className="font-medium text-slate-800">Only admins manage members.</strong> Your role here is {role}; ask an admin to add
            someone or change a role.
          </span>
        </p>
      )}
      <Card>
        <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-6 py-4">
          <h2 className="text-base font-semibold text-slate-900">
            Members <span className="ml-1 font-normal text-slate-400">{members.length}</span>
          </h2>
          {canManage && (
            <Button variant="primary" onClick={() => setAdding(true)}>
              <PlusIcon />
              Add member
            </Button>
          )}
        </div>
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-6 py-2.5 font-medium">Member</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Joined</th>
              {canManage && (
                <th scope="col" className="px-6 py-2.5 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const isMe = member.userId === currentUserId;
              const pendingRole = pendingRoles[member.userId];
              return (
                <tr key={member.userId} className="text-slate-700">
                  <th scope="row" className="px-6 py-3 font-normal">
                    <div className="flex items-center gap-2">
                      <span className="font-medium text-slate-900">{member.name ?? member.email}</span>
                      {isMe && <Badge tone="indigo">You</Badge>}
                    </div>
                    {member.name && <div className="text-xs text-slate-500">{member.email}</div>}
                  </th>
                  <td className="px-3 py-3">
                    {canManage ? (
                      <div className="w-36">
                        <Select
                          aria-label={`Role of ${member.email}`}
                          title={ROLE_HINT[pendingRole ?? member.role]}
                          value={pendingRole ?? member.role}
                          disabled={!!pendingRole}
                          onChange={(event) => changeRole(member, event.target.value as Role)}
                        >
                          {ROLES.map((option) => (
                            <option key={option} value={option}>
                              {capitalize(option)}
                            </option>
                          ))}
                        </Select>
                      </div>
                    ) : (
                      <span className="capitalize">{member.role}</span>
                    )}
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap" suppressHydrationWarning>
                    {formatDate(member.joinedAt)}
                  </td>
                  {canManage && (
                    <td className="px-6 py-3 text-right">
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={`Remove ${member.email}`}
                        onClick={() => {
                          setRemoveError(null);
                          setRemoving(member);
                        }}
                      >
                        Remove
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      {canManage && (
        <AddMemberDialog open={adding} onClose={() => setAdding(false)} onAdded={() => startTransition(() => router.refresh())} />
      )}

      <Dialog
        open={!!removing}
        onClose={() => setRemoving(null)}
        size="sm"
        dismissible={!removePending}
        title={`Remove ${removing?.email ?? ""}?`}
        description={
          removing?.userId === currentUserId
            ? "You lose access to this workspace at once."
            : "They lose access to this workspace at once. An account that belongs to no other workspace is deleted."
        }
        footer={
          <>
            <Button onClick={() => setRemoving(null)} disabled={removePending} autoFocus>
              Cancel
            </Button>
            <Button variant="destructive" pending={removePending} onClick={remove}>
              {removePending ? "Removing…" : "Remove member"}
            </Button>
          </>
        }
      >
        {removeError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{removeError}</p>}
      </Dialog>
    </div>
  );
}
