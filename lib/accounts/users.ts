// Users, password checks and the lock-out that slows down password guessing.
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
const BCRYPT_COST = 11;
/** Compared against when the email is unknown, so a miss costs as long as a wrong password. */
const DUMMY_HASH = bcrypt.hashSync("switchboard-dummy-password", BCRYPT_COST);

export function hashPassword(password: string): Promise<string> {
  if (password.length < 10) throw new ValidationError([{ field: "password", message: "Use at least 10 characters" }]);
  return bcrypt.hash(password, BCRYPT_COST);
}

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

export async function verifyLogin(emailInput: string, password: string, now = new Date()): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user) {
    await bcrypt.compare(password, DUMMY_HASH);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };

  if (await bcrypt.compare(password, user.passwordHash)) {
    if (user.failedLoginCount > 0 || user.lockedUntil) {
      await db().user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
    }
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  }

  // Count atomically so parallel guesses cannot slip past the limit.
  const updated = await db().user.update({
    where: { id: user.id },
    data: { failedLoginCount: { increment: 1 } },
    select: { failedLoginCount: true },
  });
  if (updated.failedLoginCount >= MAX_FAILED_LOGINS) {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
    await db().user.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });
    return { ok: false, reason: "locked", lockedUntil };
  }
  return { ok: false, reason: "invalid" };
}

export async function createUser(input: { email: string; password: string; name?: string }) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError([{ field: "email", message: "Enter a valid email address" }]);
  return db().user.create({
    data: { email, name: input.name ?? null, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true },
  });
}
