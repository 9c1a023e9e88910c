"use client";
// The new-campaign form's second step, on a draft's page: the audience as it was read, the message with the `@`
// picker for the audience's columns and a live preview, the sender and DLT template id, a test to one number, and
// when it goes out — then Start, after a confirmation that says how many recipients and segments it means.
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { campaignDraftSchema, type CampaignView } from "@/lib/campaigns/schema";
import { deleteCampaignDraftAction, startCampaignAction, updateCampaignDraftAction } from "@/server/actions/campaigns";
import { applyServerErrors } from "@/components/forms/server-errors";
import { CAMPAIGN_OPTIONS, MESSAGE_BUILT_INS, userAttributeOptions } from "@/components/templates/placeholder-options";
import { PlaceholderTextarea } from "@/components/templates/placeholder-picker";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, FieldError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Segmented } from "@/components/ui/segmented";
import { useToast } from "@/components/ui/toast";
import { AudiencePanel } from "./audience-panel";
import { dateTimeInputValue, formatInZone, instantInZone } from "./campaign-display";
import { useBrowserTimeZone } from "./campaign-time";
import { MessagePreviewPanel } from "./message-preview";
import { campaignKeys } from "./query-keys";
import { useMessagePreview } from "./queries";
import { campaignsHref } from "./routes";
import { TestSendPanel } from "./test-send-panel";
import { TimeZoneSelect } from "./time-zone-select";
import { LeaveGuardProvider, useGuardDirty } from "@/components/forms/leave-guard";

const draftFormSchema = campaignDraftSchema.required({ name: true, message: true });
type DraftInput = z.input<typeof draftFormSchema>;
type DraftValues = z.output<typeof draftFormSchema>;
const DRAFT_FIELDS = ["name", "message", "dltTemplateId", "sender"] as const;

type When = { mode: "now" | "later"; scheduledAt: string; timeZone: string };

const number = (n: number) => n.toLocaleString("en-GB");

/** The draft's form, inside the guard that asks before unsaved changes are lost (links, Back, reload, closing the tab). */
export function DraftEditor(props: { campaign: CampaignView; senders: string[] }) {
  return (
    <LeaveGuardProvider>
      <DraftForm {...props} />
    </LeaveGuardProvider>
  );
}

function DraftForm({ campaign, senders }: { campaign: CampaignView; senders: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm<DraftInput, unknown, DraftValues>({
    resolver: zodResolver(draftFormSchema),
    defaultValues: { name: campaign.name, message: campaign.message, dltTemplateId: campaign.dltTemplateId ?? "", sender: campaign.sender },
  });
  const { register, handleSubmit, formState, control, getValues, reset } = form;
  const message = useWatch({ control, name: "message" }) ?? "";
  const sender = useWatch({ control, name: "sender" }) ?? campaign.sender;
  // The preview follows the typing without asking the server on every keystroke.
  const [previewed, setPreviewed] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setPreviewed(message), 250);
    return () => clearTimeout(timer);
  }, [message]);
  const previewMessage = useDeferredValue(previewed);
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const preview = useMessagePreview(campaign.id, previewMessage, recipientId);

  useGuardDirty("campaign-draft", formState.isDirty, "the campaign's message");

  const options = useMemo(() => [...MESSAGE_BUILT_INS, ...userAttributeOptions(campaign.columns), ...CAMPAIGN_OPTIONS], [campaign.columns]);

  const browserZone = useBrowserTimeZone();
  const [when, setWhen] = useState<When>({ mode: "now", scheduledAt: "", timeZone: campaign.timeZone });
  const [whenError, setWhenError] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState<null | { values: DraftValues }>(null);
  const [starting, setStarting] = useState(false);
  const connectorMissing = campaign.connectorId === null;

  function chooseMode(mode: When["mode"]) {
    setWhenError(null);
    setWhen((current) => {
      if (mode === "now" || current.scheduledAt) return { ...current, mode };
      // First time "Schedule": the browser's zone, the next full hour on its clock.
      const timeZone = browserZone ?? current.timeZone;
      const nextHour = new Date(Math.ceil((Date.now() + 60_000) / 3_600_000) * 3_600_000);
      return { mode, timeZone, scheduledAt: dateTimeInputValue(nextHour, timeZone) };
    });
  }

  const scheduledInstant = when.mode === "later" ? instantInZone(when.scheduledAt, when.timeZone) : null;

  function checkWhen(): boolean {
    if (when.mode === "now") return true;
    if (!scheduledInstant) {
      setWhenError("Pick the date and time it starts");
      document.getElementById("schedule-at")?.focus();
      return false;
    }
    if (scheduledInstant.getTime() <= Date.now()) {
      setWhenError("Pick a time in the future, or choose Send now");
      document.getElementById("schedule-at")?.focus();
      return false;
    }
    return true;
  }

  function showError(error: Parameters<typeof applyServerErrors>[1], subject: string) {
    const { unplaced } = applyServerErrors(form, error, { fields: (field) => DRAFT_FIELDS.find((name) => name === field) ?? null });
    const onWhen = unplaced.filter((issue) => issue.field === "scheduledAt" || issue.field === "timeZone");
    if (onWhen.length) setWhenError(onWhen.map((issue) => issue.message).join(" · "));
    const rest = unplaced.filter((issue) => !onWhen.includes(issue));
    if (rest.length || !error.details?.length) setBanner(`${subject}: ${rest.length ? rest.map((issue) => issue.message).join(" · ") : error.message}`);
  }

  const save = handleSubmit(async (values) => {
    setBanner(null);
    setSaving(true);
    const result = await updateCampaignDraftAction(campaign.id, values);
    setSaving(false);
    if (!result.ok) {
      showError(result.error, "The draft was not saved");
      return;
    }
    reset({ name: result.data.name, message: result.data.message, dltTemplateId: result.data.dltTemplateId ?? "", sender: result.data.sender });
    queryClient.setQueryData(campaignKeys.detail(campaign.id), result.data);
    toast("Draft saved");
  });

  const askToStart = handleSubmit((values) => {
    setBanner(null);
    if (checkWhen()) setConfirming({ values });
  });

  async function start() {
    if (!confirming) return;
    setStarting(true);
    const schedule = when.mode === "later" ? { scheduledAt: when.scheduledAt, timeZone: when.timeZone } : {};
    const result = await startCampaignAction(campaign.id, confirming.values, schedule);
    if (!result.ok) {
      setStarting(false);
      setConfirming(null);
      showError(result.error, "The campaign was not started");
      return;
    }
    queryClient.setQueryData(campaignKeys.detail(campaign.id), result.data);
    void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() });
    toast(result.data.status === "scheduled" ? `${result.data.name} scheduled` : `${result.data.name} started`);
    // The page renders the campaign as it runs now.
    router.refresh();
  }

  const nameError = formState.errors.name?.message;
  const messageError = formState.errors.message?.message;
  const dltError = formState.errors.dltTemplateId?.message;
  const senderError = formState.errors.sender?.message;
  const totals = preview.data?.audience;
  const segmentsText = totals ? `${totals.estimated ? "about " : ""}${number(totals.totalSegments)} segment${totals.totalSegments === 1 ? "" : "s"}` : null;

  return (
    <div className="space-y-6">
      {connectorMissing && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          The connector of this draft, {campaign.connectorName}, was deleted: the draft cannot be sent. Delete it and upload the audience again with
          another connector.
        </p>
      )}

      <AudiencePanel campaign={campaign} />

      <form onSubmit={askToStart} noValidate aria-label="Message and sending">
        <Card>
          <div className="border-b border-slate-100 px-6 pt-5 pb-4">
            <h2 id="message-heading" className="text-base font-semibold text-slate-900">
              Message
            </h2>
            <p className="mt-0.5 text-sm text-slate-500">
              Type <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs">@</kbd> to put in a column of the audience — each
              recipient gets their own value.
            </p>
          </div>
          <div className="grid gap-6 px-6 py-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <div className="min-w-0 space-y-5">
              <Field id="campaign-name" label="Campaign name" error={nameError}>
                <Input id="campaign-name" {...register("name")} aria-invalid={!!nameError || undefined} aria-describedby={describedBy("campaign-name", { error: nameError })} />
              </Field>
              <Field
                id="campaign-message"
                label="Message"
                hint={campaign.columns.length ? `Columns: ${campaign.columns.map((column) => `@${column}`).join(", ")}` : "The audience has no columns besides the number."}
                error={messageError}
              >
                <Controller
                  control={control}
                  name="message"
                  render={({ field }) => (
                    <PlaceholderTextarea
                      id="campaign-message"
                      rows={6}
                      value={field.value ?? ""}
                      onValueChange={field.onChange}
                      onBlur={field.onBlur}
                      fieldRef={field.ref}
                      options={options}
                      placeholder="Hi @first_name, …"
                      aria-invalid={!!messageError || undefined}
                      aria-describedby={describedBy("campaign-message", { hint: true, error: messageError })}
                    />
                  )}
                />
              </Field>
              <div className="grid gap-5 sm:grid-cols-2">
                <Field id="campaign-sender" label="Sender" error={senderError}>
                  <Select id="campaign-sender" {...register("sender")} aria-invalid={!!senderError || undefined} aria-describedby={describedBy("campaign-sender", { error: senderError })}>
                    {(senders.length ? senders : [campaign.sender]).map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field id="campaign-dlt" label="DLT template id" optional hint="India: the id registered for this text." error={dltError}>
                  <Input id="campaign-dlt" {...register("dltTemplateId")} aria-invalid={!!dltError || undefined} aria-describedby={describedBy("campaign-dlt", { hint: true, error: dltError })} />
                </Field>
              </div>
            </div>
            <aside className="min-w-0 rounded-lg bg-slate-50/80 p-4 lg:self-start">
              <MessagePreviewPanel campaignId={campaign.id} columns={campaign.columns} message={previewMessage} recipientId={recipientId} onRecipientChange={setRecipientId} />
            </aside>
          </div>

          <div className="border-t border-slate-100">
            <TestSendPanel
              campaignId={campaign.id}
              connectorId={campaign.connectorId}
              connectorName={campaign.connectorName}
              getMessage={() => getValues("message") ?? ""}
              recipientId={recipientId}
              sender={sender}
              disabled={connectorMissing}
            />
          </div>

          <section aria-labelledby="when-heading" className="border-t border-slate-100 px-6 py-5">
            <h3 id="when-heading" className="text-sm font-semibold text-slate-900">
              When
            </h3>
            <div className="mt-3">
              <Segmented
                name="campaign-when"
                label="When"
                value={when.mode}
                onChange={chooseMode}
                options={[
                  { value: "now", label: "Send now" },
                  { value: "later", label: "Schedule" },
                ]}
              />
            </div>
            {when.mode === "later" && (
              <div className="mt-4 grid gap-5 sm:grid-cols-2 lg:w-2/3">
                <div>
                  <label htmlFor="schedule-at" className="mb-1.5 block text-sm font-medium text-slate-800">
                    Date and time
                  </label>
                  <Input
                    id="schedule-at"
                    type="datetime-local"
                    value={when.scheduledAt}
                    min={dateTimeInputValue(new Date(), when.timeZone)}
                    onChange={(event) => {
                      setWhenError(null);
                      setWhen({ ...when, scheduledAt: event.target.value });
                    }}
                    aria-invalid={!!whenError || undefined}
                    aria-describedby={whenError ? "schedule-at-error schedule-at-hint" : "schedule-at-hint"}
                  />
                </div>
                <div>
                  <label htmlFor="schedule-zone" className="mb-1.5 block text-sm font-medium text-slate-800">
                    Time zone
                  </label>
                  <TimeZoneSelect id="schedule-zone" value={when.timeZone} onChange={(timeZone) => setWhen({ ...when, timeZone })} />
                </div>
                <p id="schedule-at-hint" className="text-xs text-slate-500 sm:col-span-2" data-testid="schedule-summary">
                  {scheduledInstant
                    ? `Starts ${formatInZone(scheduledInstant.toISOString(), when.timeZone)} ${when.timeZone}${
                        browserZone && browserZone !== when.timeZone ? ` — ${formatInZone(scheduledInstant.toISOString(), browserZone)} your time (${browserZone})` : ""
                      }.`
                    : "Pick the date and time on the clock of the time zone."}
                </p>
              </div>
            )}
            <FieldError id="schedule-at-error" message={whenError} />
          </section>

          {banner && (
            <p role="alert" className="border-t border-red-100 bg-red-50 px-6 py-2.5 text-sm text-red-700">
              {banner}
            </p>
          )}

          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 bg-slate-50/60 px-6 py-3">
            <DeleteDraftButton campaign={campaign} />
            <div className="flex flex-wrap items-center gap-2">
              <Button onClick={() => void save()} pending={saving} disabled={starting}>
                Save draft
              </Button>
              <Button type="submit" variant="primary" disabled={connectorMissing || saving}>
                {when.mode === "later" ? "Schedule campaign…" : "Start campaign…"}
              </Button>
            </div>
          </div>
        </Card>
      </form>

      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        dismissible={!starting}
        title={when.mode === "later" ? `Schedule ${confirming?.values.name ?? campaign.name}?` : `Start ${confirming?.values.name ?? campaign.name} now?`}
        description={
          <div className="space-y-2" data-testid="start-summary">
            <p>
              It sends the message to <strong className="font-semibold text-slate-900">{number(campaign.audience.valid)} recipient{campaign.audience.valid === 1 ? "" : "s"}</strong>
              {segmentsText && (
                <>
                  {" "}
                  — <strong className="font-semibold text-slate-900">{segmentsText}</strong> in all
                </>
              )}{" "}
              — through {campaign.connectorName} as {confirming?.values.sender ?? sender}
              {when.mode === "later" && scheduledInstant ? (
                <>
                  , starting {formatInZone(scheduledInstant.toISOString(), when.timeZone)} {when.timeZone}
                </>
              ) : (
                ", starting now"
              )}
              .
            </p>
            {totals && totals.failing > 0 && <p className="text-red-700">{number(totals.failing)} of them cannot get it: a column the message uses is empty for them.</p>}
            <p>You can pause or cancel it while it runs; a message already sent is never sent again.</p>
          </div>
        }
        footer={
          <>
            <Button onClick={() => setConfirming(null)} disabled={starting}>
              Go back
            </Button>
            <Button variant="primary" pending={starting} onClick={() => void start()}>
              {when.mode === "later" ? "Schedule" : "Start now"}
            </Button>
          </>
        }
      />
    </div>
  );
}

function DeleteDraftButton({ campaign }: { campaign: CampaignView }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="ghost-danger" onClick={() => setOpen(true)}>
        Delete draft
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!pending}
        size="sm"
        title={`Delete ${campaign.name}?`}
        description={`The draft and its audience of ${number(campaign.audience.valid)} recipient${campaign.audience.valid === 1 ? "" : "s"} are deleted. Nothing has been sent.`}
        footer={
          <>
            <Button onClick={() => setOpen(false)} disabled={pending}>
              Keep it
            </Button>
            <Button
              variant="destructive"
              pending={pending}
              onClick={async () => {
                setPending(true);
                setError(null);
                const result = await deleteCampaignDraftAction(campaign.id);
                if (!result.ok) {
                  setPending(false);
                  setError(result.error.message);
                  return;
                }
                toast(`${campaign.name} deleted`);
                router.push(campaignsHref);
              }}
            >
              Delete draft
            </Button>
          </>
        }
      >
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </Dialog>
    </>
  );
}
