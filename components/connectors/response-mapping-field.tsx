"use client";
// Sent-response mapping: where the provider's message id sits in its reply, and what counts as accepted.
import { useEffect, useState } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { describedBy, Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { errorMessage, firstItemError } from "@/components/forms/field-error";
import type { ConnectorFormValues } from "./form-values";

type Source = "none" | "json" | "header" | "regex";

const SOURCES: Array<{ value: Source; label: string }> = [
  { value: "none", label: "Not mapped (no message id)" },
  { value: "json", label: "A JSON path in the body" },
  { value: "header", label: "A response header" },
  { value: "regex", label: "A regular expression on the body" },
];

export function ResponseMappingField() {
  const { control, register, setValue, formState } = useFormContext<ConnectorFormValues>();
  const sentId = useWatch({ control, name: "response.sentId" });
  const accepted = useWatch({ control, name: "response.accepted" });
  const allowMissingId = useWatch({ control, name: "response.allowMissingId" }) ?? false;
  const source: Source = sentId?.from ?? "none";
  const errors = formState.errors.response as Record<string, Record<string, unknown> | undefined> | undefined;
  const sentIdError = errorMessage(errors?.sentId?.path) ?? errorMessage(errors?.sentId?.name) ?? errorMessage(errors?.sentId?.pattern) ?? errorMessage(errors?.sentId);
  const acceptedPathError = errorMessage(errors?.accepted?.path);

  const changeSource = (next: Source) => {
    const value =
      next === "json" ? { from: "json" as const, path: "" } : next === "header" ? { from: "header" as const, name: "" } : next === "regex" ? { from: "regex" as const, pattern: "" } : null;
    setValue("response.sentId", value, { shouldDirty: true });
  };

  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="sent-id-source" label="Take the provider's message id from" hint="Delivery reports are matched to messages by this id.">
          <Select
            id="sent-id-source"
            value={source}
            onChange={(event) => changeSource(event.target.value as Source)}
            aria-describedby={describedBy("sent-id-source", { hint: true })}
          >
            {SOURCES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        {source === "json" && (
          <Field id="sent-id-path" label="JSON path" error={sentIdError} hint="e.g. data.messages[0].id">
            <Input
              id="sent-id-path"
              {...register("response.sentId.path")}
              placeholder="data.messages[0].id"
              aria-invalid={!!sentIdError || undefined}
              aria-describedby={describedBy("sent-id-path", { error: sentIdError, hint: true })}
              autoComplete="off"
              className="font-mono text-[13px]"
            />
          </Field>
        )}
        {source === "header" && (
          <Field id="sent-id-header" label="Header name" error={sentIdError} hint="e.g. X-Message-Id">
            <Input
              id="sent-id-header"
              {...register("response.sentId.name")}
              placeholder="X-Message-Id"
              aria-invalid={!!sentIdError || undefined}
              aria-describedby={describedBy("sent-id-header", { error: sentIdError, hint: true })}
              autoComplete="off"
              className="font-mono text-[13px]"
            />
          </Field>
        )}
        {source === "regex" && (
          <Field id="sent-id-pattern" label="Pattern" error={sentIdError} hint="Exactly one capture group ( … ) around the id, e.g. success \| \d+ \| (\S+)">
            <Input
              id="sent-id-pattern"
              {...register("response.sentId.pattern")}
              placeholder="success \| \d+ \| (\S+)"
              aria-invalid={!!sentIdError || undefined}
              aria-describedby={describedBy("sent-id-pattern", { error: sentIdError, hint: true })}
              autoComplete="off"
              className="font-mono text-[13px]"
            />
          </Field>
        )}
      </div>

      {source !== "none" && (
        <div>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <Checkbox
              checked={allowMissingId}
              onChange={(event) => setValue("response.allowMissingId", event.target.checked, { shouldDirty: true })}
              aria-describedby="allow-missing-id-hint"
            />
            Replies carry no message id
          </label>
          <p id="allow-missing-id-hint" className="mt-1 ml-6 text-xs text-slate-500">
            {allowMissingId
              ? "A 2xx reply without an id counts as sent, but untracked: no delivery report can be matched to it, so it is never counted as pending."
              : "A 2xx reply without an id where the mapping looks (a maintenance page, {}, a 200 “Insufficient credit”) counts as failed to send, with the start of the reply as the reason."}
          </p>
        </div>
      )}

      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <Checkbox
            checked={!!accepted}
            onChange={(event) => setValue("response.accepted", event.target.checked ? { path: "", values: [] } : null, { shouldDirty: true })}
          />
          Only count a send as accepted when the response holds certain values
        </label>
        <p className="mt-1 ml-6 text-xs text-slate-500">
          By default any HTTP 2xx answer counts as accepted. Use this for providers that answer 200 with an error inside.
        </p>
        {accepted && (
          <div className="mt-3 ml-6 grid gap-4 sm:grid-cols-2">
            <Field id="accepted-path" label="Accepted only when" error={acceptedPathError} hint="A JSON path in the response, e.g. status">
              <Input
                id="accepted-path"
                {...register("response.accepted.path")}
                placeholder="status"
                aria-invalid={!!acceptedPathError || undefined}
                aria-describedby={describedBy("accepted-path", { error: acceptedPathError, hint: true })}
                autoComplete="off"
                className="font-mono text-[13px]"
              />
            </Field>
            <AcceptedValuesInput />
          </div>
        )}
      </div>
    </div>
  );
}

/** The accepted values as one comma-separated box, stored as a list. */
function AcceptedValuesInput() {
  const { control } = useFormContext<ConnectorFormValues>();
  const { field, fieldState } = useController({ control, name: "response.accepted.values" });
  const list = Array.isArray(field.value) ? field.value : [];
  const [text, setText] = useState(list.join(", "));
  const parse = (value: string) => value.split(",").map((v) => v.trim()).filter(Boolean);

  // A reset (after save) replaces the list: show it, unless the box already says the same thing.
  const joined = list.join("\u0000");
  useEffect(() => {
    if (parse(text).join("\u0000") !== joined) setText(joined.split("\u0000").filter(Boolean).join(", "));
  }, [joined]); // only when the list itself changes, not on every keystroke

  const error = errorMessage(fieldState.error) ?? firstItemError(fieldState.error);
  return (
    <Field id="accepted-values" label="Has one of these values" error={error} hint="Comma-separated, e.g. success, queued">
      <Input
        id="accepted-values"
        ref={field.ref}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          field.onChange(parse(event.target.value));
        }}
        onBlur={field.onBlur}
        placeholder="success, queued"
        aria-invalid={!!error || undefined}
        aria-describedby={describedBy("accepted-values", { error, hint: true })}
        autoComplete="off"
        className="font-mono text-[13px]"
      />
    </Field>
  );
}
