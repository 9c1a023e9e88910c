"use client";
// A native connector's screen (Twilio, Sinch, Gupshup, Kaleyra, ICS Mobile): the provider's short form,
// the request its preset generates, Send Test SMS on the form's values, and once saved the DLR URL,
// the built-in status table, captured callbacks and metrics.
import { LimitsSection } from "../limits-section";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { copyAsCustomAction, saveNativeConnectorAction } from "@/server/actions/connectors";
import type { ConnectorView } from "@/lib/connectors/schema";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, FormSection } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge, describedBy, Field } from "@/components/ui/field";
import { ChevronRightIcon, ExclamationIcon, ListIcon } from "@/components/ui/icons";
import { InputWithSuffix } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { messageLogHref } from "@/components/messages/routes";
import { DeleteConnectorDialog } from "../delete-connector-dialog";
import { DeliveryTrackingPanel } from "../delivery-tracking-panel";
import { errorMessage } from "@/components/forms/field-error";
import { countFieldErrors } from "@/components/forms/form-focus";
import { FormSaveBar } from "@/components/forms/form-save-bar";
import { applyServerErrors, invalidFormBanner, saveErrorBanner, type FormBanner } from "@/components/forms/server-errors";
import type { PublicError } from "@/server/errors";
import Link from "next/link";
import { ReadOnlyContext } from "../read-only";
import { SendersField } from "../senders-field";
import { TestSmsPanel } from "../test-sms-panel";
import { carryTestResult } from "../test-results";
import { useUnsavedChanges } from "../unsaved-changes";
import { nativeErrorPlacement, nativeFormSchema, nativeIssueText, nativeInput, nativePath, nativeValuesFromView, newNativeValues, type NativeFormOutput, type NativeFormValues } from "./form-values";
import { GeneratedRequest } from "./generated-request";
import { NativeDeliveryMapping } from "./native-delivery";
import { leafFields, type SettingField } from "@/lib/providers/fields";
import type { NativeProviderInfo } from "@/lib/providers/provider-info";
import { ProviderMark } from "./provider-mark";
import { SettingControl } from "./settings-fields";

export function NativeConnectorEditor({
  provider,
  connector,
  readOnly,
  onSaved,
  onDeleted,
  onCopied,
  focusTitle,
}: {
  provider: NativeProviderInfo;
  /** null: the provider is not configured in this workspace yet. */
  connector: ConnectorView | null;
  readOnly: boolean;
  onSaved: (connector: ConnectorView, created: boolean) => void;
  onDeleted?: () => void;
  /** After "Copy to custom connector": the new custom connector. */
  onCopied?: (copy: ConnectorView) => void;
  /** Just created: focus the title, which now says "Configured" (the form has no name field). */
  focusTitle?: boolean;
}) {
  const toast = useToast();
  const { setDirty, confirmLeave, whenSettled } = useUnsavedChanges();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const fields = provider.fields;
  const basic = fields.filter((field) => !provider.advancedFields.includes(field.name));
  const advanced = fields.filter((field) => provider.advancedFields.includes(field.name));
  const [banner, setBanner] = useState<FormBanner | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [copying, setCopying] = useState(false);

  const resolver = useMemo(() => zodResolver(nativeFormSchema(fields)), [fields]);
  const form = useForm<NativeFormValues, unknown, NativeFormOutput>({
    resolver,
    defaultValues: connector ? nativeValuesFromView(connector, fields, provider) : newNativeValues(provider, fields),
    mode: "onSubmit",
    reValidateMode: "onChange",
    // The save bar focuses the first invalid field in the page's order, not in the order fields registered.
    shouldFocusError: false,
  });
  const { register, handleSubmit, reset, clearErrors, formState, control, getValues } = form;
  const { isDirty, isSubmitting, errors } = formState;

  useEffect(() => {
    setDirty(isDirty && !readOnly);
  }, [isDirty, readOnly, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  /** Server errors under their fields; the Advanced fold opens when one lands inside it. */
  const placeErrors = (error: PublicError) => {
    const { placed, unplaced } = applyServerErrors(form, error, { fields: nativeErrorPlacement(fields) });
    const advancedLeaves = new Set(leafFields(advanced).map((field) => `settings.${field.name}`));
    if (placed.some((path) => advancedLeaves.has(path))) setAdvancedOpen(true);
    return { unplaced: unplaced.map(nativeIssueText) };
  };

  const onSubmit = handleSubmit(
    async (values) => {
      setBanner(null);
      clearErrors();
      const result = await saveNativeConnectorAction(connector?.id ?? null, nativeInput(values));
      if (!result.ok) {
        setBanner(saveErrorBanner("The connector", result.error, placeErrors(result.error).unplaced));
        return;
      }
      reset(nativeValuesFromView(result.data, fields, provider));
      setDirty(false);
      if (!connector) carryTestResult(`new-${provider.kind}`, result.data.id);
      toast(connector ? `Saved “${result.data.name}”` : `${provider.label} connector created`);
      whenSettled(() => onSaved(result.data, !connector));
    },
    (invalid) => {
      const advancedNames = new Set(leafFields(advanced).map((field) => field.name));
      const settingsErrors = Object.keys(flatten(invalid.settings));
      if (settingsErrors.some((name) => advancedNames.has(name))) setAdvancedOpen(true);
      setBanner(invalidFormBanner("The connector"));
    },
  );

  const copyToCustom = () =>
    confirmLeave(async () => {
      if (!connector) return;
      setCopying(true);
      const result = await copyAsCustomAction(connector.id);
      setCopying(false);
      if (!result.ok) return toast(result.error.message, "error");
      setDirty(false);
      toast(`Copied to “${result.data.name}”`);
      whenSettled(() => onCopied?.(result.data));
    });

  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
    // Once, when the created connector's screen first shows.
  }, []);

  const senderType = useWatch({ control, name: nativePath("settings.senderType") });
  const senderRule = provider.senderTypes?.field === "senderType" ? provider.senderTypes.options.find((option) => option.value === senderType) : undefined;
  const timeoutError = errorMessage(errors.timeoutMs);
  const throughputError = errorMessage(errors.throughputPerSecond);
  const title = connector?.name ?? provider.label;

  return (
    <div className="space-y-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-5">
          <div className="flex min-w-0 items-center gap-3">
            <ProviderMark mark={provider.mark} size="lg" />
            <div className="min-w-0">
              <div className="flex items-center gap-2">
                <h2 ref={titleRef} tabIndex={-1} className="truncate text-lg font-semibold text-slate-900 outline-none" data-testid="connector-title">
                  {title}
                </h2>
                <Badge tone="indigo">Native</Badge>
                {connector ? <Badge tone="green">Configured</Badge> : <Badge tone="amber">Not configured</Badge>}
              </div>
              <p className="mt-0.5 text-sm text-slate-500" suppressHydrationWarning>
                {connector
                  ? `Last saved ${new Date(connector.updatedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}`
                  : `Fill in your ${provider.label} account below: Switchboard builds the requests and reads ${provider.label}'s delivery reports for you.`}
              </p>
            </div>
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
              {!readOnly && (
                <Button variant="danger" onClick={() => setDeleting(true)}>
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
                <p className="mt-0.5 text-sm text-slate-500">Your {provider.label} account. Switchboard turns it into the API request shown further down.</p>
              </div>
              <fieldset disabled={readOnly} className="min-w-0">
                <FormSection title={`${provider.label} account`} id="native-account">
                  <SettingsGrid fields={basic} provider={provider} />
                </FormSection>

                <FormSection
                  title="Senders"
                  id="senders"
                  description={
                    senderRule
                      ? `Each sender must fit the sender type (${senderRule.label}): ${senderRule.hint.charAt(0).toLowerCase()}${senderRule.hint.slice(1)}. All senders share this connector's delivery-report URL.`
                      : "The sender names (or numbers) messages go out as. All senders share this connector's delivery-report URL."
                  }
                >
                  <SendersField />
                </FormSection>

                {(advanced.length > 0 || provider.assumptions.length > 0) && (
                  <section aria-labelledby="native-advanced-heading" className="border-t border-slate-100 px-6 py-5">
                    {provider.assumptions.length > 0 && <Assumptions provider={provider} />}
                    {advanced.length > 0 && (
                      <>
                        <h3 id="native-advanced-heading">
                          <button
                            type="button"
                            aria-expanded={advancedOpen}
                            aria-controls="native-advanced-fields"
                            onClick={() => setAdvancedOpen(!advancedOpen)}
                            className="group -mx-1 flex items-center gap-1.5 rounded px-1 text-sm font-semibold text-slate-900 hover:text-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
                          >
                            <ChevronRightIcon className={cx("size-4 text-slate-400 transition-transform group-hover:text-indigo-600", advancedOpen && "rotate-90")} />
                            Advanced
                          </button>
                        </h3>
                        <p className="mt-0.5 ml-5.5 text-sm text-slate-500">{advancedSummary(advanced)}</p>
                        {advancedOpen && (
                          <div id="native-advanced-fields" className="mt-4 ml-5.5">
                            <SettingsGrid fields={advanced} provider={provider} />
                          </div>
                        )}
                      </>
                    )}
                  </section>
                )}

                <LimitsSection
                  timeout={register("timeoutMs", { valueAsNumber: true })}
                  throughput={register("throughputPerSecond", { valueAsNumber: true })}
                  timeoutError={timeoutError}
                  throughputError={throughputError}
                  throughputHint={throughputHint(provider.kind)}
                />
              </fieldset>

              {!readOnly && (
                <FormSaveBar
                  banner={banner}
                  isDirty={isDirty}
                  isSubmitting={isSubmitting}
                  submitLabel={connector ? "Save changes" : `Save ${provider.label} connector`}
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

          <Card aria-labelledby="generated-request-heading">
            <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4 md:flex-nowrap">
              <div className="min-w-0">
                <h2 id="generated-request-heading" className="text-base font-semibold text-slate-900">
                  Request this connector sends
                </h2>
                <p className="mt-0.5 text-sm text-slate-500">
                  {connector
                    ? "Generated from the saved configuration, with secrets masked. Placeholders are filled in for each message."
                    : "Save the configuration to see the request it generates. Send Test SMS below already shows it."}
                </p>
              </div>
              {connector && !readOnly && (
                <Button onClick={copyToCustom} pending={copying} title="Creates a custom connector with this exact request, to change what this form does not cover">
                  Copy to custom connector
                </Button>
              )}
            </div>
            {connector && (
              <div className="px-6 py-5">
                {isDirty && (
                  <p className="mb-4 flex items-center gap-2 text-sm text-amber-800">
                    <ExclamationIcon className="size-4 text-amber-600" />
                    The form has unsaved changes: this is the request as last saved.
                  </p>
                )}
                <GeneratedRequest connector={connector} />
              </div>
            )}
          </Card>

          {!readOnly && (
            <TestSmsPanel
              connectorId={connector?.id ?? null}
              draftKey={`new-${provider.kind}`}
              connectorValues={() => nativeInput(getValues())}
              applyConnectorError={placeErrors}
            />
          )}
        </FormProvider>
      </ReadOnlyContext>

      {connector && (
        <DeliveryTrackingPanel
          connector={connector}
          readOnly={readOnly}
          urlNote={
            <>
              {provider.dlrUrlNote} All senders of this connector share it.
            </>
          }
          mapping={<NativeDeliveryMapping connector={connector} provider={provider} readOnly={readOnly} />}
        />
      )}

      {connector && !readOnly && (
        <DeleteConnectorDialog
          open={deleting}
          onClose={() => setDeleting(false)}
          connector={connector}
          onDeleted={() => {
            setDeleting(false);
            setDirty(false);
            toast(`Deleted “${connector.name}”`);
            whenSettled(() => onDeleted?.());
          }}
        />
      )}
    </div>
  );
}

/** Error tree → dotted paths of the fields that have a message. */
function flatten(tree: unknown, prefix = ""): Record<string, string> {
  if (!tree || typeof tree !== "object") return {};
  if ("message" in tree && typeof tree.message === "string") return { [prefix]: tree.message };
  return Object.fromEntries(Object.entries(tree).flatMap(([key, value]) => Object.entries(flatten(value, prefix ? `${prefix}.${key}` : key))));
}

function SettingsGrid({ fields, provider }: { fields: SettingField[]; provider: NativeProviderInfo }) {
  return (
    <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
      {fields.map((field) => (
        <SettingControl key={field.name} field={field} provider={provider} className={field.control === "group" ? "md:col-span-2" : undefined} />
      ))}
    </div>
  );
}

function Assumptions({ provider }: { provider: NativeProviderInfo }) {
  return (
    <aside aria-labelledby="native-assumptions-heading" data-testid="provider-assumptions" className="mb-5 rounded-lg bg-amber-50/70 px-4 py-3 text-sm ring-1 ring-amber-600/20 ring-inset">
      <h3 id="native-assumptions-heading" className="flex items-center gap-2 font-medium text-amber-900">
        <ExclamationIcon className="size-4 text-amber-600" />
        Assumed about the {provider.label} API
      </h3>
      <p className="mt-0.5 text-amber-900/80">Not confirmed by {provider.label}&apos;s public documentation. Most are settings you can change above or under Advanced.</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
        {provider.assumptions.map((assumption) => (
          <li key={assumption}>{assumption}</li>
        ))}
      </ul>
    </aside>
  );
}

function advancedSummary(fields: SettingField[]): string {
  // "API base URL" keeps its capitals; "Request method" reads as "request method" mid-sentence.
  const labels = fields.map((field) => field.label.split(" ").map((word) => (word === word.toUpperCase() ? word : word.toLowerCase())).join(" "));
  const list = labels.length > 3 ? `${labels.slice(0, 3).join(", ")} and more` : labels.join(", ");
  return `Rarely needed: ${list}.`;
}

/** Carriers pace a US long code at about one segment per second (docs/providers.md); say so where it matters. */
function throughputHint(kind: string): string {
  return kind === "twilio"
    ? "Messages per second, across all workers. A US long code takes about 1 per second; short codes 100+."
    : "Messages per second, across all workers. Default 50.";
}
