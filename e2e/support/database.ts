// Seeds fresh identities straight into the app's database, so every test starts from its own workspace
// without going through screens it does not test. Mirrors the rows lib/accounts writes.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import pg from "pg";
import { e2eDatabaseUrl } from "./environment";

export type Role = "admin" | "manager" | "viewer";

export interface SeededWorkspace {
  id: string;
  slug: string;
  name: string;
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  workspace: SeededWorkspace;
}

export const PASSWORD = "e2e-password-0123";
// Low bcrypt cost: verification reads the cost from the hash, and seeding stays fast.
let passwordHash: string | undefined;

let pool: pg.Pool | undefined;
export function database(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: e2eDatabaseUrl(), max: 2 });
  return pool;
}

const uniqueSuffix = () => `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

export async function seedWorkspace(name = "E2E workspace"): Promise<SeededWorkspace> {
  const workspace = { id: randomUUID(), slug: `e2e-${uniqueSuffix()}`, name };
  await database().query(`insert into "Workspace" (id, slug, name) values ($1, $2, $3)`, [workspace.id, workspace.slug, workspace.name]);
  return workspace;
}

export async function seedUser(workspace: SeededWorkspace, role: Role): Promise<SeededUser> {
  passwordHash ??= bcrypt.hashSync(PASSWORD, 4);
  const user = { id: randomUUID(), email: `${role}-${uniqueSuffix()}@e2e.test`, password: PASSWORD, role, workspace };
  await database().query(`insert into "User" (id, email, name, "passwordHash") values ($1, $2, $3, $4)`, [user.id, user.email, `E2E ${role}`, passwordHash]);
  await database().query(`insert into "Membership" ("userId", "workspaceId", role) values ($1, $2, $3)`, [user.id, workspace.id, role]);
  return user;
}

export interface SeedConnector {
  name: string;
  url: string;
  method?: "GET" | "POST" | "DELETE";
  senders?: Array<{ name: string; type: "promotional" | "transactional"; default?: boolean }>;
  params?: Array<{ key: string; value: string }>;
}

/** A connector without secrets (secret values are encrypted by the app; create those through the UI or API). */
export async function seedConnector(workspace: SeededWorkspace, input: SeedConnector): Promise<{ id: string }> {
  const id = randomUUID();
  const method = input.method ?? "GET";
  const config = {
    request: {
      method,
      url: input.url,
      params: (input.params ?? []).map((p) => ({ ...p, secret: false })),
      headers: [],
      body: { type: "none" },
    },
    response: { sentId: null, accepted: null },
  };
  const senders = input.senders ?? [{ name: "SEEDED", type: "transactional", default: true }];
  const client = await database().connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into "Connector" (id, "workspaceId", "publicId", kind, name, "nameKey", host, config, "updatedAt")
       values ($1, $2, $3, 'custom', $4, $5, $6, $7, now())`,
      [id, workspace.id, randomBytes(24).toString("base64url"), input.name, input.name.toLowerCase(), new URL(input.url).hostname.toLowerCase(), config],
    );
    for (const [position, sender] of senders.entries()) {
      await client.query(`insert into "Sender" (id, "connectorId", name, type, "isDefault", position) values ($1, $2, $3, $4, $5, $6)`, [
        randomUUID(),
        id,
        sender.name,
        sender.type,
        sender.default ?? position === 0,
        position,
      ]);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
  return { id };
}

/** An API key of the workspace, stored the way lib/accounts/api-keys.ts stores it (SHA-256 of the key). */
export async function seedApiKey(workspace: SeededWorkspace, role: Role = "manager", name = "E2E key"): Promise<string> {
  const key = `sb_${randomBytes(24).toString("base64url")}`;
  const keyHash = createHash("sha256").update(key).digest("hex");
  await database().query(`insert into "ApiKey" (id, "workspaceId", name, role, prefix, "keyHash") values ($1, $2, $3, $4, $5, $6)`, [
    randomUUID(),
    workspace.id,
    name,
    role,
    key.slice(0, 10),
    keyHash,
  ]);
  return key;
}

/** The stored (encrypted) config of a connector, to check what the app really keeps. */
export async function storedConnectorConfig(id: string): Promise<{ request: { url: string; params: Array<{ key: string; value: string; secret: boolean }> } }> {
  const { rows } = await database().query(`select config from "Connector" where id = $1`, [id]);
  return rows[0]?.config;
}

/**
 * Moves everything a connector has sent and received so far `hours` back in time (messages, their events and the
 * delivery reports), as if it had happened then: for screens that count by period.
 */
export async function ageConnectorActivity(connectorId: string, hours: number): Promise<void> {
  const shift = `${hours} hours`;
  await database().query(`update "MessageEvent" e set at = e.at - $2::interval from "Message" m where m.id = e."messageId" and m."connectorId" = $1`, [connectorId, shift]);
  await database().query(
    `update "Message" set "createdAt" = "createdAt" - $2::interval, "sentAt" = "sentAt" - $2::interval, "finalAt" = "finalAt" - $2::interval where "connectorId" = $1`,
    [connectorId, shift],
  );
  await database().query(`update "DeliveryCallback" set "receivedAt" = "receivedAt" - $2::interval where "connectorId" = $1`, [connectorId, shift]);
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
