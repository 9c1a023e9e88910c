"use client";
// A saved connector's delivery tracking: its DLR URL, whether a report is awaited, the mapping,
// the captured callbacks and the metrics. Polls while open, so a provider's callback shows up by itself.
import { useEffect, useState, type ReactNode } from "react";
import type { ConnectorView } from "@/lib/connectors/schema";
import { reportWait, type ReportWait } from "@/lib/delivery/report-wait";
import { CapturedCallbacks, OutcomeBadge } from "@/components/delivery/captured-callbacks";
import { DeliveryMappingForm } from "@/components/delivery/delivery-mapping-form";
import { formatDateTime } from "@/components/delivery/format";
import { ConnectorMetricsPanel } from "@/components/delivery/metrics-panel";
import { TrackingWarnings } from "@/components/delivery/tracking-warnings";
import { UnmatchedSummary } from "@/components/delivery/unmatched-summary";
import { useCapturedCallbacks, useDeliveryFields, useLatestMessage, type CapturedCallback, type MessageLogEntry } from "@/components/delivery/queries";
import { Card, FormSection } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";

type Awaiting = { state: ReportWait; message: MessageLogEntry } | null;

/** The newest message, while it waits for its delivery report (see lib/delivery/report-wait.ts). */
function awaitingReport(message: MessageLogEntry | null | undefined, newest: CapturedCallback | undefined, now: number): Awaiting {
  const state = reportWait(message, newest?.receivedAt, now);
  return state && message ? { state, message } : null;
}

export function DeliveryTrackingPanel({
  connector,
  readOnly,
  urlNote,
  mapping,
}: {
  connector: ConnectorView;
  readOnly: boolean;
  /** Where this connector's DLR URL goes (native connectors: the provider's own note). */
  urlNote?: ReactNode;
  /** Replaces the mapping form (native connectors have a built-in status table). */
  mapping?: ReactNode;
}) {
  const [fast, setFast] = useState(false);
  const callbacks = useCapturedCallbacks(connector.id, fast);
  const latest = useLatestMessage(connector.id, fast);
  const newest = callbacks.data?.[0];
  const fields = useDeliveryFields(connector.id, callbacks.data ? (newest?.id ?? null) : undefined);
  const awaiting = callbacks.data && latest.data !== undefined ? awaitingReport(latest.data, newest, Date.now()) : null;
  const waiting = awaiting?.state === "waiting";
  useEffect(() => setFast(waiting), [waiting]);
  const url = connector.deliveryTracking.url;

  return (
    <>
      <Card aria-labelledby="delivery-tracking-heading">
        <div className="border-b border-slate-100 px-6 pt-5 pb-4">
          <h2 id="delivery-tracking-heading" className="text-base font-semibold text-slate-900">
            Delivery tracking
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">Learn which messages were really delivered: your provider reports each message&apos;s fate to this URL.</p>
        </div>

        <FormSection
          title="Delivery report URL"
          id="dlr-url-section"
          description={
            urlNote ?? (
              <>
                Paste it into your provider&apos;s dashboard where it asks for a delivery report (DLR), status callback or webhook URL — or send it with each
                message through the <code className="font-mono text-[13px] text-indigo-700">{"{{dlr_url}}"}</code> placeholder. All senders of this connector share it.
              </>
            )
          }
        >
          <div className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor="dlr-url" className="sr-only">
                Delivery report URL
              </label>
              <Input id="dlr-url" readOnly value={url} className="font-mono text-[13px]" onFocus={(event) => event.currentTarget.select()} />
            </div>
            <CopyButton text={url} label="Copy URL" aria-label="Copy URL of the delivery reports" />
          </div>
          <div className="mt-4" role="status" aria-live="polite" data-testid="delivery-report-status">
            <ReportStatus loading={callbacks.isPending || latest.isPending} awaiting={awaiting} newest={newest} fillsMapping={!mapping} />
          </div>
          <UnmatchedSummary connectorId={connector.id} />
          {/* The mapping form says the same of its unsaved values; a built-in mapping says it here. */}
          {mapping && (
            <div className="mt-3">
              <TrackingWarnings warnings={connector.deliveryTracking.warnings ?? []} />
            </div>
          )}
        </FormSection>

        {mapping ?? <DeliveryMappingForm connector={connector} fields={fields.data ?? null} readOnly={readOnly} />}
      </Card>

      <CapturedCallbacks callbacks={callbacks.data} loading={callbacks.isPending} error={callbacks.isError && !callbacks.data ? callbacks.error.message : null} />

      <ConnectorMetricsPanel connector={connector} />
    </>
  );
}

function ReportStatus({ loading, awaiting, newest, fillsMapping }: { loading: boolean; awaiting: Awaiting; newest: CapturedCallback | undefined; fillsMapping: boolean }) {
  const box = "flex items-start gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset";
  if (loading) {
    return (
      <p className={`${box} bg-slate-50 text-slate-500 ring-slate-200`}>
        <Spinner className="mt-0.5" /> Checking for delivery reports…
      </p>
    );
  }
  if (awaiting?.state === "waiting") {
    return (
      <div className={`${box} bg-indigo-50/70 text-indigo-900 ring-indigo-600/15`}>
        <Spinner className="mt-0.5 text-indigo-600" />
        <div>
          <p className="font-medium">Waiting for a delivery report… providers can take up to 15 minutes.</p>
          <p className="mt-0.5 text-indigo-800/80" suppressHydrationWarning>
            {awaiting.message.isTest ? "Test SMS" : "Message"} to <span className="font-mono">{awaiting.message.to}</span> sent {formatDateTime(awaiting.message.createdAt)}. This
            updates by itself when the provider calls back.
          </p>
        </div>
      </div>
    );
  }
  if (awaiting?.state === "overdue") {
    return (
      <div className={`${box} bg-amber-50 text-amber-900 ring-amber-600/20`}>
        <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-500" />
        <div>
          <p className="font-medium">No delivery report arrived for the last message.</p>
          <p className="mt-0.5 text-amber-800" suppressHydrationWarning>
            Sent to <span className="font-mono">{awaiting.message.to}</span> {formatDateTime(awaiting.message.createdAt)}. Check that the provider has the URL above and sends reports for
            this account.
          </p>
        </div>
      </div>
    );
  }
  if (newest) {
    return (
      <div className={`${box} bg-emerald-50/60 text-slate-800 ring-emerald-600/15`}>
        <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-emerald-500" />
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-medium text-slate-900">Delivery report received</span>
          <span className="text-slate-500" suppressHydrationWarning>
            {formatDateTime(newest.receivedAt)} · {newest.method} {newest.contentType?.split(";")[0] ?? ""}
          </span>
          <OutcomeBadge outcome={newest.outcome} />
        </p>
      </div>
    );
  }
  return (
    <div className={`${box} bg-slate-50 text-slate-600 ring-slate-200`}>
      <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-slate-300" />
      <p>
        <span className="font-medium text-slate-800">No delivery report received yet.</span> Send a test SMS: the provider&apos;s first callback shows up here
        {fillsMapping ? ", and its fields fill the mapping below." : "."}
      </p>
    </div>
  );
}
