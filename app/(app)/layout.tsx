import Link from "next/link";
import type { ReactNode } from "react";
import { membershipsOf } from "@/lib/accounts/workspaces";
import { LogoutButton } from "@/components/layout/logout-button";
import { WorkspaceSwitcher } from "@/components/layout/workspace-switcher";
import { requirePageActor } from "@/server/auth";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const memberships = await membershipsOf(actor.userId!);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/settings/channel/sms" className="font-semibold text-indigo-700">Switchboard</Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/campaigns" className="hover:text-indigo-700">Campaigns</Link>
            <Link href="/settings/channel/sms" className="hover:text-indigo-700">SMS &amp; Connectors</Link>
            <Link href="/settings/members" className="hover:text-indigo-700">Members</Link>
            {actor.role === "admin" && <Link href="/settings/api-keys" className="hover:text-indigo-700">API keys</Link>}
            <Link href="/settings/account" className="hover:text-indigo-700">Account</Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <WorkspaceSwitcher current={actor.workspace.slug} workspaces={memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role }))} />
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="current-role">{actor.role}</span>
            <LogoutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-7xl px-6 py-6">{children}</div>
    </div>
  );
}
