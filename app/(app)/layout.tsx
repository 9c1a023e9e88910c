import Link from "next/link";
import type { ReactNode } from "react";
import { membershipsOf } from "@/lib/accounts/workspaces";
import { LogoutButton } from "@/components/layout/logout-button";
import { MAIN_ID } from "@/components/layout/skip-link";
import { TopBarMenu } from "@/components/layout/top-bar-menu";
import { WorkspaceSwitcher } from "@/components/layout/workspace-switcher";
import { requirePageActor } from "@/server/auth";

const navLink = "block rounded-md px-2 py-2 text-slate-700 hover:bg-slate-100 hover:text-indigo-700 lg:px-0 lg:py-0 lg:hover:bg-transparent";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const memberships = await membershipsOf(actor.userId!);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
          <Link href="/settings/channel/sms" className="flex items-center gap-2 font-semibold text-indigo-700">
            <img src="/logo.svg" alt="" width={24} height={24} className="size-6" />
            Switchboard
          </Link>
          <TopBarMenu>
            <nav aria-label="Main" className="text-sm">
              <ul className="flex flex-col gap-1 lg:flex-row lg:gap-4">
                <li><Link href="/dashboard" className={navLink}>Dashboard</Link></li>
                <li><Link href="/campaigns" className={navLink}>Campaigns</Link></li>
                <li><Link href="/settings/channel/sms" className={navLink}>SMS &amp; Connectors</Link></li>
                <li><Link href="/settings/members" className={navLink}>Members</Link></li>
                {actor.role === "admin" && <li><Link href="/settings/api-keys" className={navLink}>API keys</Link></li>}
                <li><Link href="/settings/account" className={navLink}>Account</Link></li>
              </ul>
            </nav>
            <div className="flex flex-wrap items-center gap-3 text-sm lg:ml-auto">
              <WorkspaceSwitcher current={actor.workspace.slug} workspaces={memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role }))} />
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="current-role">{actor.role}</span>
              <LogoutButton />
            </div>
          </TopBarMenu>
        </div>
      </header>
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6">
        {children}
      </main>
    </div>
  );
}
