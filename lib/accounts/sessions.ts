// Ending sessions. A session token carries the user's session version from when it was issued; every
// authenticated request compares it with the database, so moving the version on ends every session at once
// (password changed or reset, signed out), however long the token itself would still be valid.
import { db } from "@/lib/db";

/** Is a session issued at this version still good? False for a deleted user or a token without a version. */
export async function isSessionCurrent(userId: string | undefined, version: unknown): Promise<boolean> {
  if (!userId || typeof version !== "number") return false;
  const user = await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion === version;
}

/**
 * Ends the user's sessions by moving their version on, if `version` is still the current one: replaying an
 * already ended token's sign-out must not end the sessions that came after it.
 */
export async function endSessions(userId: string, version: number): Promise<void> {
  await db().user.updateMany({ where: { id: userId, sessionVersion: version }, data: { sessionVersion: { increment: 1 } } });
}
