// API keys: shown once, stored as a SHA-256 hash, scoped to one workspace with a role.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { requirePermission, type Actor, type Role } from "./permissions";

const KEY_PREFIX = "sb_";
/** lastUsedAt is refreshed at most this often, so a busy key does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface CreatedApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  /** The key itself: returned once, never stored. */
  key: string;
}

export async function createApiKey(actor: Actor | { workspaceId: string; role: "admin" }, input: { name: string; role?: Role }): Promise<CreatedApiKey> {
  requirePermission(actor, "administer");
  const name = input.name.trim();
  if (!name || name.length > 100) throw new ValidationError([{ field: "name", message: "Give the key a name of 1–100 characters" }]);
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, 10);
  const role = input.role ?? "manager";
  const row = await db().apiKey.create({
    data: { workspaceId: actor.workspaceId, name, role, prefix, keyHash: hashApiKey(key) },
    select: { id: true },
  });
  return { id: row.id, name, role, prefix, key };
}

export async function listApiKeys(actor: Actor) {
  requirePermission(actor, "administer");
  return db().apiKey.findMany({
    where: { workspaceId: actor.workspaceId },
    select: { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiKey(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "administer");
  const { count } = await db().apiKey.updateMany({
    where: { id, workspaceId: actor.workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError("API key");
}

/** The actor behind an `Authorization: Bearer …` header, or 401. */
export async function authenticateApiKey(authorization: string | null): Promise<Actor> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) throw new UnauthorizedError("Send an API key as `Authorization: Bearer <key>`");
  const row = await db().apiKey.findUnique({
    where: { keyHash: hashApiKey(match[1]) },
    select: { id: true, workspaceId: true, role: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) throw new UnauthorizedError("Invalid or revoked API key");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { workspaceId: row.workspaceId, role: row.role, apiKeyId: row.id };
}
