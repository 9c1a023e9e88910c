// The wrapper every server action goes through: find the actor, check the permission, call lib/, and
// return a result the form can show (field errors included) instead of throwing across the boundary.
import type { Actor, Permission } from "@/lib/accounts/permissions";
import { requirePermission } from "@/lib/accounts/permissions";
import { currentActor } from "./auth";
import { toPublicError, type PublicError } from "./errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };

export async function runAction<T>(permission: Permission, name: string, body: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await currentActor();
    requirePermission(actor, permission);
    return { ok: true, data: await body(actor) };
  } catch (error) {
    return { ok: false, error: toPublicError(error, { action: name }).error };
  }
}
