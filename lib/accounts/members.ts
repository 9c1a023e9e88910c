// A workspace's team: admins list, add, re-role and remove members; every user changes their own password.
import { randomInt } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { requirePermission, ROLES, type Actor, type Role } from "./permissions";
import { addMemberInputSchema, changeOwnPasswordInputSchema, roleSchema, userIdSchema, type AddMemberInput } from "./member-input";
import { hashPassword, lockedOutUntil, setPassword, verifyLogin, type SessionUser } from "./users";

export { addMemberInputSchema, changeOwnPasswordInputSchema, type AddMemberInput };

/** No 0/O, 1/l/i: a temporary password is often read out or retyped. 16 of 31 symbols ≈ 79 bits. */
const TEMPORARY_PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
}

/**
 * What adding someone tells the admin: the email and role they asked for, whether or not the email already had
 * an account, so adding cannot be used to read another account's name or lock-out.
 */
export interface AddedMember {
  email: string;
  role: Role;
  /** Set only when the email had no account yet: the account's first password, returned once and stored as a hash. */
  temporaryPassword?: string;
}

// No lock-out state: whether an account is being guessed at is for its owner, not for everyone in a workspace.
const memberSelect = {
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} satisfies Prisma.MembershipSelect;

type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

function toMember(row: MemberRow): Member {
  return { userId: row.user.id, email: row.user.email, name: row.user.name, role: row.role, joinedAt: row.createdAt };
}

/** Every member may see who else is in the workspace; only admins change it. */
export async function listMembers(actor: Actor): Promise<Member[]> {
  requirePermission(actor, "read");
  const rows = await db().membership.findMany({
    where: { workspaceId: actor.workspaceId },
    select: memberSelect,
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  return rows.map(toMember);
}

export function generateTemporaryPassword(): string {
  const symbols = Array.from({ length: 16 }, () => TEMPORARY_PASSWORD_ALPHABET[randomInt(TEMPORARY_PASSWORD_ALPHABET.length)]);
  return [0, 4, 8, 12].map((start) => symbols.slice(start, start + 4).join("")).join("-");
}

/**
 * Adds a user to the actor's workspace: an existing account by its email, or a new one with a temporary
 * password. An existing account keeps its own name and password, and the answer shows neither.
 */
export async function addMember(actor: Actor, input: AddMemberInput): Promise<AddedMember> {
  requirePermission(actor, "administer");
  const { email, name, role } = parseInput(addMemberInputSchema, input);
  // Two attempts: the account can appear (another admin adds the same email) or vanish (removed from its
  // last workspace) between the lookup and the write.
  for (let attempt = 1; ; attempt++) {
    const retry = attempt < 2;
    const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
    if (!existing) {
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      try {
        // One statement: an account never exists without the membership it was made for.
        await db().user.create({
          data: { email, name: name ?? null, passwordHash, memberships: { create: { workspaceId: actor.workspaceId, role } } },
          select: { id: true },
        });
        return { email, role, temporaryPassword };
      } catch (error) {
        if (retry && isPrismaError(error, "P2002")) continue;
        throw error;
      }
    }
    try {
      await db().membership.create({ data: { userId: existing.id, workspaceId: actor.workspaceId, role }, select: { userId: true } });
      return { email, role };
    } catch (error) {
      if (isPrismaError(error, "P2002")) throw new ConflictError(`${email} is already a member of this workspace`, "email");
      if (retry && isPrismaError(error, "P2003")) continue;
      throw error;
    }
  }
}

export async function changeRole(actor: Actor, userId: string, role: Role): Promise<Member> {
  requirePermission(actor, "administer");
  const id = parseInput(userIdSchema, userId);
  const newRole = parseInput(z.object({ role: roleSchema }), { role }).role;
  return db().$transaction(async (tx) => {
    const current = await lockedMembership(tx, actor.workspaceId, id);
    if (current.role === "admin" && newRole !== "admin") await requireAnotherAdmin(tx, actor.workspaceId, current.user.email, "role");
    const row = await tx.membership.update({
      where: { userId_workspaceId: { userId: id, workspaceId: actor.workspaceId } },
      data: { role: newRole },
      select: memberSelect,
    });
    return toMember(row);
  });
}

/** Removes the membership; an account left without any workspace is deleted with it (it could no longer log in anywhere). */
export async function removeMember(actor: Actor, userId: string): Promise<{ userId: string; accountDeleted: boolean }> {
  requirePermission(actor, "administer");
  const id = parseInput(userIdSchema, userId);
  return db().$transaction(async (tx) => {
    const current = await lockedMembership(tx, actor.workspaceId, id);
    if (current.role === "admin") await requireAnotherAdmin(tx, actor.workspaceId, current.user.email, undefined);
    await tx.membership.delete({ where: { userId_workspaceId: { userId: id, workspaceId: actor.workspaceId } } });
    const { count } = await tx.user.deleteMany({ where: { id, memberships: { none: {} } } });
    return { userId: id, accountDeleted: count > 0 };
  });
}

/** The signed-in user's own account, for the account page. */
export async function ownAccount(userId: string): Promise<{ email: string; name: string | null }> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (!user) throw new NotFoundError("User");
  return user;
}

/**
 * For any signed-in user. Wrong current passwords count towards the login lock-out, so this cannot be used to
 * guess. Every session of the user ends; the caller re-issues the one it came from with the returned version.
 */
export async function changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<SessionUser> {
  const input = parseInput(changeOwnPasswordInputSchema, { currentPassword, newPassword });
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new NotFoundError("User");
  const check = await verifyLogin(user.email, input.currentPassword);
  if (!check.ok) {
    // The signed-in owner may learn that their own account is locked; the login form never says so.
    const until = await lockedOutUntil(userId);
    const message = until ? `Current password: too many wrong attempts, try again in ${minutesUntil(until)}` : "Current password is not correct";
    throw new ValidationError([{ field: "currentPassword", message }]);
  }
  return setPassword(userId, input.newPassword);
}

type Transaction = Prisma.TransactionClient;

/**
 * The membership, after locking the workspace row: role changes and removals in one workspace run one at a
 * time, so two admins demoting each other at once cannot leave the workspace without an admin.
 */
async function lockedMembership(tx: Transaction, workspaceId: string, userId: string): Promise<MemberRow> {
  await tx.$queryRaw`select id from "Workspace" where id = ${workspaceId} for update`;
  const row = await tx.membership.findUnique({ where: { userId_workspaceId: { userId, workspaceId } }, select: memberSelect });
  if (!row) throw new NotFoundError("Member");
  return row;
}

async function requireAnotherAdmin(tx: Transaction, workspaceId: string, email: string, field: string | undefined): Promise<void> {
  const admins = await tx.membership.count({ where: { workspaceId, role: "admin" } });
  if (admins <= 1) {
    throw new ConflictError(`${email} is the last admin of this workspace. Make another member admin first.`, field);
  }
}

function isPrismaError(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

function minutesUntil(date: Date): string {
  const minutes = Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
