"use client";
// The request's authentication (request.auth): none, HTTP Basic, or OAuth 2.0 client credentials. Secrets use the
// saved-secret box: a stored one shows as "Unchanged", and leaving it empty keeps it.
import { useController, useFormContext, useWatch } from "react-hook-form";
import type { RequestAuth } from "@/lib/connectors/schema";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { errorMessage } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";
import { useReadOnly } from "./read-only";
import { SavedSecretField } from "./saved-secret-field";

type AuthType = RequestAuth["type"];

const TYPES: Array<{ value: AuthType; label: string }> = [
  { value: "none", label: "None (or keys in parameters and headers)" },
  { value: "basic", label: "HTTP Basic authentication" },
  { value: "oauth2", label: "OAuth 2.0 client credentials" },
];

const EMPTY: Record<AuthType, NonNullable<ConnectorFormValues["request"]["auth"]>> = {
  none: { type: "none" },
  basic: { type: "basic", username: "", password: "" },
  oauth2: { type: "oauth2", tokenUrl: "", clientId: "", clientSecret: "", scope: "", audience: "", placement: "header" },
};

export function AuthField() {
  const { control, setValue, formState } = useFormContext<ConnectorFormValues>();
  const auth = useWatch({ control, name: "request.auth" });
  const type: AuthType = auth?.type ?? "none";
  const errors = (formState.errors.request as Record<string, unknown> | undefined)?.auth as Record<string, unknown> | undefined;
  const error = (name: string) => errorMessage(errors?.[name] as never);

  return (
    <div className="space-y-4">
      <Field id="auth-type" label="Authentication" hint={hintFor(type)} className="max-w-md">
        <Select
          id="auth-type"
          value={type}
          onChange={(event) => setValue("request.auth", { ...EMPTY[event.target.value as AuthType] }, { shouldDirty: true })}
          aria-describedby={describedBy("auth-type", { hint: true })}
        >
          {TYPES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>

      {type === "basic" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput name="request.auth.username" id="auth-username" label="Username" error={error("username")} />
          <SecretInput name="request.auth.password" id="auth-password" label="Password" error={error("password")} />
        </div>
      )}

      {type === "oauth2" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput
            name="request.auth.tokenUrl"
            id="auth-token-url"
            label="Token URL"
            placeholder="https://auth.provider.example/oauth/token"
            error={error("tokenUrl")}
            className="sm:col-span-2"
            hint="Switchboard POSTs grant_type=client_credentials here, with the client ID and secret as HTTP Basic."
          />
          <TextInput name="request.auth.clientId" id="auth-client-id" label="Client ID" error={error("clientId")} />
          <SecretInput name="request.auth.clientSecret" id="auth-client-secret" label="Client secret" error={error("clientSecret")} />
          <TextInput name="request.auth.scope" id="auth-scope" label="Scope" optional error={error("scope")} placeholder="sms:send" />
          <TextInput name="request.auth.audience" id="auth-audience" label="Audience" optional error={error("audience")} />
          <PlacementSelect error={error("placement")} />
        </div>
      )}
    </div>
  );
}

function hintFor(type: AuthType): string {
  if (type === "basic") return "Sent as Authorization: Basic with every request; replaces any Authorization header row.";
  if (type === "oauth2")
    return "The token is fetched once, shared by every worker, renewed shortly before it expires and once when the provider answers 401.";
  return "Keys and tokens can also go in URL parameters or headers marked Secret.";
}

type AuthPath =
  | "request.auth.username"
  | "request.auth.password"
  | "request.auth.tokenUrl"
  | "request.auth.clientId"
  | "request.auth.clientSecret"
  | "request.auth.scope"
  | "request.auth.audience";

function TextInput(props: { name: AuthPath; id: string; label: string; error?: string; placeholder?: string; optional?: boolean; hint?: string; className?: string }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const { field } = useController({ control, name: props.name });
  return (
    <Field id={props.id} label={props.label} error={props.error} optional={props.optional} hint={props.hint} className={props.className}>
      <Input
        id={props.id}
        ref={field.ref}
        name={field.name}
        value={typeof field.value === "string" ? field.value : ""}
        onChange={field.onChange}
        onBlur={field.onBlur}
        placeholder={props.placeholder}
        aria-invalid={!!props.error || undefined}
        aria-describedby={describedBy(props.id, { error: props.error, hint: props.hint })}
        autoComplete="off"
        spellCheck={false}
        className="font-mono text-[13px]"
      />
    </Field>
  );
}

function SecretInput(props: { name: AuthPath; id: string; label: string; error?: string }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const readOnly = useReadOnly();
  const { field } = useController({ control, name: props.name });
  return <SavedSecretField id={props.id} label={props.label} field={field} error={props.error} readOnly={readOnly} />;
}

function PlacementSelect({ error }: { error?: string }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const { field } = useController({ control, name: "request.auth.placement" });
  return (
    <Field id="auth-placement" label="Send the token as" error={error} className="sm:col-span-2 max-w-md">
      <Select id="auth-placement" ref={field.ref} name={field.name} value={String(field.value ?? "header")} onChange={field.onChange} onBlur={field.onBlur}>
        <option value="header">Authorization: Bearer header</option>
        <option value="placeholder">{"{{oauth_token}} placeholder, where I put it"}</option>
      </Select>
    </Field>
  );
}
