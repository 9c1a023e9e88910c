"use server";
// Server actions of the members page: admins only, one call into lib/accounts/members.ts each.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addMember, changeRole, removeMember, type Member } from "@/lib/accounts/members";
import { parseInput } from "@/lib/validation";
import type { MemberRow } from "@/components/members/members-manager";
import { runAction } from "@/server/action";
import { addMemberFormSchema, changeRoleInputSchema } from "./schema";

const PAGE = "/settings/members";

// Not exported: every exported function of a "use server" file becomes an endpoint.
function toMemberRow(member: Member): MemberRow {
  return { ...member, joinedAt: member.joinedAt.toISOString() };
}

export async function addMemberAction(input: unknown) {
  return runAction("administer", "addMember", async (actor) => {
    const added = await addMember(actor, parseInput(addMemberFormSchema, input));
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
    const result = await removeMember(actor, parseInput(z.string().min(1, "Which member?"), userId));
    revalidatePath(PAGE);
    return result;
  });
}
