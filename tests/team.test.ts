// Team administration against a real PostgreSQL: unlocking a member, resetting their password, who may do
// either (never across workspaces), and creating and renaming workspaces.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lockedMembers, resetMemberPassword, unlockMember } from "@/lib/accounts/account-recovery";
import { changeRole, listMembers } from "@/lib/accounts/members";
import type { Actor, Role } from "@/lib/accounts/permissions";
import { isSessionCurrent } from "@/lib/accounts/sessions";
import { createUser, MAX_FAILED_LOGINS, verifyLogin } from "@/lib/accounts/users";
import { addMember as addMembership, createWorkspace, createWorkspaceAsAdmin, membershipsOf, renameWorkspace } from "@/lib/accounts/workspaces";
import { db } from "@/lib/db";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { uniqueSlug } from "./fixtures";

const PASSWORD = "right-password-1";
const email = () => `team-${randomBytes(4).toString("hex")}@example.test`;

async function team(name = "Team") {
  const workspace = await createWorkspace({ slug: uniqueSlug("team"), name });
  const join = async (role: Role, address = email()) => {
    const user = await createUser({ email: address, password: PASSWORD, name: `The ${role}` });
    await addMembership(workspace.id, user.id, role);
    const actor: Actor = { workspaceId: workspace.id, role, userId: user.id };
    return { ...user, actor };
  };
  const admin = await join("admin");
  return { workspace, admin, join };
}

async function lockOut(address: string) {
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(address, `guess-${i}`);
  expect(await verifyLogin(address, PASSWORD)).toEqual({ ok: false });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

describe("unlocking a member", () => {
  it("lets a locked-out member sign in again with their own password, and shows the lock to the admin until then", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    await lockOut(viewer.email);
    const locked = await lockedMembers(admin.actor);
    expect([...locked.keys()]).toEqual([viewer.id]);
    expect(locked.get(viewer.id)!.getTime()).toBeGreaterThan(Date.now());

    expect(await unlockMember(admin.actor, viewer.id)).toEqual({ email: viewer.email, wasLocked: true });
    expect(await verifyLogin(viewer.email, PASSWORD)).toMatchObject({ ok: true });
    expect((await lockedMembers(admin.actor)).size).toBe(0);
    // A member who was not locked: nothing to lift, and the answer says so.
    expect(await unlockMember(admin.actor, viewer.id)).toEqual({ email: viewer.email, wasLocked: false });
  });

  it("starts the count afresh: the next wrong passwords get the full number of tries", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    await lockOut(viewer.email);
    await unlockMember(admin.actor, viewer.id);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await verifyLogin(viewer.email, `again-${i}`);
    expect(await verifyLogin(viewer.email, PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("resetting a member's password", () => {
  it("stops the old password, lets the new temporary one in, ends their sessions and lifts a lock-out", async () => {
    const { admin, join } = await team();
    const manager = await join("manager");
    const before = await verifyLogin(manager.email, PASSWORD);
    expect(before.ok).toBe(true);
    const sessionVersion = before.ok ? before.user.sessionVersion : -1;
    await lockOut(manager.email);

    const reset = await resetMemberPassword(admin.actor, manager.id);
    expect(reset.email).toBe(manager.email);
    expect(reset.temporaryPassword).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);

    expect(await verifyLogin(manager.email, PASSWORD)).toEqual({ ok: false });
    expect(await verifyLogin(manager.email, reset.temporaryPassword)).toMatchObject({ ok: true });
    expect(await isSessionCurrent(manager.id, sessionVersion)).toBe(false);
    const row = await db().user.findUniqueOrThrow({ where: { id: manager.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$11\$/);
    expect(row.passwordHash).not.toContain(reset.temporaryPassword);
  });

  it("gives a different password every time", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    const first = await resetMemberPassword(admin.actor, viewer.id);
    const second = await resetMemberPassword(admin.actor, viewer.id);
    expect(second.temporaryPassword).not.toBe(first.temporaryPassword);
    expect(await verifyLogin(viewer.email, first.temporaryPassword)).toEqual({ ok: false });
    expect(await verifyLogin(viewer.email, second.temporaryPassword)).toMatchObject({ ok: true });
  });

  it("is not how an admin changes their own password", async () => {
    const { admin } = await team();
    const error = await failure(resetMemberPassword(admin.actor, admin.id));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toContain("under Account");
    expect(await verifyLogin(admin.email, PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("who may unlock and reset", () => {
  it("refuses managers and viewers, and changes nothing", async () => {
    const { admin, join } = await team();
    const manager = await join("manager");
    const viewer = await join("viewer");
    await lockOut(viewer.email);
    for (const actor of [manager.actor, viewer.actor]) {
      expect(await failure(unlockMember(actor, viewer.id))).toBeInstanceOf(ForbiddenError);
      expect(await failure(resetMemberPassword(actor, admin.id))).toBeInstanceOf(ForbiddenError);
      expect(await failure(lockedMembers(actor))).toBeInstanceOf(ForbiddenError);
    }
    expect((await lockedMembers(admin.actor)).has(viewer.id)).toBe(true);
    expect(await verifyLogin(admin.email, PASSWORD)).toMatchObject({ ok: true });
  });

  it("refuses an admin for a member of another workspace, as if there were no such member", async () => {
    const ours = await team();
    const theirs = await team("Theirs");
    const stranger = await theirs.join("viewer");
    await lockOut(stranger.email);

    expect(await failure(unlockMember(ours.admin.actor, stranger.id))).toBeInstanceOf(NotFoundError);
    expect(await failure(resetMemberPassword(ours.admin.actor, stranger.id))).toBeInstanceOf(NotFoundError);
    expect(await failure(resetMemberPassword(ours.admin.actor, theirs.admin.id))).toBeInstanceOf(NotFoundError);
    expect((await lockedMembers(ours.admin.actor)).size).toBe(0);
    expect((await lockedMembers(theirs.admin.actor)).has(stranger.id)).toBe(true);
    expect(await verifyLogin(theirs.admin.email, PASSWORD)).toMatchObject({ ok: true });
  });

  it("refuses an admin for a member who also belongs to a workspace they do not administer", async () => {
    // Adding an existing account needs only its email: resetting it would hand over the other workspace.
    const ours = await team();
    const theirs = await team("Theirs");
    await addMembership(ours.workspace.id, theirs.admin.id, "viewer");
    await lockOut(theirs.admin.email);

    const reset = await failure(resetMemberPassword(ours.admin.actor, theirs.admin.id));
    expect(reset).toBeInstanceOf(ForbiddenError);
    expect(reset.message).toContain("also belongs to a workspace you are not an admin of");
    expect(await failure(unlockMember(ours.admin.actor, theirs.admin.id))).toBeInstanceOf(ForbiddenError);
    // Nor does our list say that their account is being guessed at.
    expect((await lockedMembers(ours.admin.actor)).size).toBe(0);

    // Someone who is admin of both workspaces may.
    await addMembership(theirs.workspace.id, ours.admin.id, "admin");
    expect(await unlockMember(ours.admin.actor, theirs.admin.id)).toMatchObject({ wasLocked: true });
  });
});

describe("changing roles", () => {
  it("keeps the existing rule: the last admin cannot demote themselves", async () => {
    const { admin } = await team();
    const error = await failure(changeRole(admin.actor, admin.id, "manager"));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(`${admin.email} is the last admin of this workspace. Make another member admin first.`);
  });
});

describe("creating a workspace", () => {
  it("makes the creator its only member and admin, and lists it among their workspaces", async () => {
    const { admin } = await team();
    const created = await createWorkspaceAsAdmin(admin.id, { name: "  Acme Support (EU)  " });
    expect(created.name).toBe("Acme Support (EU)");
    expect(created.slug).toBe("acme-support-eu");

    const actor: Actor = { workspaceId: created.id, role: "admin", userId: admin.id };
    expect(await listMembers(actor)).toEqual([expect.objectContaining({ userId: admin.id, role: "admin" })]);
    expect((await membershipsOf(admin.id)).map((m) => m.workspace.slug)).toContain(created.slug);

    // The same name again gets its own slug.
    const again = await createWorkspaceAsAdmin(admin.id, { name: "Acme Support (EU)" });
    expect(again.slug).toMatch(/^acme-support-eu-[0-9a-f]{6}$/);
  });

  it("needs the creator to be an admin of some workspace", async () => {
    const { join } = await team();
    for (const role of ["manager", "viewer"] as const) {
      const member = await join(role);
      expect(await failure(createWorkspaceAsAdmin(member.id, { name: "My own" }))).toBeInstanceOf(ForbiddenError);
      expect(await membershipsOf(member.id)).toHaveLength(1);
    }
  });

  it("refuses an empty or overlong name, naming the field", async () => {
    const { admin } = await team();
    for (const name of ["", "   ", "x".repeat(61)]) {
      const error = await failure(createWorkspaceAsAdmin(admin.id, { name }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(422);
      expect(error.details?.[0]?.field).toBe("name");
    }
    expect(await membershipsOf(admin.id)).toHaveLength(1);
  });
});

describe("renaming the workspace", () => {
  it("renames the admin's current workspace and keeps its slug", async () => {
    const { workspace, admin } = await team();
    expect(await renameWorkspace(admin.actor, { name: " Support desk " })).toEqual({ id: workspace.id, slug: workspace.slug, name: "Support desk" });
    const row = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { name: true } });
    expect(row.name).toBe("Support desk");
  });

  it("refuses an empty or overlong name with a 422 naming the field", async () => {
    const { workspace, admin } = await team("Before");
    const empty = await failure(renameWorkspace(admin.actor, { name: " " }));
    expect(empty).toMatchObject({ status: 422, details: [{ field: "name", message: "Enter a workspace name" }] });
    const long = await failure(renameWorkspace(admin.actor, { name: "x".repeat(61) }));
    expect(long).toMatchObject({ status: 422, details: [{ field: "name", message: "Workspace name must be at most 60 characters" }] });
    expect(await renameWorkspace(admin.actor, { name: "x".repeat(60) })).toMatchObject({ name: "x".repeat(60) });
    await renameWorkspace(admin.actor, { name: "Before" });
    const row = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { name: true } });
    expect(row.name).toBe("Before");
  });

  it("refuses managers and viewers", async () => {
    const { workspace, join } = await team("Unchanged");
    for (const role of ["manager", "viewer"] as const) {
      const member = await join(role);
      expect(await failure(renameWorkspace(member.actor, { name: "Taken over" }))).toBeInstanceOf(ForbiddenError);
    }
    const row = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { name: true } });
    expect(row.name).toBe("Unchanged");
  });
});
