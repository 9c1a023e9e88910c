"use server";
import { cookies } from "next/headers";
import { actorForUser } from "@/lib/accounts/workspaces";
import { runAction } from "@/server/action";
import { currentUserId, WORKSPACE_COOKIE } from "@/server/auth";

export async function switchWorkspaceAction(slug: string) {
  return runAction("read", "switchWorkspace", async () => {
    const userId = await currentUserId();
    const actor = await actorForUser(userId!, slug); // NotFound unless a member
    (await cookies()).set(WORKSPACE_COOKIE, actor.workspace.slug, { httpOnly: true, sameSite: "lax", path: "/" });
    return { slug: actor.workspace.slug };
  });
}
