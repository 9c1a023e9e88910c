"use client";
// A native connector's part of the Delivery tracking card: whether callbacks are signed (with an optional
// shared secret where the provider signs nothing) and the built-in status table, read-only.
import { SavedSecretField } from "../saved-secret-field";
import { SignatureHelp } from "@/components/delivery/signature-help";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { useController, useForm, useWatch, type Control, type FieldPath } from "react-hook-form";
import { z } from "zod";
import { saveNativeConnectorAction } from "@/server/actions/connectors";
import { callbackAuthSchema, SECRET_MASK, type CallbackAuth, type ConnectorView } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { CheckCircleIcon, ExclamationIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/components/forms/field-error";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { NativeProviderInfo } from "@/lib/providers/provider-info";

export function NativeDeliveryMapping({ connector, provider, readOnly }: { connector: ConnectorView; provider: NativeProviderInfo; readOnly: boolean }) {
  return (
    <>
      <FormSection title="Callback authentication" id="native-callback-auth">
        {provider.signsCallbacks ? (
          <Note tone="green" icon={<CheckCircleIcon className="size-5 text-emerald-600" />} title="Verified callbacks" testId="signature-note">
            {provider.signatureNote}
          </Note>
        ) : (
          <>
            <Note tone="amber" icon={<ExclamationIcon className="size-5 text-amber-600" />} title="Unsigned callbacks" testId="signature-note">
              {provider.signatureNote}
            </Note>
            <CallbackAuthForm connector={connector} readOnly={readOnly} />
          </>
        )}
      </FormSection>
      <StatusTable connector={connector} provider={provider} />
    </>
  );
}

function Note({ tone, icon, title, testId, children }: { tone: "green" | "amber"; icon: ReactNode; title: string; testId?: string; children: ReactNode }) {
  return (
    <div
      data-testid={testId}
      className={cx(
        "flex items-start gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset",
        tone === "green" ? "bg-emerald-50/60 text-slate-700 ring-emerald-600/15" : "bg-amber-50/70 text-slate-700 ring-amber-600/20",
      )}
    >
      <span className="mt-px shrink-0">{icon}</span>
      <div>
        <p className="font-medium text-slate-900">{title}</p>
        <p className="mt-0.5">{children}</p>
      </div>
    </div>
  );
}

/** The built-in status table: which report field holds what, and which statuses mean delivered or pending. */
function StatusTable({ connector, provider }: { connector: ConnectorView; provider: NativeProviderInfo }) {
  const tracking = connector.deliveryTracking;
  const editable = provider.advancedFields.includes("deliveryReport");
  const values = (list: string[]) =>
    list.length === 0 ? (
      <span className="text-slate-400">none</span>
    ) : (
      <span className="flex flex-wrap gap-1">
        {list.map((value) => (
          <code key={value} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">
            {value}
          </code>
        ))}
      </span>
    );
  const field = (path: string) => (path ? <code className="font-mono text-[13px] text-slate-900">{path}</code> : <span className="text-slate-400">not read</span>);
  const rows: Array<[string, ReactNode]> = [
    ["Message id field", field(tracking.messageIdField)],
    ["Status field", field(tracking.statusField)],
    ["Delivered", values(tracking.successValues)],
    ["Pending (not final yet)", values(tracking.pendingValues)],
    ["Not delivered", <span key="else" className="text-slate-700">any other status</span>],
    ["Failure reason field", field(tracking.failureReasonField)],
    ["Status comparison", tracking.caseInsensitive ? "case-insensitive" : "exact (case-sensitive)"],
  ];
  return (
    <FormSection
      title="Status mapping"
      id="native-status-mapping"
      description={
        editable
          ? `Built into the ${provider.label} connector from the Delivery report fields under Configuration → Advanced; change them there.`
          : `Built into the ${provider.label} connector: there is nothing to map. To read reports differently, copy it to a custom connector.`
      }
    >
      <table data-testid="status-mapping" className="w-full max-w-3xl text-left text-sm">
        <tbody className="divide-y divide-slate-100">
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row" className="w-56 py-2 pr-4 align-top font-medium text-slate-500">
                {label}
              </th>
              <td className="py-2 align-top text-slate-800">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FormSection>
  );
}

const authFormSchema = z.object({ authentication: callbackAuthSchema });
type AuthValues = z.input<typeof authFormSchema>;
type AuthType = CallbackAuth["type"];

const AUTH_DEFAULTS: Record<AuthType, CallbackAuth> = {
  none: { type: "none" },
  hmac: { type: "hmac", header: "X-Switchboard-Signature", secret: "" },
  basic: { type: "basic", username: "", password: "" },
};

/** The server names these fields `callbackAuthentication.…`; the form holds them under `authentication.…`. */
function authErrorPath(field: string): FieldPath<AuthValues> | null {
  const path = field.replace(/^callbackAuthentication\./, "authentication.");
  return /^authentication\.(header|secret|username|password)$/.test(path) ? (path as FieldPath<AuthValues>) : null;
}

const AUTH_TYPES = [
  ["none", "None", "Accept any callback to the URL (it is long and unguessable)."],
  ["hmac", "HMAC-SHA256 signature", "Headers carry a timestamp and a signature of the request made with a shared secret."],
  ["basic", "Basic auth", "The provider sends a username and password with each callback."],
] as const;

/** The custom connectors' shared-secret check, for providers that sign nothing. Saved on its own. */
function CallbackAuthForm({ connector, readOnly }: { connector: ConnectorView; readOnly: boolean }) {
  const toast = useToast();
  const router = useRouter();
  const [banner, setBanner] = useState<string | null>(null);
  const saved = connector.deliveryTracking.authentication;
  const savedByType = useRef<Partial<Record<AuthType, CallbackAuth>>>({ [saved.type]: saved });
  const form = useForm<AuthValues, unknown, z.output<typeof authFormSchema>>({
    resolver: zodResolver(authFormSchema),
    defaultValues: { authentication: { ...saved } },
  });
  const { control, register, handleSubmit, setValue, reset, formState } = form;
  const auth = useWatch({ control, name: "authentication" }) as CallbackAuth;
  const errors = (formState.errors.authentication ?? {}) as Record<string, { message?: string } | undefined>;

  const changeType = (next: AuthType) => {
    savedByType.current[auth.type] = auth;
    setValue("authentication", savedByType.current[next] ?? AUTH_DEFAULTS[next], { shouldDirty: true });
  };

  const onSubmit = handleSubmit(async ({ authentication }) => {
    setBanner(null);
    const result = await saveNativeConnectorAction(connector.id, { callbackAuthentication: authentication });
    if (!result.ok) {
      const { unplaced } = applyServerErrors(form, result.error, { fields: authErrorPath });
      setBanner(unplaced.length ? unplaced.map((issue) => issue.message).join(" ") : result.error.details?.length ? "Not saved. Fix the highlighted fields." : result.error.message);
      return;
    }
    const next = result.data.deliveryTracking.authentication;
    savedByType.current = { [next.type]: next };
    reset({ authentication: { ...next } });
    toast("Callback authentication saved");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Callback authentication" className="mt-5">
      <fieldset disabled={readOnly} className="min-w-0">
        <legend className="mb-2 text-sm font-medium text-slate-800">Optional: a shared secret of your own</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {AUTH_TYPES.map(([value, title, text]) => (
            <label
              key={value}
              className={cx(
                "flex cursor-pointer gap-2.5 rounded-lg border px-3 py-2.5 text-sm transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-500 has-disabled:cursor-not-allowed",
                auth.type === value ? "border-indigo-400 bg-indigo-50/60 ring-1 ring-indigo-400" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name="native-auth-type"
                value={value}
                checked={auth.type === value}
                onChange={() => changeType(value)}
                aria-label={title}
                aria-describedby={`native-auth-${value}-text`}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{title}</span>
                <span id={`native-auth-${value}-text`} className="mt-0.5 block text-xs text-slate-500">
                  {text}
                </span>
              </span>
            </label>
          ))}
        </div>

        {auth.type === "hmac" && (
          <div className="mt-4 grid gap-x-6 gap-y-4 md:grid-cols-2">
            <Field id="native-hmac-header" label="Signature header" error={errors.header?.message} hint="The request header that carries the signature.">
              <Input
                id="native-hmac-header"
                {...register("authentication.header")}
                aria-invalid={!!errors.header?.message || undefined}
                aria-describedby={describedBy("native-hmac-header", { error: errors.header?.message, hint: true })}
                autoComplete="off"
                className="font-mono text-[13px]"
              />
            </Field>
            <AuthSecret control={control} name="authentication.secret" id="native-hmac-secret" label="Shared secret" />
            <SignatureHelp header={auth.header} />
            <p className="text-xs text-slate-500 md:col-span-2">Useful when a gateway in front of Switchboard signs the provider&apos;s callbacks; otherwise Basic auth is the practical choice.</p>
          </div>
        )}
        {auth.type === "basic" && (
          <div className="mt-4 grid gap-x-6 gap-y-4 md:grid-cols-2">
            <Field id="native-basic-username" label="Username" error={errors.username?.message}>
              <Input
                id="native-basic-username"
                {...register("authentication.username")}
                aria-invalid={!!errors.username?.message || undefined}
                aria-describedby={describedBy("native-basic-username", { error: errors.username?.message })}
                autoComplete="off"
              />
            </Field>
            <AuthSecret control={control} name="authentication.password" id="native-basic-password" label="Password" />
            <p className="text-xs text-slate-500 md:col-span-2">
              Give the provider the URL with the credentials in it, as <code className="font-mono">https://user:password@host/…</code>, where its console accepts that.
            </p>
          </div>
        )}
      </fieldset>

      {!readOnly && (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" pending={formState.isSubmitting} disabled={!formState.isDirty}>
            {formState.isSubmitting ? "Saving…" : "Save callback authentication"}
          </Button>
          {formState.isDirty && (
            <Button variant="ghost" onClick={() => (setBanner(null), reset())}>
              Revert
            </Button>
          )}
          {banner && (
            <p role="alert" className="text-sm font-medium text-red-700">
              {banner}
            </p>
          )}
        </div>
      )}
    </form>
  );
}

function AuthSecret({ control, name, id, label }: { control: Control<AuthValues>; name: "authentication.secret" | "authentication.password"; id: string; label: string }) {
  const { field, fieldState } = useController({ control, name });
  return <SavedSecretField id={id} label={label} field={field} error={errorMessage(fieldState.error)} />;
}
