"use server";
// Server actions of the members page: admins only, one call into lib/accounts/members.ts each.
import { revalidatePath } from "next/cache";
import { resetMemberPassword, unlockMember } from "@/lib/accounts/account-recovery";
import { changeRoleInputSchema, userIdSchema } from "@/lib/accounts/member-input";
import { toMemberRow } from "@/lib/accounts/member-row";
import { addMember, addMemberInputSchema, changeRole, removeMember } from "@/lib/accounts/members";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";

const PAGE = "/settings/members";

export async function addMemberAction(input: unknown) {
  return runAction("administer", "addMember", async (actor) => {
    const added = await addMember(actor, parseInput(addMemberInputSchema, input));
    revalidatePath(PAGE);
    return { email: added.email, role: added.role, temporaryPassword: added.temporaryPassword ?? null };
  });
}

export async function changeRoleAction(input: unknown) {
  return runAction("administer", "changeRole", async (actor) => {
    const { userId, role } = parseInput(changeRoleInputSchema, input);
    const member = await changeRole(actor, userId, role);
    revalidatePath(PAGE);
    return toMemberRow(member);
  });
}

export async function removeMemberAction(userId: unknown) {
  return runAction("administer", "removeMember", async (actor) => {
    const result = await removeMember(actor, parseInput(userIdSchema, userId));
    revalidatePath(PAGE);
    return result;
  });
}

export async function unlockMemberAction(userId: unknown) {
  return runAction("administer", "unlockMember", async (actor) => {
    const result = await unlockMember(actor, parseInput(userIdSchema, userId));
    revalidatePath(PAGE);
    return result;
  });
}

/** The temporary password goes back to the admin's browser once and nowhere else: not logged, not cached. */
export async function resetMemberPasswordAction(userId: unknown) {
  return runAction("administer", "resetMemberPassword", async (actor) => {
    const result = await resetMemberPassword(actor, parseInput(userIdSchema, userId));
    revalidatePath(PAGE);
    return result;
  });
}
