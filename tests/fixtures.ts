// Fresh identities for integration tests: every test gets its own workspace, users and keys.
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/accounts/api-keys";
import type { Role } from "@/lib/accounts/permissions";
import { createWorkspace } from "@/lib/accounts/workspaces";

export function uniqueSlug(prefix = "ws"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  keys: Record<Role, string>;
}

export async function createTestWorkspace(): Promise<TestWorkspace> {
  const workspace = await createWorkspace({ slug: uniqueSlug(), name: "Test workspace" });
  const asAdmin = { workspaceId: workspace.id, role: "admin" as const };
  const keys = {} as Record<Role, string>;
  for (const role of ["admin", "manager", "viewer"] as const) {
    keys[role] = (await createApiKey(asAdmin, { name: `${role} key`, role })).key;
  }
  return { id: workspace.id, slug: workspace.slug, keys };
}

/** A valid connector body in the REST shape; `overrides` replace top-level parts. */
export function connectorBody(overrides: Record<string, unknown> = {}) {
  const host = `api-${randomBytes(3).toString("hex")}.acme.example`;
  return {
    name: `Acme ${randomBytes(3).toString("hex")}`,
    senders: [
      { name: "ACME", type: "transactional", default: true },
      { name: "ACMEPROMO", type: "promotional" },
    ],
    request: {
      method: "POST",
      url: `https://${host}/v2/send`,
      params: [{ key: "api_key", value: "super-secret-key", secret: true }],
      headers: [{ key: "X-Client", value: "switchboard" }],
      body: {
        type: "json",
        fields: [
          { key: "to[0]", value: "{{destination}}" },
          { key: "message.text", value: "{{message}}" },
        ],
      },
    },
    response: { sentId: { from: "json", path: "data.id" } },
    timeoutMs: 5000,
    throughputPerSecond: 50,
    ...overrides,
  };
}
