// Workspaces and memberships: the boundary every piece of data lives inside.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { requirePermission, type Actor, type Role } from "./permissions";
import { workspaceNameInputSchema, type WorkspaceNameInput } from "./workspace-input";

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
}

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

/** Whether the user is an admin of at least one workspace: who may create another. */
export async function isAdminAnywhere(userId: string): Promise<boolean> {
  return (await db().membership.count({ where: { userId, role: "admin" } })) > 0;
}

/**
 * A new workspace with the user as its only member and admin. Only someone who already administers a workspace
 * may create one, so a member who was invited as a viewer or manager cannot start their own. The slug comes from
 * the name; a taken one gets a random suffix.
 */
export async function createWorkspaceAsAdmin(userId: string, input: WorkspaceNameInput): Promise<WorkspaceSummary> {
  const { name } = parseInput(workspaceNameInputSchema, input);
  if (!(await isAdminAnywhere(userId))) throw new ForbiddenError("Only an admin of a workspace can create another one");
  const base = slugFromName(name);
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? base : `${base.slice(0, 32)}-${randomBytes(3).toString("hex")}`;
    try {
      // One statement: the workspace never exists without its admin.
      return await db().workspace.create({
        data: { slug, name, memberships: { create: { userId, role: "admin" } } },
        select: { id: true, slug: true, name: true },
      });
    } catch (error) {
      const slugTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!slugTaken || attempt >= 3) throw error;
    }
  }
}

/** Renames the actor's workspace (admins only). The slug stays: scripts and the workspace cookie refer to it. */
export async function renameWorkspace(actor: Actor, input: WorkspaceNameInput): Promise<WorkspaceSummary> {
  requirePermission(actor, "administer");
  const { name } = parseInput(workspaceNameInputSchema, input);
  return db().workspace.update({ where: { id: actor.workspaceId }, data: { name }, select: { id: true, slug: true, name: true } });
}

/** "Acme Support (EU)" → "acme-support-eu": lower-case letters, digits and dashes, as SLUG requires. */
function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return slug.length >= 2 ? slug : `workspace${slug ? `-${slug}` : ""}`;
}
