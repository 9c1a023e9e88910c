"use client";
// The selected connector's screen: header with Export/Delete, the Configuration form, and Delivery tracking once saved.
import { LimitsSection } from "./limits-section";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { createConnectorAction, duplicateConnectorAction, updateConnectorAction } from "@/server/actions/connectors";
import { connectorInputSchema, HTTP_METHODS, type ConnectorInput, type ConnectorView } from "@/lib/connectors/schema";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, FormSection } from "@/components/ui/card";
import { describedBy, Badge, Field } from "@/components/ui/field";
import { Input, InputWithSuffix, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/components/forms/field-error";
import { countFieldErrors, reveal } from "@/components/forms/form-focus";
import { FormSaveBar } from "@/components/forms/form-save-bar";
import { applyServerErrors, invalidFormBanner, issueText, saveErrorBanner, type FormBanner } from "@/components/forms/server-errors";
import { ListIcon } from "@/components/ui/icons";
import { messageLogHref } from "@/components/messages/routes";
import { hasNoHost } from "@/lib/connectors/url-problem";
import { requestWarnings } from "@/lib/connectors/warnings";
import { AuthField } from "./auth-field";
import { BodyField } from "./body-field";
import { ConnectorWarnings } from "./connector-warnings";
import { DeleteConnectorDialog } from "./delete-connector-dialog";
import { DeliveryTrackingPanel } from "./delivery-tracking-panel";
import { ExportConnectorDialog } from "./export-connector-dialog";
import Link from "next/link";
import { connectorErrorPath, formValuesFromView, newConnectorValues, type ConnectorFormValues } from "./form-values";
import { KeyValueRows } from "./key-value-rows";
import { PlaceholderHelp } from "./placeholder-help";
import { ReadOnlyContext } from "./read-only";
import { ResponseMappingField } from "./response-mapping-field";
import { SendersField } from "./senders-field";
import { TestSmsPanel } from "./test-sms-panel";
import { carryTestResult } from "./test-results";
import { useUnsavedChanges } from "./unsaved-changes";

export function ConnectorEditor({
  connector,
  newName,
  readOnly,
  onSaved,
  onDeleted,
  onDuplicated,
  focusName,
}: {
  /** null: a new, unsaved connector named `newName`. */
  connector: ConnectorView | null;
  newName?: string;
  readOnly: boolean;
  /** After a create (`created`) or an update. */
  onSaved: (connector: ConnectorView, created: boolean) => void;
  onDeleted?: () => void;
  /** After Duplicate: the copy, to open it. */
  onDuplicated?: (copy: ConnectorView) => void;
  /** Just created: put the user in its name field, where the next edit most likely starts. */
  focusName?: boolean;
}) {
  const toast = useToast();
  const { setDirty, setDraftName, confirmLeave, whenSettled } = useUnsavedChanges();
  const [duplicating, setDuplicating] = useState(false);
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [dialog, setDialog] = useState<"delete" | "export" | null>(null);
  const form = useForm<ConnectorFormValues, unknown, ConnectorInput>({
    resolver: zodResolver(connectorInputSchema),
    defaultValues: connector ? formValuesFromView(connector) : newConnectorValues(newName ?? ""),
    mode: "onSubmit",
    reValidateMode: "onChange",
    // The save bar focuses the first invalid field in the page's order, not in the order fields registered.
    shouldFocusError: false,
  });
  const { register, handleSubmit, reset, formState, control } = form;
  const { isDirty, isSubmitting, errors } = formState;
  const name = useWatch({ control, name: "name" });
  const request = useWatch({ control, name: "request" });
  // Checked as the form is edited, with the same rules the server applies when it returns the saved connector.
  const warnings = useMemo(() => requestWarnings(request ?? {}), [request]);

  useEffect(() => {
    setDirty(isDirty && !readOnly);
  }, [isDirty, readOnly, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);
  useEffect(() => {
    if (!connector) setDraftName(name);
    return () => setDraftName(null);
  }, [connector, name, setDraftName]);

  const onSubmit = handleSubmit(
    async (values) => {
      setBanner(null);
      // The form never edits delivery tracking; leaving it out keeps the stored mapping.
      const { deliveryTracking: _keep, ...input } = values;
      const result = connector ? await updateConnectorAction(connector.id, input) : await createConnectorAction(input);
      if (!result.ok) {
        const { unplaced } = applyServerErrors(form, result.error, { fields: connectorErrorPath });
        setBanner(saveErrorBanner("The connector", result.error, unplaced.map(issueText)));
        return;
      }
      reset(formValuesFromView(result.data));
      setDirty(false);
      // The test just run on the draft stays on screen once the draft is the saved connector.
      if (!connector) carryTestResult("new", result.data.id);
      const warned = result.data.warnings.length;
      const suffix = warned === 0 ? "" : ` with ${warned} warning${warned === 1 ? "" : "s"}: see the request`;
      toast(`${connector ? "Saved" : "Created"} “${result.data.name}”${suffix}`);
      whenSettled(() => onSaved(result.data, !connector));
    },
    () => setBanner(invalidFormBanner("The connector")),
  );

  const duplicate = () =>
    confirmLeave(async () => {
      if (!connector) return;
      setDuplicating(true);
      const result = await duplicateConnectorAction(connector.id);
      setDuplicating(false);
      if (!result.ok) return toast(result.error.message, "error");
      setDirty(false);
      toast(`Duplicated as “${result.data.name}”: fill in its API host, then save`);
      whenSettled(() => onDuplicated?.(result.data));
    });

  // A duplicate starts without an API host: say so under the URL at once, rather than at the first save.
  const hostless = !!connector && hasNoHost(connector.request.url);
  useEffect(() => {
    if (hostless) form.setError("request.url", { message: "Fill in the API host: a copy starts without one, since every connector needs its own" }, { shouldFocus: true });
  }, [hostless, form]);

  useEffect(() => {
    if (!focusName) return;
    const field = document.getElementById("connector-name");
    if (!field) return;
    field.focus({ preventScroll: true });
    reveal(field);
    // Once, when the created connector's form first shows.
  }, []);

  const nameError = errorMessage(errors.name);
  const urlError = errorMessage(errors.request?.url);
  const methodError = errorMessage(errors.request?.method);
  const timeoutError = errorMessage(errors.timeoutMs);
  const throughputError = errorMessage(errors.throughputPerSecond);
  const title = (connector ? connector.name : name?.trim()) || "New Connector";

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-5">
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <h2 className="truncate text-lg font-semibold text-slate-900" data-testid="connector-title">
                {title}
              </h2>
              {connector ? <Badge tone="indigo">Custom</Badge> : <Badge tone="amber">Not saved yet</Badge>}
            </div>
            <p className="mt-0.5 text-sm text-slate-500" suppressHydrationWarning>
              {connector
                ? `Last saved ${new Date(connector.updatedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`
                : "Describe your provider's HTTP API below, then save."}
            </p>
          </div>
          {connector && (
            <div className="flex flex-wrap gap-2">
              <Link href={messageLogHref(connector.id)} className={buttonClassName()}>
                <ListIcon className="size-4 text-slate-500" />
                Message log
              </Link>
              {/* The metrics sit below the settings: this jumps there without leaving the page. */}
              <a href="#metrics" className={buttonClassName()}>
                Metrics
              </a>
              <Button onClick={() => setDialog("export")}>Export</Button>
              {!readOnly && (
                <Button onClick={duplicate} pending={duplicating} title="A copy in this workspace, secrets included; you give it its own API host">
                  Duplicate
                </Button>
              )}
              {!readOnly && (
                <Button variant="danger" onClick={() => setDialog("delete")}>
                  Delete
                </Button>
              )}
            </div>
          )}
        </div>
      </Card>

      <ReadOnlyContext value={readOnly}>
        <FormProvider {...form}>
          <form onSubmit={onSubmit} noValidate aria-label="Connector configuration">
            <Card>
              <div className="border-b border-slate-100 px-6 pt-5 pb-4">
                <h2 className="text-base font-semibold text-slate-900">Configuration</h2>
                <p className="mt-0.5 text-sm text-slate-500">How Switchboard calls your provider to send a message.</p>
              </div>
              <fieldset disabled={readOnly} className="min-w-0">
                <FormSection title="General" id="general">
                  <Field id="connector-name" label="Connector name" error={nameError} hint="Unique in this workspace." className="max-w-md">
                    <Input
                      id="connector-name"
                      {...register("name")}
                      aria-invalid={!!nameError || undefined}
                      aria-describedby={describedBy("connector-name", { error: nameError, hint: true })}
                      autoComplete="off"
                    />
                  </Field>
                </FormSection>

                <FormSection title="Senders" id="senders" description="The sender names (or numbers) messages go out as. All senders share this connector's delivery-report URL.">
                  <SendersField />
                </FormSection>

                <FormSection title="API request" id="request" description="The HTTP call that sends one message.">
                  <div className="space-y-6">
                    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3">
                      <Field id="request-method" label="Method" error={methodError}>
                        <Select id="request-method" {...register("request.method")} aria-invalid={!!methodError || undefined}>
                          {HTTP_METHODS.map((method) => (
                            <option key={method} value={method}>
                              {method}
                            </option>
                          ))}
                        </Select>
                      </Field>
                      <Field id="request-url" label="API URL" error={urlError} hint="Each connector in a workspace needs its own host.">
                        <Input
                          id="request-url"
                          type="url"
                          {...register("request.url")}
                          placeholder="https://api.provider.example/v1/sms"
                          aria-invalid={!!urlError || undefined}
                          aria-describedby={describedBy("request-url", { error: urlError, hint: true })}
                          autoComplete="off"
                          className="font-mono text-[13px]"
                        />
                      </Field>
                    </div>
                    <PlaceholderHelp />
                    <div>
                      <h4 className="mb-2 text-sm font-medium text-slate-800">URL parameters</h4>
                      <KeyValueRows name="request.params" noun="URL parameter" keyPlaceholder="api_key" valuePlaceholder="{{destination}}" emptyText="No URL parameters." />
                    </div>
                    <div>
                      <h4 className="mb-2 text-sm font-medium text-slate-800">Headers</h4>
                      <KeyValueRows name="request.headers" noun="Header" keyPlaceholder="Authorization" valuePlaceholder="Bearer …" emptyText="No headers." />
                    </div>
                    <div>
                      <h4 className="mb-2 text-sm font-medium text-slate-800">Body</h4>
                      <BodyField />
                    </div>
                    <div>
                      <AuthField />
                    </div>
                    <ConnectorWarnings warnings={warnings} />
                  </div>
                </FormSection>

                <FormSection title="Sent-response mapping" id="response" description="How to read the provider's answer to a send.">
                  <ResponseMappingField />
                </FormSection>

                <LimitsSection
                  timeout={register("timeoutMs", { valueAsNumber: true })}
                  throughput={register("throughputPerSecond", { valueAsNumber: true })}
                  timeoutError={timeoutError}
                  throughputError={throughputError}
                  throughputHint={"Messages per second, across all workers. Default 50."}
                  maxSegments={register("maxSegments", { valueAsNumber: true })}
                  maxSegmentsError={errorMessage(errors.maxSegments)}
                />
              </fieldset>

              {!readOnly && (
                <FormSaveBar
                  banner={banner}
                  isDirty={isDirty}
                  isSubmitting={isSubmitting}
                  submitLabel={connector ? "Save changes" : "Create connector"}
                  submitDisabled={!!connector && !isDirty}
                  canRevert={!!connector && isDirty}
                  status={connector ? "All changes saved" : "Not saved yet"}
                  errorCount={countFieldErrors(errors)}
                  onRevert={() => {
                    setBanner(null);
                    reset();
                  }}
                />
              )}
            </Card>
          </form>
          {!readOnly && <TestSmsPanel connectorId={connector?.id ?? null} />}
        </FormProvider>
      </ReadOnlyContext>

      {connector && <DeliveryTrackingPanel connector={connector} readOnly={readOnly} />}

      {connector && (
        <>
          <ExportConnectorDialog open={dialog === "export"} onClose={() => setDialog(null)} connector={connector} />
          {!readOnly && (
            <DeleteConnectorDialog
              open={dialog === "delete"}
              onClose={() => setDialog(null)}
              connector={connector}
              onDeleted={() => {
                setDialog(null);
                setDirty(false);
                toast(`Deleted “${connector.name}”`);
                whenSettled(() => onDeleted?.());
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
