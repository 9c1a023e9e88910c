"use server";
// Server actions about workspaces: the header's switcher remembers which of the user's workspaces is current;
// the members page creates a workspace and renames the current one.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { workspaceNameInputSchema } from "@/lib/accounts/workspace-input";
import { actorForUser, createWorkspaceAsAdmin, renameWorkspace } from "@/lib/accounts/workspaces";
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

/** Creates a workspace with the caller as its admin and makes it the current one. */
export async function createWorkspaceAction(input: unknown) {
  return runAction("read", "createWorkspace", async (actor) => {
    if (!actor.userId) throw new UnauthorizedError();
    const workspace = await createWorkspaceAsAdmin(actor.userId, parseInput(workspaceNameInputSchema, input));
    (await cookies()).set(WORKSPACE_COOKIE, workspace.slug, { httpOnly: true, sameSite: "lax", path: "/" });
    revalidatePath("/", "layout");
    return { slug: workspace.slug, name: workspace.name };
  });
}

export async function renameWorkspaceAction(input: unknown) {
  return runAction("administer", "renameWorkspace", async (actor) => {
    const workspace = await renameWorkspace(actor, parseInput(workspaceNameInputSchema, input));
    // The top bar shows the name on every page.
    revalidatePath("/", "layout");
    return { slug: workspace.slug, name: workspace.name };
  });
}
