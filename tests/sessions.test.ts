// Sessions end: a password change (the user's own, or one set for them) and signing out end every session
// the user had, however long their tokens would still be valid. Through next-auth's callbacks, as a request runs them.
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { changeOwnPassword, removeMember } from "@/lib/accounts/members";
import { createUser, setPassword } from "@/lib/accounts/users";
import { addMember, createWorkspace } from "@/lib/accounts/workspaces";
import { authOptions, authorizeCredentials } from "@/server/auth";
import { uniqueSlug } from "./fixtures";

const PASSWORD = "right-password-1";

/** Signs in as next-auth does: the credentials check, then the token made at sign-in. */
async function signIn(email: string, password = PASSWORD): Promise<JWT> {
  const user = await authorizeCredentials({ email, password });
  expect(user, `signed in as ${email}`).not.toBeNull();
  return authOptions.callbacks!.jwt!({ token: { sub: user!.id, email, name: user!.name }, user: user!, account: null, trigger: "signIn" });
}

/** What every later request does with the token: resolves while the session holds, rejects once it has ended. */
async function useSession(token: JWT): Promise<JWT> {
  // Later calls get no user (next-auth's types say otherwise).
  return authOptions.callbacks!.jwt!({ token, user: undefined as never, account: null });
}

async function signOut(token: JWT): Promise<void> {
  await authOptions.events!.signOut!({ token, session: undefined as never });
}

async function member() {
  const workspace = await createWorkspace({ slug: uniqueSlug("sessions"), name: "Sessions" });
  const user = await createUser({ email: `session-${randomBytes(4).toString("hex")}@example.test`, password: PASSWORD });
  await addMember(workspace.id, user.id, "admin");
  return { ...user, workspace, actor: { workspaceId: workspace.id, role: "admin" as const, userId: user.id } };
}

describe("sessions", () => {
  it("hold across requests while nothing changes", async () => {
    const { email } = await member();
    const token = await signIn(email);
    await expect(useSession(token)).resolves.toMatchObject({ sub: token.sub });
    await expect(useSession(token)).resolves.toMatchObject({ sub: token.sub });
  });

  it("all end when the user changes their password, and the session re-issued for their own device holds", async () => {
    const { id, email } = await member();
    const here = await signIn(email);
    const elsewhere = await signIn(email);

    const changed = await changeOwnPassword(id, PASSWORD, "brand-new-password");
    await expect(useSession(here)).rejects.toThrow(/session has ended/);
    await expect(useSession(elsewhere)).rejects.toThrow(/session has ended/);
    // What continueSession() puts in this browser's cookie.
    await expect(useSession({ sub: id, email, sessionVersion: changed.sessionVersion })).resolves.toBeTruthy();
    await expect(useSession(await signIn(email, "brand-new-password"))).resolves.toBeTruthy();
  });

  it("all end when a password is set for the user (an admin's reset goes through setPassword)", async () => {
    const { id, email } = await member();
    const token = await signIn(email);
    await setPassword(id, "set-by-an-admin-1");
    await expect(useSession(token)).rejects.toThrow(/session has ended/);
  });

  it("end at sign-out, so a replayed cookie is refused; replaying an ended session's sign-out ends nothing newer", async () => {
    const { email } = await member();
    const first = await signIn(email);
    await signOut(first);
    await expect(useSession(first)).rejects.toThrow(/session has ended/);

    const second = await signIn(email);
    await signOut(first);
    await expect(useSession(second)).resolves.toBeTruthy();
  });

  it("end when the account is deleted, and never hold for a token without a version (issued before versions existed)", async () => {
    const { id, email, actor } = await member();
    const token = await signIn(email);
    await expect(useSession({ sub: id, email })).rejects.toThrow(/session has ended/);

    const other = await createUser({ email: `other-${randomBytes(4).toString("hex")}@example.test`, password: PASSWORD });
    await addMember(actor.workspaceId, other.id, "admin");
    await removeMember({ ...actor, userId: other.id }, id);
    await expect(useSession(token)).rejects.toThrow(/session has ended/);
  });
});
