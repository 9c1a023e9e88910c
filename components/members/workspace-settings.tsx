"use client";
// The current workspace on the members page: admins rename it; an admin of any workspace creates a new one
// (they become its admin and it becomes their current workspace).
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createWorkspaceAction, renameWorkspaceAction } from "@/server/actions/workspace";
import { WORKSPACE_NAME_MAX_LENGTH, workspaceNameInputSchema, type WorkspaceNameInput } from "@/lib/accounts/workspace-input";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors } from "@/components/forms/server-errors";

const FIELDS = ["name"] as const;
const HINT = `At most ${WORKSPACE_NAME_MAX_LENGTH} characters`;

export function WorkspaceSettings({ workspace, canRename, canCreate }: { workspace: { name: string; slug: string }; canRename: boolean; canCreate: boolean }) {
  const [creating, setCreating] = useState(false);
  return (
    <Card aria-labelledby="workspace-heading">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="min-w-0">
          <h2 id="workspace-heading" className="text-base font-semibold text-slate-900">
            Workspace
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Connectors, messages, members and API keys belong to one workspace. Its address in scripts is{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 text-xs text-slate-700">{workspace.slug}</code>.
          </p>
        </div>
        {canCreate && (
          <Button onClick={() => setCreating(true)}>
            <PlusIcon />
            New workspace
          </Button>
        )}
      </div>
      <div className="border-t border-slate-100 px-6 py-4">
        {canRename ? (
          // Keyed by name: after a rename (here or elsewhere) the form starts from the saved name.
          <RenameForm key={workspace.name} name={workspace.name} />
        ) : (
          <p className="text-sm text-slate-700">
            Name: <strong className="font-medium text-slate-900">{workspace.name}</strong>
          </p>
        )}
      </div>
      {canCreate && <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function RenameForm({ name }: { name: string }) {
  const router = useRouter();
  const toast = useToast();
  const [, startTransition] = useTransition();
  const form = useForm<WorkspaceNameInput>({ resolver: zodResolver(workspaceNameInputSchema), defaultValues: { name } });
  const { register, handleSubmit, formState } = form;
  const error = formState.errors.name;

  const onSubmit = handleSubmit(async (values) => {
    const result = await renameWorkspaceAction(values);
    if (!result.ok) {
      applyServerErrors(form, result.error, { fields: FIELDS, fallback: "name" });
      return;
    }
    toast(`Workspace renamed to “${result.data.name}”`);
    startTransition(() => router.refresh());
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Rename workspace" className="flex flex-wrap items-start gap-3">
      <Field id="workspace-name" label="Workspace name" hint={HINT} error={error?.message} className="w-full max-w-sm">
        <Input
          id="workspace-name"
          {...register("name")}
          autoComplete="off"
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy("workspace-name", { error, hint: true })}
        />
      </Field>
      <Button type="submit" className="sm:mt-7" pending={formState.isSubmitting} disabled={!formState.isDirty}>
        {formState.isSubmitting ? "Renaming…" : "Rename"}
      </Button>
    </form>
  );
}

function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [, startTransition] = useTransition();
  const form = useForm<WorkspaceNameInput>({ resolver: zodResolver(workspaceNameInputSchema), defaultValues: { name: "" } });
  const { register, handleSubmit, formState, reset } = form;
  const error = formState.errors.name;

  const close = () => {
    reset();
    onClose();
  };

  const onSubmit = handleSubmit(async (values) => {
    const result = await createWorkspaceAction(values);
    if (!result.ok) {
      applyServerErrors(form, result.error, { fields: FIELDS, fallback: "name" });
      return;
    }
    close();
    toast(`Created “${result.data.name}”: you are its admin, and it is now your current workspace`);
    // The layout reads the user's workspaces on the server: a refresh puts the new one in the switcher.
    startTransition(() => router.refresh());
  });

  return (
    <Dialog
      open={open}
      onClose={close}
      size="sm"
      dismissible={!formState.isSubmitting}
      title="Create a workspace"
      description="You become its only member and admin, and switch to it. Add members and connectors there."
      footer={
        <>
          <Button onClick={close} disabled={formState.isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form="create-workspace-form" variant="primary" pending={formState.isSubmitting}>
            {formState.isSubmitting ? "Creating…" : "Create workspace"}
          </Button>
        </>
      }
    >
      <form id="create-workspace-form" onSubmit={onSubmit} noValidate aria-label="Create workspace">
        <Field id="new-workspace-name" label="Name" hint={HINT} error={error?.message}>
          <Input
            id="new-workspace-name"
            {...register("name")}
            autoComplete="off"
            autoFocus
            aria-invalid={!!error || undefined}
            aria-describedby={describedBy("new-workspace-name", { error, hint: true })}
          />
        </Field>
      </form>
    </Dialog>
  );
}
