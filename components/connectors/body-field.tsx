"use client";
// The request body (POST only): none, form rows, JSON rows (paths build nested objects) or a raw body.
import { useEffect, useRef } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { BODY_TYPES, type ConnectorBody } from "@/lib/connectors/schema";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";
import { KeyValueRows } from "./key-value-rows";
import { PlaceholderTextarea, usePlaceholderOptions } from "@/components/templates/placeholder-picker";

type Body = NonNullable<ConnectorFormValues["request"]["body"]>;
type BodyType = (typeof BODY_TYPES)[number];

const LABELS: Record<BodyType, string> = { none: "None", form: "Form", json: "JSON", raw: "Raw" };
const CONTENT_TYPES = ["application/json", "application/xml", "text/xml", "text/plain", "application/x-www-form-urlencoded"];

export function BodyField() {
  const { control, register, getValues, setValue, formState } = useFormContext<ConnectorFormValues>();
  const method = useWatch({ control, name: "request.method" });
  const type = (useWatch({ control, name: "request.body.type" }) ?? "none") as BodyType;
  // The body set aside when the method stops being POST (or the type changes), so switching back restores it.
  const stash = useRef<{ rows?: Array<Record<string, unknown>>; raw?: { contentType: string; content: string }; body?: Body }>({});

  useEffect(() => {
    const body = getValues("request.body");
    if (method !== "POST" && body && body.type !== "none") {
      stash.current.body = body;
      setValue("request.body", { type: "none" }, { shouldDirty: true });
    } else if (method === "POST" && (!body || body.type === "none") && stash.current.body) {
      setValue("request.body", stash.current.body, { shouldDirty: true });
      stash.current.body = undefined;
    }
  }, [method, getValues, setValue]);

  const changeType = (next: BodyType) => {
    const current = getValues("request.body") as Body | undefined;
    if (current && (current.type === "form" || current.type === "json")) stash.current.rows = (current.fields ?? []) as Array<Record<string, unknown>>;
    if (current?.type === "raw") stash.current.raw = { contentType: current.contentType, content: current.content };
    const rows = stash.current.rows ?? [];
    let body: ConnectorBody;
    if (next === "form") body = { type: "form", fields: rows.map(({ key, value, secret }) => ({ key: String(key ?? ""), value: String(value ?? ""), secret: !!secret })) };
    else if (next === "json")
      body = { type: "json", fields: rows.map((row) => ({ key: String(row.key ?? ""), value: String(row.value ?? ""), secret: !!row.secret, valueType: (row.valueType as "string") ?? "string" })) };
    else if (next === "raw") body = { type: "raw", contentType: stash.current.raw?.contentType ?? "application/json", content: stash.current.raw?.content ?? "" };
    else body = { type: "none" };
    setValue("request.body", body, { shouldDirty: true });
  };

  if (method !== "POST") {
    return <p className="text-sm text-slate-500">{method} requests have no body. Put the message and recipient in URL parameters.</p>;
  }

  const bodyErrors = formState.errors.request?.body as Record<string, unknown> | undefined;
  const contentTypeError = errorMessage(bodyErrors?.contentType);
  const contentError = errorMessage(bodyErrors?.content);
  const typeError = errorMessage(bodyErrors?.type);

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="sr-only">Body type</legend>
        <div role="radiogroup" aria-label="Body type" className="inline-flex rounded-lg border border-slate-300 bg-slate-50 p-0.5">
          {BODY_TYPES.map((option) => (
            <label
              key={option}
              className={cx(
                "cursor-pointer rounded-md px-3.5 py-1.5 text-sm font-medium transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-500",
                type === option ? "bg-white text-indigo-700 shadow-xs ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
              )}
            >
              <input type="radio" name="body-type" value={option} checked={type === option} onChange={() => changeType(option)} className="sr-only" />
              {LABELS[option]}
            </label>
          ))}
        </div>
        {typeError && <p className="mt-1.5 text-xs font-medium text-red-600">{typeError}</p>}
      </fieldset>

      {type === "none" && <p className="text-sm text-slate-500">The request is sent without a body.</p>}

      {type === "form" && (
        <KeyValueRows
          key="form"
          name="request.body.fields"
          noun="Body field"
          keyPlaceholder="to"
          valuePlaceholder="{{destination}}"
          emptyText="No body fields. The body is sent as application/x-www-form-urlencoded."
        />
      )}

      {type === "json" && (
        <div className="space-y-3">
          <p id="json-path-hint" className="rounded-md bg-indigo-50/60 px-3 py-2 text-xs leading-relaxed text-slate-600">
            A key can be a path: dots nest objects and <code className="font-mono">[n]</code> builds arrays. The rows{" "}
            <code className="font-mono text-indigo-700">to[0]</code> = <code className="font-mono text-indigo-700">{"{{destination}}"}</code> and{" "}
            <code className="font-mono text-indigo-700">message.text</code> = <code className="font-mono text-indigo-700">{"{{message}}"}</code> produce{" "}
            <code className="font-mono whitespace-nowrap">{'{"to":["+4670…"],"message":{"text":"…"}}'}</code>.
          </p>
          <KeyValueRows
            key="json"
            name="request.body.fields"
            noun="JSON field"
            json
            keyPlaceholder="message.text or to[0]"
            valuePlaceholder="{{message}}"
            emptyText="No JSON fields. The body is sent as {}."
          />
        </div>
      )}

      {type === "raw" && (
        <div className="space-y-4">
          <Field id="body-content-type" label="Content type" error={contentTypeError} hint="Placeholders are escaped for JSON and XML content types." className="max-w-sm">
            <Input
              id="body-content-type"
              list="body-content-types"
              {...register("request.body.contentType")}
              aria-invalid={!!contentTypeError || undefined}
              aria-describedby={describedBy("body-content-type", { error: contentTypeError, hint: true })}
              autoComplete="off"
              className="font-mono text-[13px]"
            />
            <datalist id="body-content-types">
              {CONTENT_TYPES.map((ct) => (
                <option key={ct} value={ct} />
              ))}
            </datalist>
          </Field>
          <Field id="body-content" label="Body" error={contentError} hint="Type @ to insert a placeholder.">
            <RawBodyInput error={contentError} />
          </Field>
        </div>
      )}
    </div>
  );
}

/** The raw body, with the `@` placeholder picker. */
function RawBodyInput({ error }: { error?: string }) {
  const { control } = useFormContext<ConnectorFormValues>();
  const { field } = useController({ control, name: "request.body.content" });
  const options = usePlaceholderOptions();
  return (
    <PlaceholderTextarea
      id="body-content"
      rows={8}
      fieldRef={field.ref}
      name={field.name}
      value={typeof field.value === "string" ? field.value : ""}
      onValueChange={field.onChange}
      onBlur={field.onBlur}
      options={options}
      aria-invalid={!!error || undefined}
      aria-describedby={describedBy("body-content", { error, hint: true })}
      placeholder={'{"to": "{{destination}}", "text": "{{message}}"}'}
      spellCheck={false}
      className="font-mono text-[13px]"
    />
  );
}
