// Member management against a real PostgreSQL: who may do what, the last-admin rule, workspace scoping,
// temporary passwords and changing your own password.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changePasswordInputSchema } from "@/lib/accounts/change-password-input";
import {
  addMember,
  addMemberInputSchema,
  changeOwnPassword,
  changeOwnPasswordInputSchema,
  changeRole,
  listMembers,
  removeMember,
} from "@/lib/accounts/members";
import type { Actor, Role } from "@/lib/accounts/permissions";
import { createUser, MAX_FAILED_LOGINS, verifyLogin } from "@/lib/accounts/users";
import { addMember as addMembership, createWorkspace } from "@/lib/accounts/workspaces";
import { db } from "@/lib/db";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { uniqueSlug } from "./fixtures";

const PASSWORD = "right-password-1";
const email = () => `member-${randomBytes(4).toString("hex")}@example.test`;

/** A workspace with one admin, and a helper to put more users in it. */
async function team() {
  const workspace = await createWorkspace({ slug: uniqueSlug("team"), name: "Team" });
  const join = async (role: Role, address = email()) => {
    const user = await createUser({ email: address, password: PASSWORD, name: `The ${role}` });
    await addMembership(workspace.id, user.id, role);
    const actor: Actor = { workspaceId: workspace.id, role, userId: user.id };
    return { ...user, actor };
  };
  const admin = await join("admin");
  return { workspace, admin, join };
}

/** The rejection's error, to check its class, status and message together. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

describe("listing members", () => {
  it("lists email, name, role and join date for any member, only this workspace's members, and never a lock-out", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    const other = await team();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(viewer.email, "wrong password");

    const members = await listMembers(viewer.actor);
    expect(members).toEqual([
      { userId: admin.id, email: admin.email, name: "The admin", role: "admin", joinedAt: expect.any(Date) },
      { userId: viewer.id, email: viewer.email, name: "The viewer", role: "viewer", joinedAt: expect.any(Date) },
    ]);
    expect(members.map((m) => m.userId)).not.toContain(other.admin.id);
    expect(JSON.stringify(members)).not.toMatch(/\$2[aby]\$/);
  });
});

describe("adding members", () => {
  it("creates an account for a new email with a temporary password returned once and stored only as a bcrypt hash", async () => {
    const { admin, workspace } = await team();
    const address = email();
    const added = await addMember(admin.actor, { email: `  ${address.toUpperCase()} `, name: " New Person ", role: "viewer" });

    expect(added).toMatchObject({ email: address, role: "viewer" });
    expect(added.temporaryPassword).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);
    const row = await db().user.findUniqueOrThrow({ where: { email: address }, omit: { passwordHash: false } });
    expect(row.name).toBe("New Person");
    expect(row.passwordHash).toMatch(/^\$2[aby]\$11\$/);
    expect(row.passwordHash).not.toContain(added.temporaryPassword);
    expect(await verifyLogin(address, added.temporaryPassword!)).toMatchObject({ ok: true });
    expect(await db().membership.findUnique({ where: { userId_workspaceId: { userId: row.id, workspaceId: workspace.id } } })).toMatchObject({ role: "viewer" });
    // Listing never shows it again.
    expect(JSON.stringify(await listMembers(admin.actor))).not.toContain(added.temporaryPassword);
  });

  it("answers the same for an existing account as for a new one, apart from a new account's temporary password", async () => {
    const elsewhere = await team();
    const person = await elsewhere.join("manager");
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(person.email, "wrong password");
    const { admin } = await team();

    const existing = await addMember(admin.actor, { email: person.email, name: "Renamed", role: "manager" });
    const created = await addMember(admin.actor, { email: email(), name: "Renamed", role: "manager" });
    // Nothing about the account itself: not its name, not whether it is locked out.
    expect(existing).toEqual({ email: person.email, role: "manager" });
    expect(created).toEqual({ email: expect.any(String), role: "manager", temporaryPassword: expect.any(String) });
    expect(JSON.stringify(existing)).not.toContain("The manager");
  });

  it("adds an existing account without touching its password or name", async () => {
    const elsewhere = await team();
    const person = await elsewhere.join("manager");
    const { admin } = await team();

    const added = await addMember(admin.actor, { email: person.email, name: "Renamed", role: "manager" });
    expect(added.temporaryPassword).toBeUndefined();
    expect((await listMembers(admin.actor)).find((m) => m.userId === person.id)).toMatchObject({ name: "The manager", role: "manager" });
    expect(await verifyLogin(person.email, PASSWORD)).toMatchObject({ ok: true });
    expect((await listMembers(elsewhere.admin.actor)).map((m) => m.userId)).toContain(person.id);
  });

  it("refuses an email that is already a member (409 on the email field)", async () => {
    const { admin, join } = await team();
    const existing = await join("viewer");
    const error = await failure(addMember(admin.actor, { email: existing.email.toUpperCase(), role: "admin" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toBe(`${existing.email} is already a member of this workspace`);
    expect(error.details).toEqual([{ field: "email", message: error.message }]);
  });

  it("validates with messages that name the field", async () => {
    const { admin } = await team();
    const cases: Array<[unknown, string, RegExp]> = [
      [{ email: "not-an-email", role: "viewer" }, "email", /^Email must be a valid address/],
      [{ email: "", role: "viewer" }, "email", /email address/],
      [{ email: email(), role: "owner" }, "role", /^Role must be admin, manager or viewer$/],
      [{ email: email(), name: "x".repeat(101), role: "viewer" }, "name", /^Name must be at most 100 characters$/],
    ];
    for (const [input, field, message] of cases) {
      const error = await failure(addMember(admin.actor, input as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(422);
      expect(error.details).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });

  it("lets two admins add the same new email to their workspaces at once: one account, one temporary password", async () => {
    const first = await team();
    const second = await team();
    const address = email();
    const [a, b] = await Promise.all([
      addMember(first.admin.actor, { email: address, role: "viewer" }),
      addMember(second.admin.actor, { email: address, role: "manager" }),
    ]);
    expect([a.temporaryPassword, b.temporaryPassword].filter(Boolean)).toHaveLength(1);
    expect(await db().user.count({ where: { email: address } })).toBe(1);
  });
});

describe("changing roles", () => {
  it("changes a member's role", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    expect(await changeRole(admin.actor, viewer.id, "manager")).toMatchObject({ userId: viewer.id, role: "manager" });
    expect((await listMembers(admin.actor)).find((m) => m.userId === viewer.id)?.role).toBe("manager");
  });

  it("never demotes the last admin (409), but lets one of two admins step down", async () => {
    const { admin, join } = await team();
    const error = await failure(changeRole(admin.actor, admin.id, "manager"));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toBe(`${admin.email} is the last admin of this workspace. Make another member admin first.`);
    expect(error.details?.[0]?.field).toBe("role");

    const second = await join("admin");
    await changeRole(admin.actor, admin.id, "viewer");
    await expect(changeRole(second.actor, second.id, "manager")).rejects.toThrow(/last admin/);
    // Keeping the last admin an admin is no change and allowed.
    expect(await changeRole(second.actor, second.id, "admin")).toMatchObject({ role: "admin" });
  });

  it("keeps one admin when two admins demote each other at the same moment", async () => {
    // Several workspaces at once, so the two transactions of at least some pairs really overlap.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const { admin, join } = await team();
        return { admin, second: await join("admin") };
      }),
    );
    const outcomes = await Promise.all(
      pairs.map(({ admin, second }) =>
        Promise.allSettled([changeRole(admin.actor, second.id, "viewer"), changeRole(second.actor, admin.id, "viewer")]),
      ),
    );
    for (const [index, results] of outcomes.entries()) {
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((await listMembers(pairs[index].admin.actor)).filter((m) => m.role === "admin")).toHaveLength(1);
    }
  });

  it("answers 404 for a member of another workspace or an unknown user, and 422 for a bad role", async () => {
    const { admin } = await team();
    const other = await team();
    for (const userId of [other.admin.id, "no-such-user"]) {
      const error = await failure(changeRole(admin.actor, userId, "viewer"));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.status).toBe(404);
    }
    expect((await listMembers(other.admin.actor))[0].role).toBe("admin");
    const invalid = await failure(changeRole(admin.actor, admin.id, "owner" as Role));
    expect(invalid.details).toEqual([{ field: "role", message: "Role must be admin, manager or viewer" }]);
  });
});

describe("removing members", () => {
  it("removes a member and deletes an account that belongs to no other workspace", async () => {
    const { admin, join } = await team();
    const viewer = await join("viewer");
    expect(await removeMember(admin.actor, viewer.id)).toEqual({ userId: viewer.id, accountDeleted: true });
    expect((await listMembers(admin.actor)).map((m) => m.userId)).toEqual([admin.id]);
    expect(await db().user.findUnique({ where: { id: viewer.id } })).toBeNull();
  });

  it("keeps an account that still belongs to another workspace", async () => {
    const { admin } = await team();
    const other = await team();
    const person = await other.join("manager");
    await addMember(admin.actor, { email: person.email, role: "viewer" });
    expect(await removeMember(admin.actor, person.id)).toEqual({ userId: person.id, accountDeleted: false });
    expect(await verifyLogin(person.email, PASSWORD)).toMatchObject({ ok: true });
    expect((await listMembers(other.admin.actor)).map((m) => m.userId)).toContain(person.id);
  });

  it("never removes the last admin (409), but an admin may leave when another remains", async () => {
    const { admin, join } = await team();
    const error = await failure(removeMember(admin.actor, admin.id));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/is the last admin of this workspace/);

    const second = await join("admin");
    await removeMember(second.actor, admin.id);
    await expect(removeMember(second.actor, second.id)).rejects.toThrow(ConflictError);
  });

  it("answers 404 for a member of another workspace and leaves them alone", async () => {
    const { admin } = await team();
    const other = await team();
    const person = await other.join("viewer");
    await expect(removeMember(admin.actor, person.id)).rejects.toThrow(NotFoundError);
    expect((await listMembers(other.admin.actor)).map((m) => m.userId)).toContain(person.id);
  });
});

describe("admin only", () => {
  it("refuses managers and viewers every change (403), and checks before looking anything up", async () => {
    const { admin, join } = await team();
    for (const role of ["manager", "viewer"] as const) {
      const member = await join(role);
      const attempts = [
        addMember(member.actor, { email: email(), role: "admin" }),
        changeRole(member.actor, member.id, "admin"),
        changeRole(member.actor, "no-such-user", "admin"),
        removeMember(member.actor, admin.id),
      ];
      for (const attempt of attempts) {
        const error = await failure(attempt);
        expect(error).toBeInstanceOf(ForbiddenError);
        expect(error.status).toBe(403);
      }
    }
    expect((await listMembers(admin.actor)).map((m) => m.role)).toEqual(["admin", "manager", "viewer"]);
  });
});

describe("changing your own password", () => {
  it("needs the right current password, then the new one works and the old one does not", async () => {
    const { join } = await team();
    const viewer = await join("viewer");
    const wrong = await failure(changeOwnPassword(viewer.id, "not-my-password", "brand-new-password"));
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.details).toEqual([{ field: "currentPassword", message: "Current password is not correct" }]);

    await changeOwnPassword(viewer.id, PASSWORD, "brand-new-password");
    expect(await verifyLogin(viewer.email, "brand-new-password")).toMatchObject({ ok: true });
    expect(await verifyLogin(viewer.email, PASSWORD)).toEqual({ ok: false });
    const row = await db().user.findUniqueOrThrow({ where: { id: viewer.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$11\$/);
  });

  it("validates the new password with messages that name the field", async () => {
    const { admin } = await team();
    const cases: Array<[string, string, string]> = [
      ["", "currentPassword", "Enter your current password"],
      [PASSWORD, "newPassword", "New password must be at least 10 characters"],
    ];
    for (const [current, field, message] of cases) {
      const next = field === "newPassword" ? "short" : "long-enough-password";
      const error = await failure(changeOwnPassword(admin.id, current, next));
      expect(error.details).toEqual([{ field, message }]);
    }
    expect((await failure(changeOwnPassword(admin.id, PASSWORD, PASSWORD))).details).toEqual([
      { field: "newPassword", message: "New password must differ from the current one" },
    ]);
    expect((await failure(changeOwnPassword(admin.id, PASSWORD, "é".repeat(40)))).details?.[0]?.field).toBe("newPassword");
    expect(await verifyLogin(admin.email, PASSWORD)).toMatchObject({ ok: true });
  });

  it("counts wrong current passwords towards the login lock-out", async () => {
    const { join } = await team();
    const viewer = await join("viewer");
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await changeOwnPassword(viewer.id, "guess-number-" + i, "brand-new-password").catch(() => {});
    const locked = await failure(changeOwnPassword(viewer.id, PASSWORD, "brand-new-password"));
    expect(locked.details?.[0]).toMatchObject({ field: "currentPassword", message: expect.stringMatching(/too many wrong attempts, try again in 15 minutes/) });
    expect(await verifyLogin(viewer.email, PASSWORD)).toEqual({ ok: false });
  });
});

describe("form schemas", () => {
  it("the add-member form validates with lib's own schema, and its empty name means none", () => {
    expect(addMemberInputSchema.safeParse({ email: " A@Example.com ", name: "", role: "viewer" }).data).toEqual({ email: "a@example.com", name: undefined, role: "viewer" });
  });

  it("the change-password form accepts and refuses the same passwords as lib's schema, naming the same fields", async () => {
    const passwords: Array<[string, string]> = [
      ["old-password-1", "new-password-1"],
      ["", "new-password-1"],
      ["old-password-1", "short"],
      ["same-password-1", "same-password-1"],
      ["old-password-1", "é".repeat(40)],
    ];
    for (const [currentPassword, newPassword] of passwords) {
      const form = changePasswordInputSchema.safeParse({ currentPassword, newPassword, confirmPassword: newPassword });
      const lib = changeOwnPasswordInputSchema.safeParse({ currentPassword, newPassword });
      expect(form.success, `${currentPassword} → ${newPassword}`).toBe(lib.success);
      expect(form.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual(lib.error?.issues.map((i) => [i.path.join("."), i.message]));
    }
    expect(changePasswordInputSchema.safeParse({ currentPassword: "a", newPassword: "new-password-1", confirmPassword: "new-password-2" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["confirmPassword"], message: "Confirmation does not match the new password" }),
    ]);
  });
});
