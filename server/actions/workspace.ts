"use server";
// Server action of the header's workspace switcher: remember which of the user's workspaces is current.
import { cookies } from "next/headers";
import { z } from "zod";
import { actorForUser } from "@/lib/accounts/workspaces";
import { UnauthorizedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";
import { WORKSPACE_COOKIE } from "@/server/auth";

export async function switchWorkspaceAction(slug: unknown) {
  return runAction("read", "switchWorkspace", async (actor) => {
    if (!actor.userId) throw new UnauthorizedError();
    const target = await actorForUser(actor.userId, parseInput(z.string().min(1, "Which workspace?"), slug)); // NotFound unless a member
    (await cookies()).set(WORKSPACE_COOKIE, target.workspace.slug, { httpOnly: true, sameSite: "lax", path: "/" });
    return { slug: target.workspace.slug };
  });
}
