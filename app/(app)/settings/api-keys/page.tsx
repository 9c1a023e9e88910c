import type { Metadata } from "next";
import { listApiKeys } from "@/lib/accounts/api-keys";
import { can } from "@/lib/accounts/permissions";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { Card, EmptyState } from "@/components/ui/card";
import { KeyIcon } from "@/components/ui/icons";
import { requirePageActor } from "@/server/auth";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await requirePageActor();
  const isAdmin = can(actor, "administer");
  const keys = isAdmin ? await listApiKeys(actor) : [];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Settings</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">API keys</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-500">
          Other systems use API keys to call the REST API (<code className="font-mono text-[13px]">/api/v1</code>) as this workspace: send with{" "}
          <code className="font-mono text-[13px]">Authorization: Bearer &lt;key&gt;</code>.
        </p>
      </div>
      {isAdmin ? (
        <ApiKeysManager
          keys={keys.map((k) => ({
            id: k.id,
            name: k.name,
            role: k.role,
            prefix: k.prefix,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
        />
      ) : (
        <Card className="max-w-2xl">
          <EmptyState title="Only admins manage API keys" icon={<KeyIcon />}>
            Your role in this workspace is <strong className="font-medium text-slate-700">{actor.role}</strong>. Ask an admin to create a key for
            you.
          </EmptyState>
        </Card>
      )}
    </div>
  );
}
