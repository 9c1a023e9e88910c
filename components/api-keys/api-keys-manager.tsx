"use client";
// API keys: create (the key is shown once), list, revoke.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { createApiKeyAction, revokeApiKeyAction } from "@/server/actions/api-keys";
import { createApiKeyInputSchema, type CreateApiKeyInput } from "@/lib/accounts/api-key-input";
import { ROLES } from "@/lib/accounts/permissions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Badge, describedBy, Field } from "@/components/ui/field";
import { KeyIcon } from "@/components/ui/icons";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors } from "@/components/forms/server-errors";

export interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const ROLE_HINT: Record<string, string> = {
  admin: "Everything, including workspace administration",
  manager: "Read and change connectors, send messages",
  viewer: "Read only",
};

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—");

export function ApiKeysManager({ keys }: { keys: ApiKeyRow[] }) {
  const router = useRouter();
  const toast = useToast();
  const [, startTransition] = useTransition();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const [revokePending, setRevokePending] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateApiKeyInput>({
    resolver: zodResolver(createApiKeyInputSchema),
    defaultValues: { name: "", role: "manager" },
  });
  const { register, handleSubmit, reset, formState, control } = form;
  const nameError = formState.errors.name?.message;
  const roleError = formState.errors.role?.message;
  const role = useWatch({ control, name: "role" });

  const onCreate = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createApiKeyAction(values);
    if (!result.ok) {
      const { placed } = applyServerErrors(form, result.error, { fields: ["name"] });
      if (placed.length === 0) setFormError(result.error.message);
      return;
    }
    reset();
    setCreated({ name: result.data.name, key: result.data.key });
    startTransition(() => router.refresh());
  });

  const revoke = async () => {
    if (!revoking) return;
    setRevokePending(true);
    setRevokeError(null);
    const result = await revokeApiKeyAction(revoking.id);
    setRevokePending(false);
    if (!result.ok) return setRevokeError(result.error.message);
    toast(`Revoked “${revoking.name}”`);
    setRevoking(null);
    startTransition(() => router.refresh());
  };

  return (
    <div className="space-y-6">
      <Card>
        <form onSubmit={onCreate} noValidate aria-label="Create API key" className="px-6 py-5">
          <h2 className="text-base font-semibold text-slate-900">Create a key</h2>
          <div className="mt-4 flex flex-wrap items-start gap-3">
            <Field id="api-key-name" label="Key name" error={nameError} className="w-72">
              <Input
                id="api-key-name"
                {...register("name")}
                placeholder="e.g. CRM integration"
                aria-invalid={!!nameError || undefined}
                aria-describedby={describedBy("api-key-name", { error: nameError })}
                autoComplete="off"
              />
            </Field>
            <Field id="api-key-role" label="Role" error={roleError} className="w-56" hint={ROLE_HINT[role]}>
              <Select id="api-key-role" {...register("role")} aria-describedby={describedBy("api-key-role", { error: roleError, hint: true })}>
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {option[0].toUpperCase() + option.slice(1)}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="pt-[1.625rem]">
              <Button type="submit" variant="primary" pending={formState.isSubmitting}>
                {formState.isSubmitting ? "Creating…" : "Create key"}
              </Button>
            </div>
          </div>
          {formError && <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p>}
        </form>
      </Card>

      <Card>
        <div className="border-b border-slate-100 px-6 py-4">
          <h2 className="text-base font-semibold text-slate-900">Keys</h2>
        </div>
        {keys.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-12 text-center">
            <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
              <KeyIcon />
            </div>
            <p className="text-sm font-medium text-slate-900">No API keys yet</p>
            <p className="mt-1 text-sm text-slate-500">Create one above to call the REST API from another system.</p>
          </div>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-6 py-2.5 font-medium">Name</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Key</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Created</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Last used</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Status</th>
                <th scope="col" className="px-6 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? "text-slate-400" : "text-slate-700"}>
                  <th scope="row" className="px-6 py-3 font-medium text-slate-900">{key.name}</th>
                  <td className="px-3 py-3 capitalize">{key.role}</td>
                  <td className="px-3 py-3 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-3 py-3 whitespace-nowrap" suppressHydrationWarning>{formatDate(key.createdAt)}</td>
                  <td className="px-3 py-3 whitespace-nowrap" suppressHydrationWarning>{key.lastUsedAt ? formatDate(key.lastUsedAt) : "Never"}</td>
                  <td className="px-3 py-3" suppressHydrationWarning>
                    {key.revokedAt ? <Badge tone="red">Revoked {formatDate(key.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}
                  </td>
                  <td className="px-6 py-3 text-right">
                    {!key.revokedAt && (
                      <Button size="sm" variant="danger" onClick={() => { setRevokeError(null); setRevoking(key); }} aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Dialog
        open={!!created}
        onClose={() => setCreated(null)}
        title={`API key “${created?.name ?? ""}” created`}
        description="Copy the key now and store it somewhere safe. It will not be shown again."
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            I have stored the key
          </Button>
        }
      >
        {created && (
          <div className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor="created-api-key" className="mb-1.5 block text-sm font-medium text-slate-800">
                Your new API key
              </label>
              <Input id="created-api-key" readOnly value={created.key} className="font-mono text-[13px]" onFocus={(event) => event.currentTarget.select()} />
            </div>
            <CopyButton text={created.key} label="Copy key" />
          </div>
        )}
      </Dialog>

      <Dialog
        open={!!revoking}
        onClose={() => setRevoking(null)}
        size="sm"
        dismissible={!revokePending}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Systems using this key are refused (401) from now on. This cannot be undone."
        footer={
          <>
            <Button onClick={() => setRevoking(null)} disabled={revokePending} autoFocus>
              Cancel
            </Button>
            <Button variant="destructive" pending={revokePending} onClick={revoke}>
              {revokePending ? "Revoking…" : "Revoke key"}
            </Button>
          </>
        }
      >
        {revokeError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{revokeError}</p>}
      </Dialog>
    </div>
  );
}
