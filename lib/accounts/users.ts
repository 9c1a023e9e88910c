// Users, password checks and the lock-out that slows down password guessing.
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
const BCRYPT_COST = 11;
/** Compared against when the email is unknown or the account locked, so those answers cost as long as a wrong password. */
const DUMMY_HASH = bcrypt.hashSync("switchboard-dummy-password", BCRYPT_COST);

export function hashPassword(password: string): Promise<string> {
  if (password.length < 10) throw new ValidationError([{ field: "password", message: "Use at least 10 characters" }]);
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Who a session is for, and the session version it is issued at (lib/accounts/sessions.ts). */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

/**
 * A refusal says nothing more: an unknown email, a wrong password and a locked account look the same to the
 * caller, and cost the same time (one bcrypt compare each).
 */
export type LoginResult = { ok: true; user: SessionUser } | { ok: false };

/**
 * Checks a password. The attempt is counted before the password is compared: one conditional UPDATE takes
 * an attempt only while the account is not locked, and locks it when the count reaches the limit. Parallel
 * guesses therefore get exactly MAX_FAILED_LOGINS compares between lock-outs, and the right password
 * arriving after them is refused like any other.
 */
export async function verifyLogin(emailInput: string, password: string, now = new Date()): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const account = await takeAttempt(email, now);
  // Unknown and locked accounts compare against the dummy hash, so their answer takes as long.
  const matches = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !matches) return { ok: false };
  await db().user.updateMany({ where: { id: account.id }, data: { failedLoginCount: 0, lockedUntil: null } });
  return { ok: true, user: { id: account.id, email: account.email, name: account.name, sessionVersion: account.sessionVersion } };
}

/** When the account's lock-out ends, or null when it is not locked. For its own signed-in user (the account page), never at login. */
export async function lockedOutUntil(userId: string, now = new Date()): Promise<Date | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { lockedUntil: true } });
  return user?.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
}

/**
 * Counts an attempt, as a failure until the password proves right; null when there is no such account or it
 * is locked. A lock that has run out starts a new count. lockedUntil is a UTC timestamp without time zone,
 * as Prisma writes it; the times go in as epoch milliseconds so the session's time zone cannot shift them.
 */
async function takeAttempt(email: string, now: Date): Promise<(SessionUser & { passwordHash: string }) | null> {
  const nowMs = now.getTime();
  const rows = await db().$queryRaw<Array<SessionUser & { passwordHash: string }>>`
    update "User" set
      "failedLoginCount" = case when "lockedUntil" is null then "failedLoginCount" + 1 else 1 end,
      "lockedUntil" = case
        when (case when "lockedUntil" is null then "failedLoginCount" + 1 else 1 end) >= ${MAX_FAILED_LOGINS}
          then to_timestamp(${nowMs + LOCKOUT_MS}::float8 / 1000) at time zone 'UTC'
        end
     where email = ${email}
       and ("lockedUntil" is null or "lockedUntil" <= to_timestamp(${nowMs}::float8 / 1000) at time zone 'UTC')
     returning id, email, name, "passwordHash", "sessionVersion"`;
  return rows[0] ?? null;
}

/**
 * The one way to replace a password: every session of the user ends with it (whoever sets it, the user or an
 * admin), and a lock-out ends too: the guesses counted were against the old password. Returns the new session
 * version, for re-issuing the session of a user who changed their own.
 */
export async function setPassword(userId: string, password: string): Promise<SessionUser> {
  return db().user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
}

export async function createUser(input: { email: string; password: string; name?: string }) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError([{ field: "email", message: "Enter a valid email address" }]);
  return db().user.create({
    data: { email, name: input.name ?? null, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true },
  });
}
