"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchWorkspaceAction } from "@/server/actions/workspace";

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: Array<{ slug: string; name: string; role: string }> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (workspaces.length < 2) return <span className="text-slate-600" data-testid="workspace-name">{workspaces[0]?.name}</span>;
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">Workspace</span>
      <select
        value={current}
        disabled={pending}
        onChange={(event) => startTransition(async () => {
          const result = await switchWorkspaceAction(event.target.value);
          if (result.ok) router.refresh();
        })}
        className="rounded-md border border-slate-300 px-2 py-1"
      >
        {workspaces.map((w) => <option key={w.slug} value={w.slug}>{w.name}</option>)}
      </select>
    </label>
  );
}
