"use client";
// The workspace's members: admins add, re-role (after a confirmation) and remove them, unlock a locked-out
// member and reset a forgotten password; everyone else sees the list.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction, resetMemberPasswordAction, unlockMemberAction } from "@/server/actions/members";
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
import { TemporaryPassword } from "./temporary-password";

const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);
const formatDate = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });
const formatTime = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { timeStyle: "short" });
const memberLabel = (member: MemberRow) => (member.name ? `${member.name} (${member.email})` : member.email);

/** The password reset dialog: first a confirmation, then the new password (once). */
type Reset = { member: MemberRow; pending: boolean; error: string | null; temporaryPassword: string | null };
/** A role change waiting for its confirmation. */
type RoleChange = { member: MemberRow; next: Role; pending: boolean; error: string | null };

export function MembersManager({
  members,
  canManage,
  role,
  currentUserId,
  lockedUntil = {},
}: {
  members: MemberRow[];
  canManage: boolean;
  /** Admins only: when each locked-out member's lock ends (ISO 8601), for the members this admin may unlock. */
  lockedUntil?: Record<string, string>;
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
  const [roleChange, setRoleChange] = useState<RoleChange | null>(null);
  const [reset, setReset] = useState<Reset | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);

  const dropPending = (userId: string) =>
    setPendingRoles((pending) => {
      const { [userId]: _dropped, ...rest } = pending;
      return rest;
    });

  const confirmRoleChange = async () => {
    if (!roleChange) return;
    const { member, next } = roleChange;
    setRoleChange({ ...roleChange, pending: true, error: null });
    const result = await changeRoleAction({ userId: member.userId, role: next });
    if (!result.ok) return setRoleChange({ ...roleChange, pending: false, error: result.error.message });
    setPendingRoles((pending) => ({ ...pending, [member.userId]: next }));
    setRoleChange(null);
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

  const unlock = async (member: MemberRow) => {
    setUnlocking(member.userId);
    const result = await unlockMemberAction(member.userId);
    setUnlocking(null);
    if (!result.ok) return toast(result.error.message, "error");
    toast(result.data.wasLocked ? `Unlocked ${member.email}: they can log in again` : `${member.email} was not locked`);
    startTransition(() => router.refresh());
  };

  const resetPassword = async () => {
    if (!reset) return;
    setReset({ ...reset, pending: true, error: null });
    const result = await resetMemberPasswordAction(reset.member.userId);
    if (!result.ok) return setReset({ ...reset, pending: false, error: result.error.message });
    setReset({ ...reset, pending: false, temporaryPassword: result.data.temporaryPassword });
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
              const proposedRole = roleChange?.member.userId === member.userId ? roleChange.next : undefined;
              const locked = lockedUntil[member.userId];
              return (
                <tr key={member.userId} className="text-slate-700">
                  <th scope="row" className="px-6 py-3 font-normal">
                    <div className="flex items-center gap-2">
                      <span className="font-medium text-slate-900">{member.name ?? member.email}</span>
                      {isMe && <Badge tone="indigo">You</Badge>}
                      {locked && (
                        <Badge tone="amber">
                          <span suppressHydrationWarning>Locked until {formatTime(locked)}</span>
                        </Badge>
                      )}
                    </div>
                    {member.name && <div className="text-xs text-slate-500">{member.email}</div>}
                  </th>
                  <td className="px-3 py-3">
                    {canManage ? (
                      <div className="w-36">
                        <Select
                          aria-label={`Role of ${member.email}`}
                          title={ROLE_HINT[proposedRole ?? pendingRole ?? member.role]}
                          value={proposedRole ?? pendingRole ?? member.role}
                          disabled={!!pendingRole}
                          onChange={(event) => {
                            const next = event.target.value as Role;
                            if (next !== member.role) setRoleChange({ member, next, pending: false, error: null });
                          }}
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
                    <td className="px-6 py-3">
                      <div className="flex flex-wrap justify-end gap-2">
                        {locked && (
                          <Button size="sm" aria-label={`Unlock ${member.email}`} pending={unlocking === member.userId} onClick={() => unlock(member)}>
                            Unlock
                          </Button>
                        )}
                        {!isMe && (
                          <Button
                            size="sm"
                            aria-label={`Reset password of ${member.email}`}
                            onClick={() => setReset({ member, pending: false, error: null, temporaryPassword: null })}
                          >
                            Reset password
                          </Button>
                        )}
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
                      </div>
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
        open={!!roleChange}
        onClose={() => setRoleChange(null)}
        size="sm"
        dismissible={!roleChange?.pending}
        title={roleChange ? `Change the role of ${memberLabel(roleChange.member)}?` : ""}
        description={
          roleChange && (
            <>
              From <strong className="font-medium text-slate-800">{capitalize(roleChange.member.role)}</strong> to{" "}
              <strong className="font-medium text-slate-800">{capitalize(roleChange.next)}</strong>. {ROLE_HINT[roleChange.next]}.
              {roleChange.member.userId === currentUserId && roleChange.member.role === "admin" && " You lose admin rights here at once."}
            </>
          )
        }
        footer={
          <>
            <Button onClick={() => setRoleChange(null)} disabled={roleChange?.pending} autoFocus>
              Cancel
            </Button>
            <Button variant="primary" pending={roleChange?.pending} onClick={confirmRoleChange}>
              {roleChange?.pending ? "Changing…" : "Change role"}
            </Button>
          </>
        }
      >
        {roleChange?.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{roleChange.error}</p>}
      </Dialog>

      <Dialog
        open={!!reset}
        onClose={() => setReset(null)}
        size="sm"
        // Once shown, the password exists nowhere else: only the explicit button closes the dialog.
        dismissible={!reset?.pending && !reset?.temporaryPassword}
        title={reset?.temporaryPassword ? `New password for ${reset.member.email}` : `Reset the password of ${reset?.member.email ?? ""}?`}
        description={
          reset?.temporaryPassword
            ? "Give them this temporary password and ask them to change it under Account after logging in."
            : "Their current password stops working, they are logged out everywhere and a lock-out ends. You get a temporary password to give them."
        }
        footer={
          reset?.temporaryPassword ? (
            // Keyed: a button of its own, not the confirmation's Cancel re-used with its disabled state.
            <Button key="copied" variant="primary" onClick={() => setReset(null)}>
              I have copied the password
            </Button>
          ) : (
            <>
              <Button onClick={() => setReset(null)} disabled={reset?.pending} autoFocus>
                Cancel
              </Button>
              <Button variant="destructive" pending={reset?.pending} onClick={resetPassword}>
                {reset?.pending ? "Resetting…" : "Reset password"}
              </Button>
            </>
          )
        }
      >
        {reset?.temporaryPassword && <TemporaryPassword password={reset.temporaryPassword} />}
        {reset?.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{reset.error}</p>}
      </Dialog>

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
