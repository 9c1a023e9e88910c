"use client";
// How a custom connector's delivery reports prove they come from the provider: nothing, an HMAC-SHA256
// signature header made with a shared secret, or Basic auth. Part of the delivery-mapping form.
import type { RefObject } from "react";
import { SignatureHelp } from "@/components/delivery/signature-help";
import { useController, useWatch, type Control, type UseFormReturn } from "react-hook-form";
import type { CallbackAuth, DeliveryTracking } from "@/lib/connectors/schema";
import { SavedSecretField } from "@/components/connectors/saved-secret-field";
import { FormSection } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { MappingValues } from "./mapping-fields";

export type AuthType = CallbackAuth["type"];

const AUTH_DEFAULTS: Record<AuthType, CallbackAuth> = {
  none: { type: "none" },
  hmac: { type: "hmac", header: "X-Switchboard-Signature", secret: "" },
  basic: { type: "basic", username: "", password: "" },
};

type MappingForm = UseFormReturn<MappingValues, unknown, DeliveryTracking>;

type AuthSectionProps = {
  control: Control<MappingValues>;
  register: MappingForm["register"];
  setValue: MappingForm["setValue"];
  /** The saved authentication of each type, so switching type and back keeps a stored secret. */
  savedAuth: RefObject<Partial<Record<AuthType, CallbackAuth>>>;
  errors: MappingForm["formState"]["errors"];
};

export function CallbackAuthSection({ control, register, setValue, savedAuth, errors }: AuthSectionProps) {
  const auth = useWatch({ control, name: "authentication" }) as CallbackAuth | undefined;
  const type: AuthType = auth?.type ?? "none";
  const authErrors = (errors.authentication ?? {}) as Record<string, { message?: string } | undefined>;
  const headerError = authErrors.header?.message;
  const usernameError = authErrors.username?.message;

  const changeType = (next: AuthType) => {
    if (auth) savedAuth.current[auth.type] = auth;
    setValue("authentication", savedAuth.current[next] ?? AUTH_DEFAULTS[next], { shouldDirty: true });
  };

  return (
    <FormSection
      title="Callback authentication"
      id="dlr-auth"
      description="Optional: refuse delivery reports that do not prove they come from your provider. Refused callbacks get HTTP 401 and show as rejected."
    >
      <fieldset>
        <legend className="sr-only">Callback authentication</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {(
            [
              ["none", "None", "Accept any callback to the URL (it is long and unguessable)."],
              ["hmac", "HMAC-SHA256 signature", "Headers carry a timestamp and a signature of the request made with a shared secret."],
              ["basic", "Basic auth", "The provider sends a username and password with each callback."],
            ] as const
          ).map(([value, title, text]) => (
            <label
              key={value}
              className={cx(
                "flex cursor-pointer gap-2.5 rounded-lg border px-3 py-2.5 text-sm transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-500 has-disabled:cursor-not-allowed",
                type === value ? "border-indigo-400 bg-indigo-50/60 ring-1 ring-indigo-400" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name="dlr-auth-type"
                value={value}
                checked={type === value}
                onChange={() => changeType(value)}
                aria-label={title}
                aria-describedby={`dlr-auth-${value}-text`}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{title}</span>
                <span id={`dlr-auth-${value}-text`} className="mt-0.5 block text-xs text-slate-500">
                  {text}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {type === "hmac" && (
        <div className="mt-5 grid gap-x-6 gap-y-5 md:grid-cols-2">
          <Field id="dlr-hmac-header" label="Signature header" error={headerError} hint="The request header that carries the signature.">
            <Input
              id="dlr-hmac-header"
              {...register("authentication.header")}
              placeholder="X-Switchboard-Signature"
              aria-invalid={!!headerError || undefined}
              aria-describedby={describedBy("dlr-hmac-header", { error: headerError, hint: true })}
              autoComplete="off"
              className="font-mono text-[13px]"
            />
          </Field>
          <SecretField control={control} name="authentication.secret" id="dlr-hmac-secret" label="Shared secret" error={authErrors.secret?.message} />
          <SignatureHelp header={auth?.type === "hmac" ? auth.header : ""} />
        </div>
      )}

      {type === "basic" && (
        <div className="mt-5 grid gap-x-6 gap-y-5 md:grid-cols-2">
          <Field id="dlr-basic-username" label="Username" error={usernameError}>
            <Input
              id="dlr-basic-username"
              {...register("authentication.username")}
              aria-invalid={!!usernameError || undefined}
              aria-describedby={describedBy("dlr-basic-username", { error: usernameError })}
              autoComplete="off"
            />
          </Field>
          <SecretField control={control} name="authentication.password" id="dlr-basic-password" label="Password" error={authErrors.password?.message} />
          <p className="text-xs text-slate-500 md:col-span-2">
            The provider sends <code className="font-mono text-[12px]">Authorization: Basic …</code> with these credentials; most dashboards accept them in the URL as{" "}
            <code className="font-mono text-[12px]">https://user:password@host/…</code>.
          </p>
        </div>
      )}
    </FormSection>
  );
}

/** A stored secret arrives as the mask: shown empty with "Unchanged"; leaving it empty keeps the saved one. */
function SecretField({ control, name, id, label, error }: { control: Control<MappingValues>; name: "authentication.secret" | "authentication.password"; id: string; label: string; error?: string }) {
  const { field } = useController({ control, name });
  return <SavedSecretField id={id} label={label} field={field} error={error} />;
}
