"use client";
// How a delivery report is read: which id the report names its message by, the report's message id,
// status, success/pending values and failure reason — picked from the recent captured callbacks (auto-map) or typed
// (manual), each optionally read through a pattern — the words for failure codes, and how the callback proves it
// comes from the provider. Saved with a server action (saveDeliveryTrackingAction).
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { deliveryTrackingSchema, type CallbackAuth, type ConnectorView, type DeliveryTracking } from "@/lib/connectors/schema";
import { extractWith } from "@/lib/delivery/mapping";
import { isMappingComplete, matchByMismatch, missingFields, suggestedMapping } from "@/lib/delivery/status-suggestions";
import { trackingWarnings } from "@/lib/delivery/warnings";
import { firstItemError } from "@/components/forms/field-error";
import { countFieldErrors } from "@/components/forms/form-focus";
import { useGuardDirty } from "@/components/forms/leave-guard";
import { FormSaveBar } from "@/components/forms/form-save-bar";
import { applyServerErrors, invalidFormBanner, issueText, saveErrorBanner, type FormBanner } from "@/components/forms/server-errors";
import { FormSection } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { Segmented } from "@/components/ui/segmented";
import { useToast } from "@/components/ui/toast";
import { saveDeliveryTrackingAction } from "@/server/actions/connectors";
import { CallbackAuthSection, type AuthType } from "./callback-auth-section";
import { formatDateTime } from "./format";
import { MatchByField } from "./match-by-field";
import { PathField, SentIdSummary, ValuesField, type MappingMode, type MappingValues } from "./mapping-fields";
import { PatternField } from "./pattern-field";
import { ReasonCodesField } from "./reason-codes-field";
import { TrackingWarnings } from "./tracking-warnings";
import type { DeliveryFields } from "./queries";
import { deliveryKeys } from "./query-keys";

function valuesFrom(tracking: DeliveryTracking): MappingValues {
  const { messageIdField, statusField, successValues, pendingValues, failureReasonField, caseInsensitive, authentication } = tracking;
  return {
    matchBy: tracking.matchBy ?? "provider-id",
    messageIdField,
    messageIdPattern: tracking.messageIdPattern ?? "",
    statusField,
    statusPattern: tracking.statusPattern ?? "",
    successValues: [...successValues],
    pendingValues: [...pendingValues],
    failureReasonField,
    failureReasonPattern: tracking.failureReasonPattern ?? "",
    reasonCodes: (tracking.reasonCodes ?? []).map((row) => ({ ...row })),
    caseInsensitive,
    authentication: { ...authentication },
  };
}

/** Paths the form shows an error under; the server names them with or without the `deliveryTracking.` prefix. */
const PLACED =
  /^(matchBy|messageIdField|messageIdPattern|statusField|statusPattern|failureReasonField|failureReasonPattern|successValues|pendingValues|caseInsensitive|reasonCodes\.\d+\.(code|text)|authentication\.(header|secret|username|password))$/;

/** A server error's place on the form: a list's item (`successValues.2`) goes to the list. */
function mappingErrorPath(field: string): FieldPath<MappingValues> | null {
  const path = field.replace(/^deliveryTracking\./, "").replace(/^(successValues|pendingValues)\.\d+$/, "$1");
  return PLACED.test(path) ? (path as FieldPath<MappingValues>) : null;
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
  const [mode, setMode] = useState<MappingMode>("auto");
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [reapplied, setReapplied] = useState<number | null>(null);
  const [prefilled, setPrefilled] = useState(false);
  const form = useForm<MappingValues, unknown, DeliveryTracking>({
    resolver: zodResolver(deliveryTrackingSchema),
    defaultValues: valuesFrom(connector.deliveryTracking),
    // The save bar focuses the first invalid field in the page's order, not in the order fields registered.
    shouldFocusError: false,
  });
  const { control, register, handleSubmit, reset, setValue, getValues, formState } = form;
  const { isDirty, errors } = formState;
  useGuardDirty("delivery-mapping", isDirty && !readOnly, "the delivery report mapping");
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
  useEffect(() => {
    if (readOnly || !fields || isDirty) return;
    const patch = suggestedMapping(getValues(), fields);
    if (!patch) return;
    const options = { shouldDirty: true, shouldValidate: false };
    if (patch.matchBy) setValue("matchBy", patch.matchBy, options);
    if (patch.messageIdField) setValue("messageIdField", patch.messageIdField, options);
    if (patch.statusField) setValue("statusField", patch.statusField, options);
    if (patch.failureReasonField) setValue("failureReasonField", patch.failureReasonField, options);
    if (patch.successValues) setValue("successValues", patch.successValues, options);
    if (patch.pendingValues) setValue("pendingValues", patch.pendingValues, options);
    if (patch.messageIdField || patch.statusField) setPrefilled(true);
    // Only when a new set of fields arrives, and never over the user's own edits (isDirty above).
  }, [fields?.callbackId]);

  const [messageIdField, statusField, successValues, matchBy, statusPattern, failureReasonField] = useWatch({
    control,
    name: ["messageIdField", "statusField", "successValues", "matchBy", "statusPattern", "failureReasonField"],
  });
  const incomplete = !isMappingComplete({ messageIdField, statusField, successValues });
  const hasFields = !!fields && fields.fields.length > 0;
  const latestValue = (path: string | undefined) => fields?.fields.find((field) => field.path === path?.trim())?.sample ?? null;
  // Statuses seen in the chosen field, read through the pattern as typed; the server's list until one is chosen.
  const statusSamples = fields?.fields.find((field) => field.path === statusField?.trim())?.samples;
  const statusValues = statusSamples ? readThrough(statusPattern, statusSamples) : (fields?.statusValues ?? []);
  const warnings = trackingWarnings({ request: connector.request, response: connector.response, deliveryTracking: { matchBy } });
  const mismatch = matchByMismatch({ messageIdField, matchBy }, fields);
  const missing = missingFields({ messageIdField, statusField, failureReasonField }, fields);
  const suggestion = fields?.suggestion;
  const applySuggestion = () => {
    if (!suggestion) return;
    const options = { shouldDirty: true, shouldValidate: true };
    if (suggestion.messageIdField) {
      setValue("messageIdField", suggestion.messageIdField, options);
      setValue("matchBy", suggestion.matchBy, options);
    }
    if (suggestion.statusField) setValue("statusField", suggestion.statusField, options);
    if (suggestion.failureReasonField) setValue("failureReasonField", suggestion.failureReasonField, options);
  };

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
                  Fields of the last {fields?.reportCount === 1 ? "report" : `${fields?.reportCount} reports`} (the newest{" "}
                  {fields?.capturedAt && <span suppressHydrationWarning>{formatDateTime(fields.capturedAt)}</span>}), with their latest values.
                </>
              ) : (
                <>No callback captured yet: the dropdowns fill in from the first one. Switch to Manual to type the field paths now.</>
              )}
            </p>
          )}
          <MatchByField control={control} />
          {warnings.length > 0 && (
            <div className="mb-4">
              <TrackingWarnings warnings={warnings} />
            </div>
          )}
          {mismatch && !readOnly && (
            <div role="note" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset" data-testid="match-by-hint">
              <span>
                The values of <code className="font-mono">{messageIdField}</code> are {mismatch === "message-id" ? "Switchboard's own message ids" : "the provider's message ids"}: reports
                match only when read as such.
              </span>
              <Button size="sm" onClick={() => setValue("matchBy", mismatch, { shouldDirty: true })}>
                {mismatch === "message-id" ? "Match by Switchboard's message id" : "Match by the provider's id"}
              </Button>
            </div>
          )}
          {missing.length > 0 && (
            <div role="note" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset" data-testid="missing-fields">
              <span>
                {missing.map((path) => `“${path}”`).join(" and ")} {missing.length === 1 ? "is" : "are"} in none of the last {fields?.reportCount} reports: the provider may have
                renamed {missing.length === 1 ? "it" : "them"}.
              </span>
              {!readOnly && suggestion?.messageIdField && (
                <Button size="sm" onClick={applySuggestion}>
                  Use the suggested fields
                </Button>
              )}
            </div>
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
              after={<PatternField control={control} name="messageIdPattern" id="dlr-message-id-pattern" fieldLabel="Transaction / msg ID" sample={latestValue(messageIdField)} error={errors.messageIdPattern?.message} readOnly={readOnly} />}
            />
            <div>
              <p id="dlr-sent-id-label" className="mb-1.5 block text-sm font-medium text-slate-800">
                Unique sent ID
              </p>
              <SentIdSummary connector={connector} matchBy={matchBy ?? "provider-id"} />
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
              after={<PatternField control={control} name="statusPattern" id="dlr-status-pattern" fieldLabel="Delivery status" sample={latestValue(statusField)} error={errors.statusPattern?.message} readOnly={readOnly} />}
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
              after={
                <PatternField control={control} name="failureReasonPattern" id="dlr-failure-reason-pattern" fieldLabel="Failure reason" sample={latestValue(failureReasonField)} error={errors.failureReasonPattern?.message} readOnly={readOnly} />
              }
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

        <ReasonCodesField control={control} register={register} errors={errors.reasonCodes} readOnly={readOnly} />

        <CallbackAuthSection control={control} register={register} setValue={setValue} savedAuth={savedAuth} errors={errors} />
      </fieldset>

      {!readOnly && (
        <FormSaveBar
          banner={banner}
          errorCount={countFieldErrors(errors)}
          errorTestId="delivery-tracking-error"
          isDirty={isDirty}
          isSubmitting={formState.isSubmitting}
          submitLabel="Save delivery tracking"
          submitDisabled={!isDirty}
          canRevert={isDirty}
          onRevert={() => {
            setBanner(null);
            setPrefilled(false);
            reset();
          }}
          dirtyStatus="Unsaved mapping changes"
          status={reapplied !== null ? <ReappliedNote count={reapplied} /> : incomplete ? "Not set up yet" : "Mapping saved"}
        />
      )}
    </form>
  );
}

/** The distinct values a pattern reads out of `samples` (all of them without a pattern). */
function readThrough(pattern: string | undefined, samples: readonly string[]): string[] {
  const values = samples.flatMap((sample) => {
    const read = extractWith(pattern, sample);
    return read.ok ? [read.value] : [];
  });
  return [...new Set(values)];
}

/** After a save: how many earlier reports that found no message are read again with the new mapping. */
function ReappliedNote({ count }: { count: number }) {
  return (
    <p className="flex items-center gap-2 text-emerald-700" data-testid="reapplied">
      <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
      Saved.{" "}
      {count === 0 ? "No earlier reports needed re-applying." : `${count.toLocaleString("en-GB")} earlier ${count === 1 ? "report" : "reports"} that matched no message re-applied with the new mapping.`}
    </p>
  );
}
