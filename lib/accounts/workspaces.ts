// Workspaces and memberships: the boundary every piece of data lives inside.
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor, Role } from "./permissions";

const SLUG = /^[a-z0-9][a-z0-9-]{1,40}$/;

export async function createWorkspace(input: { slug: string; name: string }) {
  if (!SLUG.test(input.slug)) {
    throw new ValidationError([{ field: "slug", message: "Use 2–41 lower-case letters, digits and dashes" }]);
  }
  return db().workspace.create({ data: { slug: input.slug, name: input.name }, select: { id: true, slug: true, name: true } });
}

export async function addMember(workspaceId: string, userId: string, role: Role) {
  return db().membership.upsert({
    where: { userId_workspaceId: { userId, workspaceId } },
    create: { userId, workspaceId, role },
    update: { role },
  });
}

export async function membershipsOf(userId: string) {
  return db().membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The actor for a user in a workspace (by slug, or their first workspace); NotFound when not a member. */
export async function actorForUser(userId: string, workspaceSlug?: string): Promise<Actor & { workspace: { id: string; slug: string; name: string } }> {
  const membership = await db().membership.findFirst({
    where: { userId, ...(workspaceSlug ? { workspace: { slug: workspaceSlug } } : {}) },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) throw new NotFoundError("Workspace");
  return { workspaceId: membership.workspace.id, role: membership.role, userId, workspace: membership.workspace };
}
