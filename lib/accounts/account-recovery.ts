// Helping a member who cannot sign in: an admin lifts their lock-out, or replaces a forgotten password with a
// temporary one. An account can belong to several workspaces, and adding an existing account needs only its
// email; so an admin may do this only for accounts whose every workspace they administer. Otherwise adding
// someone to your own workspace and resetting their password would hand you their other workspaces.
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { userIdSchema } from "./member-input";
import { generateTemporaryPassword } from "./members";
import { requirePermission, type Actor } from "./permissions";
import { LOCKOUT_MS, setPassword } from "./users";

export interface ResetPassword {
  email: string;
  /** Returned once; only its bcrypt hash is stored. */
  temporaryPassword: string;
}

/**
 * The members of the actor's workspace whose account is locked, with when the lock ends: admins only, and only
 * accounts they may unlock, so adding an email cannot be used to watch whether someone's account is being guessed at.
 */
export async function lockedMembers(actor: Actor, now = new Date()): Promise<Map<string, Date>> {
  requirePermission(actor, "administer");
  const rows = await db().user.findMany({
    where: { lockedUntil: { gt: now }, memberships: { some: { workspaceId: actor.workspaceId }, every: administeredBy(actor) } },
    select: { id: true, lockedUntil: true },
  });
  return new Map(rows.map((row) => [row.id, row.lockedUntil!]));
}

/** Lifts the lock-out and starts the count of wrong passwords afresh. `wasLocked` is false when there was none to lift. */
export async function unlockMember(actor: Actor, userId: string, now = new Date()): Promise<{ email: string; wasLocked: boolean }> {
  const member = await recoverableMember(actor, userId, "unlock");
  await db().user.update({ where: { id: member.id }, data: { lockedUntil: null, failedLoginCount: 0 }, select: { id: true } });
  return { email: member.email, wasLocked: !!member.lockedUntil && member.lockedUntil > now };
}

/**
 * Replaces the member's password with a new temporary one: the old password stops working, every session of
 * theirs ends and any lock-out is lifted (setPassword). There is no "must change at next sign-in" flag: the
 * admin asks them to change it under Account.
 */
export async function resetMemberPassword(actor: Actor, userId: string): Promise<ResetPassword> {
  const member = await recoverableMember(actor, userId, "reset");
  const temporaryPassword = generateTemporaryPassword();
  await setPassword(member.id, temporaryPassword);
  return { email: member.email, temporaryPassword };
}

/** Memberships in workspaces the actor is an admin of (an admin API key administers only its own workspace). */
function administeredBy(actor: Actor): Prisma.MembershipWhereInput {
  return actor.userId ? { workspace: { memberships: { some: { userId: actor.userId, role: "admin" } } } } : { workspaceId: actor.workspaceId };
}

async function recoverableMember(actor: Actor, userId: string, action: "unlock" | "reset"): Promise<{ id: string; email: string; lockedUntil: Date | null }> {
  requirePermission(actor, "administer");
  const id = parseInput(userIdSchema, userId);
  const member = await db().user.findFirst({ where: { id, memberships: { some: { workspaceId: actor.workspaceId } } }, select: { id: true, email: true, lockedUntil: true } });
  if (!member) throw new NotFoundError("Member");
  if (action === "reset" && id === actor.userId) throw new ForbiddenError("Change your own password under Account: it asks for the current one");
  const elsewhere = await db().membership.count({ where: { userId: id, NOT: administeredBy(actor) } });
  if (elsewhere > 0) {
    throw new ForbiddenError(
      `${member.email} also belongs to a workspace you are not an admin of, so only an admin of every one of their workspaces can ${action === "unlock" ? "unlock them" : "reset their password"}. ` +
        (action === "unlock" ? `The lock ends by itself within ${LOCKOUT_MS / 60_000} minutes.` : "They can change it themselves under Account."),
    );
  }
  return member;
}
