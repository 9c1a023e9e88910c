// Accounts against a real PostgreSQL: password checks, lock-out, API keys, workspace scoping.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/accounts/api-keys";
import { can } from "@/lib/accounts/permissions";
import { createUser, LOCKOUT_MS, MAX_FAILED_LOGINS, verifyLogin } from "@/lib/accounts/users";
import { actorForUser, addMember, createWorkspace } from "@/lib/accounts/workspaces";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { uniqueSlug } from "./fixtures";

const email = () => `user-${randomBytes(4).toString("hex")}@example.test`;

async function lockState(address: string) {
  const row = await db().user.findUniqueOrThrow({ where: { email: address }, select: { failedLoginCount: true, lockedUntil: true } });
  return { failures: row.failedLoginCount, locked: !!row.lockedUntil && row.lockedUntil > new Date() };
}

describe("login", () => {
  it("accepts the right password (email case-insensitive) and never stores it in clear", async () => {
    const address = email();
    await createUser({ email: address, password: "right-password-1" });
    const result = await verifyLogin(address.toUpperCase(), "right-password-1");
    expect(result).toMatchObject({ ok: true, user: { email: address } });
    const row = await db().user.findUniqueOrThrow({ where: { email: address }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$11\$/);
  });

  it("rejects a wrong password and an unknown email the same way", async () => {
    const address = email();
    await createUser({ email: address, password: "right-password-1" });
    expect(await verifyLogin(address, "wrong")).toEqual({ ok: false });
    expect(await verifyLogin(email(), "whatever")).toEqual({ ok: false });
  });

  it(`locks the account for a while after ${MAX_FAILED_LOGINS} failures, even for the right password`, async () => {
    const address = email();
    await createUser({ email: address, password: "right-password-1" });
    const now = new Date();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await verifyLogin(address, "nope", now)).ok).toBe(false);
    expect(await verifyLogin(address, "nope", now)).toEqual({ ok: false });
    expect(await lockState(address)).toMatchObject({ locked: true });
    expect(await verifyLogin(address, "right-password-1", now)).toEqual({ ok: false });
    // After the lock-out the right password works again and the counter is reset.
    const later = new Date(now.getTime() + LOCKOUT_MS + 1000);
    expect(await verifyLogin(address, "right-password-1", later)).toMatchObject({ ok: true });
    expect((await verifyLogin(address, "nope", later)).ok).toBe(false);
    expect(await verifyLogin(address, "right-password-1", later)).toMatchObject({ ok: true });
  });

  it("refuses short passwords", async () => {
    await expect(createUser({ email: email(), password: "short" })).rejects.toThrow(/at least 10/);
  });
});

describe("workspaces and roles", () => {
  it("gives a user an actor only in workspaces they belong to", async () => {
    const user = await createUser({ email: email(), password: "right-password-1" });
    const mine = await createWorkspace({ slug: uniqueSlug(), name: "Mine" });
    const theirs = await createWorkspace({ slug: uniqueSlug(), name: "Theirs" });
    await addMember(mine.id, user.id, "viewer");
    expect(await actorForUser(user.id, mine.slug)).toMatchObject({ workspaceId: mine.id, role: "viewer" });
    await expect(actorForUser(user.id, theirs.slug)).rejects.toThrow(NotFoundError);
  });

  it("lets admins administer, managers configure, viewers only read", () => {
    expect([can({ role: "admin" }, "administer"), can({ role: "manager" }, "administer"), can({ role: "viewer" }, "administer")]).toEqual([true, false, false]);
    expect([can({ role: "admin" }, "configure"), can({ role: "manager" }, "configure"), can({ role: "viewer" }, "configure")]).toEqual([true, true, false]);
    expect(can({ role: "viewer" }, "read")).toBe(true);
  });
});

describe("API keys", () => {
  it("shows the key once, stores only its hash, authenticates it and stops after revoke", async () => {
    const ws = await createWorkspace({ slug: uniqueSlug(), name: "Keys" });
    const admin = { workspaceId: ws.id, role: "admin" as const };
    const created = await createApiKey(admin, { name: "CI", role: "viewer" });
    expect(created.key).toMatch(/^sb_[A-Za-z0-9_-]{32}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.id }, omit: { keyHash: false } });
    expect(row.keyHash).not.toContain(created.key);
    expect(JSON.stringify(await listApiKeys(admin))).not.toContain(created.key);

    expect(await authenticateApiKey(`Bearer ${created.key}`)).toMatchObject({ workspaceId: ws.id, role: "viewer", apiKeyId: created.id });
    await revokeApiKey(admin, created.id);
    await expect(authenticateApiKey(`Bearer ${created.key}`)).rejects.toThrow(UnauthorizedError);
  });

  it("only lets admins create keys and only within their workspace", async () => {
    const ws = await createWorkspace({ slug: uniqueSlug(), name: "A" });
    const other = await createWorkspace({ slug: uniqueSlug(), name: "B" });
    await expect(createApiKey({ workspaceId: ws.id, role: "manager" }, { name: "x" })).rejects.toThrow(ForbiddenError);
    const key = await createApiKey({ workspaceId: ws.id, role: "admin" }, { name: "x" });
    await expect(revokeApiKey({ workspaceId: other.id, role: "admin" }, key.id)).rejects.toThrow(NotFoundError);
  });

  it("answers 401 for malformed Authorization headers", async () => {
    for (const header of [null, "", "Basic abc", "Bearer", "Bearer a b"]) {
      await expect(authenticateApiKey(header)).rejects.toThrow(UnauthorizedError);
    }
  });
});
