"use client";
// How a delivery report is read (DESIGN §3): the report's message id, status, success/pending values and
// failure reason — picked from the latest captured callback (auto-map) or typed (manual) — and how the
// callback proves it comes from the provider. Saved with a server action (saveDeliveryTrackingAction).
import { SavedSecretField } from "@/components/connectors/saved-secret-field";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type RefObject } from "react";
import { useController, useForm, useWatch, type Control, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { deliveryTrackingSchema, SECRET_MASK, type CallbackAuth, type ConnectorView, type DeliveryTracking } from "@/lib/connectors/schema";
import { deliveryKeys } from "@/components/connectors/query-keys";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/card";
import { ChipsInput } from "@/components/ui/chips-input";
import { cx } from "@/components/ui/cx";
import { describedBy, Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { Segmented } from "@/components/ui/segmented";
import { useToast } from "@/components/ui/toast";
import { firstItemError } from "@/components/forms/field-error";
import { applyServerErrors, invalidFormBanner, issueText, saveErrorBanner, type FormBanner } from "@/components/forms/server-errors";
import { saveDeliveryTrackingAction } from "@/server/actions/connectors";
import { formatDateTime } from "./format";
import type { DeliveryFields } from "./queries";

type Values = z.input<typeof deliveryTrackingSchema>;
type Mode = "auto" | "manual";
type AuthType = CallbackAuth["type"];

/** Statuses that almost always mean "delivered" / "not final yet": pre-selected when a callback shows them. */
const LIKELY_SUCCESS = /^(delivered|delivrd|delivery_success|success|successful|read)$/i;
const LIKELY_PENDING = /^(sent|queued|accepted|acceptd|enroute|buffered|dispatched|submitted|sending|pending|scheduled)$/i;

function valuesFrom(tracking: DeliveryTracking): Values {
  const { messageIdField, statusField, successValues, pendingValues, failureReasonField, caseInsensitive, authentication } = tracking;
  return { messageIdField, statusField, successValues: [...successValues], pendingValues: [...pendingValues], failureReasonField, caseInsensitive, authentication: { ...authentication } };
}

const AUTH_DEFAULTS: Record<AuthType, CallbackAuth> = {
  none: { type: "none" },
  hmac: { type: "hmac", header: "X-Switchboard-Signature", secret: "" },
  basic: { type: "basic", username: "", password: "" },
};

/** Paths the form shows an error under; the server names them with or without the `deliveryTracking.` prefix. */
const PLACED = /^(messageIdField|statusField|failureReasonField|successValues|pendingValues|caseInsensitive|authentication\.(header|secret|username|password))$/;

/** A server error's place on the form: a list's item (`successValues.2`) goes to the list. */
function mappingErrorPath(field: string): FieldPath<Values> | null {
  const path = field.replace(/^deliveryTracking\./, "").replace(/^(successValues|pendingValues)\.\d+$/, "$1");
  return PLACED.test(path) ? (path as FieldPath<Values>) : null;
}

export function DeliveryMappingForm({
  connector,
  fields,
  readOnly,
}: {
  connector: ConnectorView;
  /** The latest captured callback's fields; null until one arrives. */
  fields: DeliveryFields | null;
  readOnly: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("auto");
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [reapplied, setReapplied] = useState<number | null>(null);
  const [prefilled, setPrefilled] = useState(false);
  const form = useForm<Values, unknown, DeliveryTracking>({
    resolver: zodResolver(deliveryTrackingSchema),
    defaultValues: valuesFrom(connector.deliveryTracking),
  });
  const { control, register, handleSubmit, reset, setValue, getValues, formState } = form;
  const { isDirty, errors } = formState;
  // The saved authentication of each type, so switching type and back keeps a stored secret.
  const savedAuth = useRef<Partial<Record<AuthType, CallbackAuth>>>({ [connector.deliveryTracking.authentication.type]: connector.deliveryTracking.authentication });

  const onSubmit = handleSubmit(
    async (values) => {
      setBanner(null);
      setReapplied(null);
      const result = await saveDeliveryTrackingAction(connector.id, values);
      if (!result.ok) {
        const { unplaced } = applyServerErrors(form, result.error, { fields: mappingErrorPath });
        setBanner(saveErrorBanner("Delivery tracking", result.error, unplaced.map(issueText)));
        return;
      }
      const { deliveryTracking, reapplied: count } = result.data;
      savedAuth.current = { [deliveryTracking.authentication.type]: deliveryTracking.authentication };
      reset(valuesFrom(deliveryTracking));
      setPrefilled(false);
      setReapplied(count);
      toast("Delivery tracking saved");
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.connector(connector.id) });
    },
    () => setBanner(invalidFormBanner("Delivery tracking")),
  );

  // A first callback on a connector with no mapping yet: pre-select the likely fields and values.
  const suggestion = fields?.suggestion;
  useEffect(() => {
    if (readOnly || !fields || !suggestion || isDirty) return;
    const current = getValues();
    if (current.messageIdField || current.statusField) return;
    const options = { shouldDirty: true, shouldValidate: false };
    let changed = false;
    if (suggestion.messageIdField) (setValue("messageIdField", suggestion.messageIdField, options), (changed = true));
    if (suggestion.statusField) (setValue("statusField", suggestion.statusField, options), (changed = true));
    if (suggestion.failureReasonField && !current.failureReasonField) setValue("failureReasonField", suggestion.failureReasonField, options);
    if (!current.successValues?.length) {
      const success = fields.statusValues.filter((value) => LIKELY_SUCCESS.test(value));
      if (success.length) setValue("successValues", success, options);
    }
    if (!current.pendingValues?.length) {
      const pending = fields.statusValues.filter((value) => LIKELY_PENDING.test(value));
      if (pending.length) setValue("pendingValues", pending, options);
    }
    if (changed) setPrefilled(true);
    // Only when a new set of fields arrives, and never over the user's own edits (isDirty above).
  }, [fields?.callbackId]);

  const [messageIdField, statusField, successValues] = useWatch({ control, name: ["messageIdField", "statusField", "successValues"] });
  const incomplete = !messageIdField?.trim() || !statusField?.trim() || !(successValues ?? []).length;
  const statusValues = fields?.statusValues ?? [];
  const hasFields = !!fields && fields.fields.length > 0;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Delivery report mapping">
      <fieldset disabled={readOnly} className="min-w-0">
        <FormSection
          title="Field mapping"
          id="dlr-mapping"
          description="Which fields of the provider's delivery report hold the message id, the status and the failure reason."
          actions={
            <Segmented
              name="dlr-mapping-mode"
              label="Mapping mode"
              value={mode}
              onChange={setMode}
              options={[
                { value: "auto", label: "Auto-map" },
                { value: "manual", label: "Manual" },
              ]}
            />
          }
        >
          {mode === "auto" && (
            <p className="-mt-1 mb-4 text-xs text-slate-500">
              {hasFields ? (
                <>
                  Fields of the latest callback
                  {fields?.capturedAt && <span suppressHydrationWarning> ({formatDateTime(fields.capturedAt)})</span>}, with sample values.
                </>
              ) : (
                <>No callback captured yet: the dropdowns fill in from the first one. Switch to Manual to type the field paths now.</>
              )}
            </p>
          )}
          {prefilled && isDirty && (
            <p role="note" className="mb-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800 ring-1 ring-indigo-600/15 ring-inset">
              Likely fields were pre-selected from the captured callback. Check them, then save.
            </p>
          )}

          <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
            <PathField
              control={control}
              name="messageIdField"
              id="dlr-message-id"
              label="Transaction / msg ID"
              hint="The report field with the provider's id for the message."
              mode={mode}
              fields={fields}
              placeholder="messageId"
              error={errors.messageIdField?.message}
            />
            <div>
              <p id="dlr-sent-id-label" className="mb-1.5 block text-sm font-medium text-slate-800">
                Unique sent ID
              </p>
              <SentIdSummary connector={connector} />
            </div>
            <PathField
              control={control}
              name="statusField"
              id="dlr-status"
              label="Delivery status"
              hint="The report field with the delivery status."
              mode={mode}
              fields={fields}
              placeholder="status"
              error={errors.statusField?.message}
            />
            <PathField
              control={control}
              name="failureReasonField"
              id="dlr-failure-reason"
              label="Failure reason"
              optional
              hint="Shown with failed deliveries and in the error breakdown."
              mode={mode}
              fields={fields}
              placeholder="reason"
              error={errors.failureReasonField?.message}
            />
            <ValuesField
              control={control}
              name="successValues"
              id="dlr-success-values"
              label="Success values"
              noun="success value"
              hint="Status values that mean delivered. Any value not listed as success or pending counts as a failed delivery."
              placeholder="e.g. delivered, DELIVRD"
              suggestions={statusValues}
              otherList="pendingValues"
              error={errors.successValues?.message ?? firstItemError(errors.successValues)}
              readOnly={readOnly}
            />
            <ValuesField
              control={control}
              name="pendingValues"
              id="dlr-pending-values"
              label="Pending values"
              optional
              noun="pending value"
              hint="Intermediate statuses such as sent, queued or ACCEPTD: not a failure, the message waits for its final report."
              placeholder="e.g. sent, ACCEPTD"
              suggestions={statusValues}
              otherList="successValues"
              error={errors.pendingValues?.message ?? firstItemError(errors.pendingValues)}
              readOnly={readOnly}
            />
          </div>
          <label className="mt-5 flex items-center gap-2 text-sm font-medium text-slate-800">
            <Checkbox {...register("caseInsensitive")} />
            Case-insensitive match
            <span className="font-normal text-slate-500">— “Delivered”, “DELIVERED” and “delivered” count as the same value</span>
          </label>
          {incomplete && !readOnly && (
            <p className="mt-4 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
              <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-500" />
              Callbacks are captured but not applied to messages until Transaction / msg ID, Delivery status and at least one success value are set.
            </p>
          )}
        </FormSection>

        <CallbackAuthSection control={control} register={register} setValue={setValue} savedAuth={savedAuth} errors={errors} />
      </fieldset>

      {!readOnly && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-b-xl border-t border-slate-200 bg-slate-50/70 px-6 py-3.5">
          <div className="min-w-0 text-sm" aria-live="polite">
            {banner ? (
              <div role="alert" data-testid="delivery-tracking-error" className="text-red-700">
                <p className="font-medium">{banner.message}</p>
                {banner.items.length > 0 && (
                  <ul className="mt-0.5 list-disc pl-5 text-xs">
                    {banner.items.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
              </div>
            ) : isDirty ? (
              <p className="flex items-center gap-2 text-slate-600">
                <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
                Unsaved mapping changes
              </p>
            ) : reapplied !== null ? (
              <p className="flex items-center gap-2 text-emerald-700" data-testid="reapplied">
                <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
                Saved.{" "}
                {reapplied === 0
                  ? "No earlier callbacks needed re-applying."
                  : `${reapplied} earlier ${reapplied === 1 ? "callback" : "callbacks"} re-applied with the new mapping.`}
              </p>
            ) : (
              <p className="text-slate-400">{incomplete ? "Not set up yet" : "Mapping saved"}</p>
            )}
          </div>
          <div className="flex gap-2">
            {isDirty && (
              <Button
                variant="ghost"
                disabled={formState.isSubmitting}
                onClick={() => {
                  setBanner(null);
                  setPrefilled(false);
                  reset();
                }}
              >
                Revert changes
              </Button>
            )}
            <Button type="submit" variant="primary" pending={formState.isSubmitting} disabled={!isDirty}>
              {formState.isSubmitting ? "Saving…" : "Save delivery tracking"}
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}

/** A report field: a dropdown of the captured callback's paths (auto), or a typed path (manual). */
function PathField({
  control,
  name,
  id,
  label,
  hint,
  optional,
  mode,
  fields,
  placeholder,
  error,
}: {
  control: Control<Values>;
  name: "messageIdField" | "statusField" | "failureReasonField";
  id: string;
  label: string;
  hint: string;
  optional?: boolean;
  mode: Mode;
  fields: DeliveryFields | null;
  placeholder: string;
  error?: string;
}) {
  const { field } = useController({ control, name });
  const value = field.value ?? "";
  const described = describedBy(id, { hint, error });

  if (mode === "manual") {
    return (
      <Field id={id} label={label} hint={hint} error={error} optional={optional}>
        <Input
          id={id}
          ref={field.ref}
          name={field.name}
          value={value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          placeholder={placeholder}
          aria-invalid={!!error || undefined}
          aria-describedby={described}
          autoComplete="off"
          className="font-mono text-[13px]"
        />
      </Field>
    );
  }

  const options = fields?.fields ?? [];
  const missing = value !== "" && !options.some((option) => option.path === value);
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <Select
        id={id}
        ref={field.ref}
        name={field.name}
        value={value}
        onChange={field.onChange}
        onBlur={field.onBlur}
        aria-invalid={!!error || undefined}
        aria-describedby={described}
        className="font-mono text-[13px]"
      >
        <option value="">{options.length ? "— Not mapped —" : "— Waiting for a callback —"}</option>
        {missing && <option value={value}>{value} (not in the latest callback)</option>}
        {options.map((option) => (
          <option key={option.path} value={option.path}>
            {option.path} — {option.sample === "" ? "(empty)" : option.sample}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Success or pending values: chips, plus the statuses seen in callbacks as one-click suggestions. */
function ValuesField({
  control,
  name,
  id,
  label,
  noun,
  hint,
  optional,
  placeholder,
  suggestions,
  otherList,
  error,
  readOnly,
}: {
  control: Control<Values>;
  name: "successValues" | "pendingValues";
  id: string;
  label: string;
  noun: string;
  hint: string;
  optional?: boolean;
  placeholder: string;
  suggestions: string[];
  otherList: "successValues" | "pendingValues";
  error?: string;
  readOnly: boolean;
}) {
  const { field } = useController({ control, name });
  const other = useWatch({ control, name: otherList }) ?? [];
  const values = field.value ?? [];
  const unused = suggestions.filter((value) => !values.includes(value) && !other.includes(value));
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <ChipsInput
        id={id}
        inputRef={field.ref}
        values={values}
        onChange={field.onChange}
        noun={noun}
        placeholder={placeholder}
        disabled={readOnly}
        invalid={!!error}
        describedBy={describedBy(id, { hint, error })}
      />
      {!readOnly && unused.length > 0 && (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <span className="text-xs text-slate-500">Seen in callbacks:</span>
          {unused.slice(0, 12).map((value) => (
            <button
              key={value}
              type="button"
              onClick={() => field.onChange([...values, value])}
              aria-label={`Add ${value} as a ${noun}`}
              className="inline-flex items-center gap-0.5 rounded border border-dashed border-slate-300 px-1.5 py-0.5 font-mono text-xs text-slate-600 hover:border-indigo-400 hover:bg-indigo-50 hover:text-indigo-700"
            >
              <span aria-hidden="true">+</span>
              {value}
            </button>
          ))}
        </div>
      )}
    </Field>
  );
}

/** Read-only: where the send response's id comes from (set in the Configuration part above). */
function SentIdSummary({ connector }: { connector: ConnectorView }) {
  const sentId = connector.response.sentId;
  const box = "flex min-h-9 items-center gap-2 rounded-md border px-3 py-1.5 text-sm";
  if (!sentId) {
    return (
      <div aria-labelledby="dlr-sent-id-label" role="group">
        <div className={cx(box, "border-amber-300 bg-amber-50 text-amber-900")}>Not mapped</div>
        <p className="mt-1.5 text-xs text-amber-800">
          Without it, reports cannot be matched to messages. Set it under <a href="#response-heading" className="font-medium underline">Sent-response mapping</a>.
        </p>
      </div>
    );
  }
  const [kind, value] = sentId.from === "json" ? ["JSON path", sentId.path] : sentId.from === "header" ? ["Header", sentId.name] : ["Regex", sentId.pattern];
  return (
    <div aria-labelledby="dlr-sent-id-label" role="group">
      <div className={cx(box, "border-slate-200 bg-slate-50 text-slate-700")} data-testid="unique-sent-id">
        <span className="shrink-0 text-xs font-medium text-slate-500">{kind}</span>
        <code className="truncate font-mono text-[13px] text-slate-900">{value}</code>
      </div>
      <p className="mt-1.5 text-xs text-slate-500">
        From the send response; change it under <a href="#response-heading" className="font-medium text-indigo-700 hover:underline">Sent-response mapping</a>. A report is
        matched when its Transaction / msg ID equals this id.
      </p>
    </div>
  );
}

type AuthSectionProps = {
  control: Control<Values>;
  register: ReturnType<typeof useForm<Values, unknown, DeliveryTracking>>["register"];
  setValue: ReturnType<typeof useForm<Values, unknown, DeliveryTracking>>["setValue"];
  savedAuth: RefObject<Partial<Record<AuthType, CallbackAuth>>>;
  errors: ReturnType<typeof useForm<Values, unknown, DeliveryTracking>>["formState"]["errors"];
};

function CallbackAuthSection({ control, register, setValue, savedAuth, errors }: AuthSectionProps) {
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
              ["hmac", "HMAC-SHA256 signature", "A header carries a signature of the body made with a shared secret."],
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
          <p className="text-xs leading-relaxed text-slate-500 md:col-span-2">
            The header must hold the <strong className="font-medium text-slate-700">hex-encoded HMAC-SHA256 of the raw request body</strong>, keyed with the shared secret — e.g.{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-700">X-Switchboard-Signature: 5d41402abc4b2a76…</code>. A{" "}
            <code className="font-mono text-[12px]">sha256=</code> prefix or base64 encoding is accepted too. For GET callbacks the body is empty.
          </p>
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
function SecretField({ control, name, id, label, error }: { control: Control<Values>; name: "authentication.secret" | "authentication.password"; id: string; label: string; error?: string }) {
  const { field } = useController({ control, name });
  return <SavedSecretField id={id} label={label} field={field} error={error} />;
}
