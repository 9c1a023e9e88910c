"use client";
// The request inspector: what went to the provider (secrets already masked by the server) and what came
// back, plus the outcome of a send. Used by Send Test SMS and by a message's detail view.
import { useState, type ReactNode } from "react";
import { MISSING_ID_REASON } from "@/lib/connectors/reasons";
import { SECRET_MASK } from "@/lib/connectors/schema";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";
import { CheckCircleIcon, ExclamationIcon, LockIcon, XCircleIcon } from "@/components/ui/icons";
import type { InspectedRequest, InspectedResponse } from "@/lib/messages/attempt-shape";

export type { InspectedRequest, InspectedResponse };

/** Accepted (with the provider's id, or a note why there is none) or refused (with the reason). */
export function SendOutcome({ sentId, error, note, durationMs }: { sentId: string | null; error: string | null; note?: string | null; durationMs?: number | null }) {
  const duration = typeof durationMs === "number" && durationMs > 0 ? <span className="shrink-0 text-xs text-slate-500 tabular-nums">{formatDuration(durationMs)}</span> : null;
  if (error) {
    // A 2xx without the provider's id: the provider may well have the message, but nothing could ever match its report.
    const missingId = error.startsWith(MISSING_ID_REASON);
    return (
      <div data-testid="send-outcome" data-outcome="failed" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3">
        <XCircleIcon className="mt-px size-5 shrink-0 text-red-600" />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold text-red-800">{missingId ? "Failed to send: the reply has no message id" : "Not sent"}</p>
          <p className="mt-0.5 font-mono text-[13px] break-words whitespace-pre-wrap text-red-800" data-testid="send-outcome-reason">
            {error}
          </p>
          {missingId && (
            <p className="mt-1.5 text-xs text-red-800/90">
              The provider answered 2xx, but its reply does not carry a message id where the sent-response mapping looks, so no delivery report could
              ever be matched. Fix the mapping, or tick “Replies carry no message id” if this provider never sends one.
            </p>
          )}
        </div>
        {duration}
      </div>
    );
  }
  return (
    <div data-testid="send-outcome" data-outcome="sent" className="flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3">
      <CheckCircleIcon className="mt-px size-5 shrink-0 text-emerald-600" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold text-emerald-800">Accepted by the provider</p>
        <dl className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <dt className="text-emerald-800">Provider message id</dt>
          <dd className="flex min-w-0 items-center gap-1">
            {sentId ? (
              <>
                <code data-testid="provider-message-id" className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-[13px] break-all text-slate-900 ring-1 ring-emerald-200">
                  {sentId}
                </code>
                <CopyButton text={sentId} size="sm" variant="ghost" className="text-emerald-800 hover:bg-emerald-100" aria-label="Copy provider message id" />
              </>
            ) : (
              <span className="text-amber-800">none found</span>
            )}
          </dd>
        </dl>
        {note && (
          <p className="mt-1.5 flex items-start gap-1.5 text-xs text-amber-800">
            <ExclamationIcon className="mt-px size-3.5 shrink-0 text-amber-600" />
            <span>{note}</span>
          </p>
        )}
      </div>
      {duration}
    </div>
  );
}

/** The request as it went out and the provider's answer, side by side. */
export function RequestInspector({
  request,
  response,
  durationMs,
  missingResponse = "No response: the request did not reach the provider, or the connection failed before it answered.",
  labels = { request: "Request sent", response: "Provider response" },
}: {
  request: InspectedRequest | null;
  response: InspectedResponse | null;
  durationMs?: number | null;
  /** What to say when there is no response. */
  missingResponse?: string;
  /** The two panels' names, for an inspector of another request than the send (an OAuth token request). */
  labels?: { request: string; response: string };
}) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Panel
        label={labels.request}
        aside={request && <MethodBadge method={request.method} />}
      >
        {request ? (
          <>
            <Part title="URL">
              <p data-testid="request-url" className="font-mono text-[13px] leading-5 break-all text-slate-800">
                <Masked text={request.url} />
              </p>
              <QueryParameters url={request.url} />
            </Part>
            <Part title="Headers">
              <HeaderList headers={request.headers} empty="No headers." />
            </Part>
            <Part title="Body">
              <Body text={request.body} contentType={headerValue(request.headers, "content-type")} label="Request body" />
            </Part>
          </>
        ) : (
          <p className="px-4 py-4 text-sm text-slate-500">The request could not be built, so nothing was sent.</p>
        )}
      </Panel>
      <Panel
        label={labels.response}
        aside={
          response && (
            <span className="flex items-center gap-2">
              {typeof durationMs === "number" && durationMs > 0 && <span className="text-xs text-slate-500 tabular-nums">{formatDuration(durationMs)}</span>}
              <StatusBadge status={response.status} />
            </span>
          )
        }
      >
        {response ? (
          <>
            <Part title="Headers">
              <HeaderList headers={response.headers} empty="No headers." collapseAfter={6} />
            </Part>
            <Part title="Body">
              <Body text={response.body} contentType={headerValue(response.headers, "content-type")} label="Response body" />
            </Part>
          </>
        ) : (
          <p className="px-4 py-4 text-sm text-slate-500">{missingResponse}</p>
        )}
      </Panel>
    </div>
  );
}

function Panel({ label, aside, children }: { label: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={label} className="min-w-0 overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div className="flex min-h-11 items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2">
        <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</h4>
        {aside}
      </div>
      <div className="divide-y divide-slate-100">{children}</div>
    </section>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="px-4 py-3">
      <h5 className="mb-1.5 text-xs font-medium text-slate-500">{title}</h5>
      {children}
    </div>
  );
}

function MethodBadge({ method }: { method: string }) {
  const tone = method === "POST" ? "bg-indigo-100 text-indigo-800" : method === "DELETE" ? "bg-red-100 text-red-800" : "bg-sky-100 text-sky-800";
  return (
    <span data-testid="request-method" className={cx("rounded px-1.5 py-0.5 font-mono text-xs font-semibold", tone)}>
      {method}
    </span>
  );
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function StatusBadge({ status }: { status: number }) {
  const tone =
    status >= 200 && status < 300
      ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20"
      : status === 429 || (status >= 300 && status < 400)
        ? "bg-amber-50 text-amber-800 ring-amber-600/20"
        : "bg-red-50 text-red-700 ring-red-600/20";
  return (
    <span data-testid="response-status" className={cx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset", tone)}>
      {status}
      {STATUS_TEXT[status] && <span className="font-sans font-medium">{STATUS_TEXT[status]}</span>}
    </span>
  );
}

function QueryParameters({ url }: { url: string }) {
  let entries: Array<[string, string]> = [];
  try {
    entries = [...new URL(url).searchParams.entries()];
  } catch {
    return null;
  }
  if (entries.length === 0) return null;
  return (
    <div className="mt-2.5">
      <p className="mb-1 text-xs font-medium text-slate-500">Query parameters (decoded)</p>
      <KeyValueList entries={entries} />
    </div>
  );
}

function HeaderList({ headers, empty, collapseAfter }: { headers: Record<string, string>; empty: string; collapseAfter?: number }) {
  const [expanded, setExpanded] = useState(false);
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-sm text-slate-400">{empty}</p>;
  const limit = collapseAfter && !expanded && entries.length > collapseAfter + 1 ? collapseAfter : entries.length;
  return (
    <>
      <KeyValueList entries={entries.slice(0, limit)} />
      {limit < entries.length && (
        <Button size="sm" variant="ghost" className="mt-1 -ml-2 text-indigo-700" onClick={() => setExpanded(true)}>
          Show all {entries.length} headers
        </Button>
      )}
    </>
  );
}

function KeyValueList({ entries }: { entries: Array<[string, string]> }) {
  return (
    <dl className="grid grid-cols-[minmax(7rem,max-content)_minmax(0,1fr)] gap-x-4 gap-y-1 font-mono text-xs leading-5">
      {entries.map(([key, value], index) => (
        <div key={`${key}-${index}`} className="contents">
          <dt className="truncate text-slate-500" title={key}>
            {key}
          </dt>
          <dd className="break-all text-slate-800">
            <Masked text={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Body({ text, contentType, label }: { text: string | null; contentType: string | null; label: string }) {
  const [raw, setRaw] = useState(false);
  if (text === null || text === "") return <p className="text-sm text-slate-400">No body.</p>;
  const pretty = prettyBody(text, contentType);
  const shown = raw || pretty === null ? text : pretty;
  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <span className="text-xs text-slate-500">
          {describeBody(text, contentType)}
          {pretty !== null && !raw && " · formatted"}
        </span>
        <span className="flex items-center gap-1">
          {pretty !== null && (
            <Button size="sm" variant="ghost" aria-pressed={raw} onClick={() => setRaw(!raw)}>
              {raw ? "Formatted" : "Raw"}
            </Button>
          )}
          <CopyButton text={text} size="sm" variant="ghost" aria-label={`Copy ${label.toLowerCase()}`} />
        </span>
      </div>
      <pre
        tabIndex={0}
        aria-label={label}
        data-testid={label === "Request body" ? "request-body" : "response-body"}
        className="max-h-80 overflow-auto rounded-md bg-slate-50 px-3 py-2.5 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset [overflow-wrap:anywhere]"
      >
        <Masked text={shown} />
      </pre>
    </div>
  );
}

/** Masked secrets stand out, so nobody mistakes the dots for the value that was sent. */
function Masked({ text }: { text: string }) {
  if (!text.includes(SECRET_MASK)) return <>{text}</>;
  const parts = text.split(SECRET_MASK);
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          {part}
          {index < parts.length - 1 && (
            <span title="Secret value, masked" className="inline-flex items-center gap-0.5 rounded bg-amber-100 px-1 align-baseline text-amber-800">
              <LockIcon className="size-3" />
              <span className="sr-only">secret value</span>
              <span aria-hidden="true">{SECRET_MASK}</span>
            </span>
          )}
        </span>
      ))}
    </>
  );
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found ? found[1] : null;
}

/** JSON re-indented; a form body one decoded pair per line; null when the raw text is already the best view. */
function prettyBody(text: string, contentType: string | null): string | null {
  const type = contentType?.toLowerCase() ?? "";
  const trimmed = text.trim();
  if (type.includes("json") || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const pretty = JSON.stringify(JSON.parse(trimmed), null, 2);
      return pretty === text ? null : pretty;
    } catch {
      return null;
    }
  }
  if (type.includes("x-www-form-urlencoded")) {
    const pairs = [...new URLSearchParams(text).entries()];
    return pairs.length ? pairs.map(([key, value]) => `${key} = ${value}`).join("\n") : null;
  }
  return null;
}

function describeBody(text: string, contentType: string | null): string {
  const bytes = new TextEncoder().encode(text).length;
  const size = bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
  return contentType ? `${contentType.split(";")[0]} · ${size}` : size;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
