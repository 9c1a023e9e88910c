// Who may do what. Every lib function that changes or reads workspace data takes an Actor and checks it here.
import { ForbiddenError } from "@/lib/errors";

export const ROLES = ["admin", "manager", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** What a caller is acting as: a member of one workspace, through a session or an API key. */
export interface Actor {
  workspaceId: string;
  role: Role;
  userId?: string;
  apiKeyId?: string;
}

/** read: any member · configure: connectors and sends · administer: keys, members, workspace settings. */
export type Permission = "read" | "configure" | "administer";

const minimumRole: Record<Permission, Role> = { read: "viewer", configure: "manager", administer: "admin" };
const rank: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return rank[actor.role] >= rank[minimumRole[permission]];
}

export function requirePermission(actor: Pick<Actor, "role">, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new ForbiddenError(
      permission === "read" ? "You are not a member of this workspace" : `Your role (${actor.role}) cannot ${permission === "configure" ? "change connectors" : "administer this workspace"}`,
    );
  }
}
