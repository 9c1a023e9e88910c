"use client";
// One message: its status, summary, timeline and every attempt's request and response. The server renders it
// first; while the message can still change (on its way, or waiting for a delivery report) it is read again over
// REST — GET /api/v1/messages/{id}, its /attempt and /attempts — so it updates without a reload.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import type { AttemptEntry, MessageAttempt } from "@/lib/messages/attempt-shape";
import type { MessageView } from "@/lib/messages/schema";
import { apiGet } from "@/components/api-client";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Badge } from "@/components/ui/field";
import { LocalTime } from "./local-time";
import { isInFlight, isRecent, MessageStatusBadge } from "./message-status";
import { MessageTimeline } from "./message-timeline";
import { messageKeys } from "./query-keys";
import { RequestInspector, SendOutcome } from "./request-inspector";
import { connectorScreenHref, messageLogHref } from "./routes";

export interface MessageDetailData {
  message: MessageView;
  attempt: MessageAttempt;
  /** Every attempt, oldest first (the last one is `attempt` again). */
  attempts: AttemptEntry[];
}

/** Fast while it is being sent; slower while a delivery report is still likely; not at all once settled. */
function refreshInterval({ message }: MessageDetailData): number | false {
  if (isInFlight(message.status)) return 2_000;
  if (message.status === "sent" && isRecent(message.createdAt)) return 5_000;
  return false;
}

export function MessageDetail({ connector, initial }: { connector: { id: string; name: string }; initial: MessageDetailData }) {
  const path = `/api/v1/messages/${encodeURIComponent(initial.message.id)}`;
  const { data } = useQuery({
    queryKey: messageKeys.detail(initial.message.id),
    queryFn: async ({ signal }): Promise<MessageDetailData> => {
      const [message, attempt, history] = await Promise.all([
        apiGet<MessageView>(path, { signal }),
        apiGet<MessageAttempt>(`${path}/attempt`, { signal }),
        apiGet<{ data: AttemptEntry[] }>(`${path}/attempts`, { signal }),
      ]);
      return { message, attempt, attempts: history.data };
    },
    initialData: initial,
    refetchInterval: (query) => refreshInterval(query.state.data ?? initial),
    refetchIntervalInBackground: false,
  });
  const { message, attempt, attempts } = data;
  const earlier = attempts.filter((entry) => entry.retried);
  const { request, response } = attempt;
  const settled = message.status === "sent" || message.status === "delivered" || message.status === "undelivered" || message.status === "failed";
  const failed = message.status === "failed" || message.status === "undelivered";
  const logHref = messageLogHref(connector.id);

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          <ol className="flex flex-wrap items-center gap-1.5">
            <li>
              <Link href="/settings/channel/sms" className="hover:text-indigo-700">
                SMS &amp; Connectors
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <Link href={connectorScreenHref(connector.id)} className="hover:text-indigo-700">
                {connector.name}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <Link href={logHref} className="hover:text-indigo-700">
                Message log
              </Link>
            </li>
          </ol>
        </nav>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">
            Message to <span className="font-mono text-[22px]">{message.to}</span>
          </h1>
          <MessageStatusBadge status={message.status} />
          {message.isTest && <Badge tone="slate">Test</Badge>}
        </div>
        <p className="mt-1 text-sm text-slate-500">
          Created <LocalTime iso={message.createdAt} format="long" /> through {connector.name}
        </p>
      </div>

      {/* A failed send's reason is shown with its request below; here only what the attempt does not say. */}
      {message.reason && !(message.status === "failed" && (request || response)) && (
        <div role="note" className={failed ? "rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" : "rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"}>
          <p className="font-medium">{message.status === "undelivered" ? "Not delivered" : message.status === "failed" ? "Failed to send" : "Note"}</p>
          <p data-testid="message-reason" className="mt-0.5 font-mono text-[13px] break-words whitespace-pre-wrap">
            {message.reason}
          </p>
        </div>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="message-summary-heading">
          <div className="border-b border-slate-100 px-6 pt-5 pb-4">
            <h2 id="message-summary-heading" className="text-base font-semibold text-slate-900">
              Summary
            </h2>
          </div>
          <dl className="grid gap-x-6 gap-y-4 px-6 py-5 sm:grid-cols-2">
            <Item label="Provider message id">
              {message.providerMessageId ? (
                <span className="flex min-w-0 items-center gap-1">
                  <code className="font-mono text-[13px] break-all text-slate-900">
                    {message.providerMessageId}
                  </code>
                  <CopyButton text={message.providerMessageId} size="sm" variant="ghost" aria-label="Copy provider message id" />
                </span>
              ) : (
                <span className="text-slate-400">{settled ? "None" : "Not sent yet"}</span>
              )}
            </Item>
            <Item label="Sender">{message.sender ?? <span className="text-slate-400">—</span>}</Item>
            <Item label="Segments">
              {message.segments} <span className="text-slate-500">· {message.encoding}</span>
            </Item>
            <Item label="Attempts">{attempt.attempts}</Item>
            <Item label="Switchboard message id">
              <code className="font-mono text-[13px] break-all text-slate-700">{message.id}</code>
            </Item>
            <Item label="Created">
              <LocalTime iso={message.createdAt} format="long" />
            </Item>
          </dl>
          <div className="border-t border-slate-100 px-6 py-5">
            <h3 className="mb-1.5 text-sm font-medium text-slate-500">Message text</h3>
            <p data-testid="message-body" className="rounded-md bg-slate-50 px-3 py-2.5 text-sm break-words whitespace-pre-wrap text-slate-900 ring-1 ring-slate-200 ring-inset">
              {attempt.body}
            </p>
          </div>
        </Card>

        <Card aria-labelledby="message-timeline-heading">
          <div className="border-b border-slate-100 px-6 pt-5 pb-4">
            <h2 id="message-timeline-heading" className="text-base font-semibold text-slate-900">
              Timeline
            </h2>
          </div>
          <div className="px-6 py-5">
            <MessageTimeline timeline={message.timeline} />
          </div>
        </Card>
      </div>

      <Card aria-labelledby="message-attempt-heading">
        <div className="border-b border-slate-100 px-6 pt-5 pb-4">
          <h2 id="message-attempt-heading" className="text-base font-semibold text-slate-900">
            {attempt.attempts > 1 ? `Last attempt (${attempt.attempts} in all)` : "Request and response"}
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">What Switchboard sent to the provider and what it answered. Secret values were masked before they were stored.</p>
        </div>
        <div className="space-y-4 px-6 py-5">
          {request || response ? (
            <>
              {settled && (
                <SendOutcome sentId={message.providerMessageId} error={message.status === "failed" ? message.reason : null} />
              )}
              <RequestInspector request={request} response={response} />
            </>
          ) : (
            <p className="text-sm text-slate-500">
              {settled ? "Nothing went to the provider for this message." : "Not sent yet: the request appears here once a worker has sent it."}
            </p>
          )}
        </div>
      </Card>

      {earlier.length > 0 && (
        <Card aria-labelledby="message-earlier-attempts-heading">
          <div className="border-b border-slate-100 px-6 pt-5 pb-4">
            <h2 id="message-earlier-attempts-heading" className="text-base font-semibold text-slate-900">
              Earlier attempts ({earlier.length})
            </h2>
            <p className="mt-0.5 text-sm text-slate-500">Attempts that were retried because the provider was busy or could not be reached, oldest first.</p>
          </div>
          <ol className="divide-y divide-slate-100">
            {earlier.map((entry) => (
              <li key={entry.attempt} data-testid="earlier-attempt" className="space-y-3 px-6 py-5">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-sm font-semibold text-slate-900">Attempt {entry.attempt}</h3>
                  {entry.at && <LocalTime iso={entry.at} className="text-xs text-slate-500" />}
                </div>
                <p data-testid="attempt-outcome" className="rounded-md bg-amber-50 px-3 py-2 font-mono text-[13px] break-words text-amber-900">
                  {entry.outcome}
                </p>
                {entry.request || entry.response ? (
                  <RequestInspector request={entry.request} response={entry.response} />
                ) : (
                  <p className="text-sm text-slate-500">Nothing reached the provider.</p>
                )}
              </li>
            ))}
          </ol>
        </Card>
      )}
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}
