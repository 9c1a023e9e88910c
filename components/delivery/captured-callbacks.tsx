"use client";
// Every callback the DLR URL received, newest first, with what became of it; a row opens to its raw request.
import { useId, useState } from "react";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "./format";
import type { CapturedCallback } from "./queries";

const COLUMNS = "grid grid-cols-[9.5rem_4rem_minmax(0,10rem)_6rem_minmax(0,1fr)_1rem] gap-3 px-6";

type Tone = "slate" | "indigo" | "amber" | "green" | "red";

export const OUTCOMES: Record<string, { label: string; tone: Tone; help: string }> = {
  applied: { label: "Applied", tone: "green", help: "Matched a message and updated its status." },
  waiting: { label: "Waiting", tone: "amber", help: "No message with this id yet: applied as soon as the send is recorded, else moved to the unmatched inbox." },
  unmatched: { label: "Unmatched", tone: "amber", help: "Matched no message for too long: in the connector's unmatched inbox. Fix the mapping and re-match." },
  duplicate: { label: "Duplicate", tone: "slate", help: "Matched a message that already had this (or a final) status: nothing changed." },
  unmapped: { label: "Unmapped", tone: "amber", help: "The mapping could not read it. Saving a mapping re-applies it; unread for too long, it moves to the unmatched inbox." },
  invalid: { label: "Invalid", tone: "red", help: "The body could not be parsed." },
  rejected: { label: "Rejected", tone: "red", help: "Failed callback authentication (HTTP 401)." },
  received: { label: "Processing", tone: "indigo", help: "Received; being applied." },
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const known = OUTCOMES[outcome] ?? { label: outcome, tone: "slate" as const, help: "" };
  return (
    <Badge tone={known.tone} className="capitalize">
      <span title={known.help}>{known.label}</span>
    </Badge>
  );
}

export function CapturedCallbacks({ callbacks, loading, error }: { callbacks: CapturedCallback[] | undefined; loading: boolean; error: string | null }) {
  return (
    <Card aria-labelledby="captured-callbacks-heading">
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
        <div>
          <h2 id="captured-callbacks-heading" className="text-base font-semibold text-slate-900">
            Captured callbacks
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">Every request to the delivery report URL, newest first, as the provider sent it.</p>
        </div>
        {callbacks && callbacks.length > 0 && (
          <span className="shrink-0 pt-1 text-xs text-slate-500">{callbacks.length === 1 ? "1 callback" : `Latest ${callbacks.length}`}</span>
        )}
      </div>
      {loading ? (
        <p className="flex items-center gap-2 px-6 py-8 text-sm text-slate-500">
          <Spinner /> Loading callbacks…
        </p>
      ) : error ? (
        <p className="m-6 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>
      ) : !callbacks || callbacks.length === 0 ? (
        <div className="px-6 py-10 text-center">
          <p className="text-sm font-medium text-slate-900">No callbacks yet</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
            When your provider calls the delivery report URL, each request shows up here — headers, body and whether it was applied.
          </p>
        </div>
      ) : (
        <div className="text-sm">
          <div aria-hidden="true" className={cx(COLUMNS, "bg-slate-50 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase")}>
            <span>Received</span>
            <span>Method</span>
            <span>Content type</span>
            <span>Outcome</span>
            <span>Detail</span>
          </div>
          <ul aria-label="Captured callbacks" className="divide-y divide-slate-100">
            {callbacks.map((callback) => (
              <CallbackRow key={callback.id} callback={callback} />
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function CallbackRow({ callback }: { callback: CapturedCallback }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const detail = callback.detail ?? (callback.outcome === "applied" ? `Applied ${callback.appliedCount} of ${callback.reportCount} report${callback.reportCount === 1 ? "" : "s"}` : "");
  return (
    <li data-testid="captured-callback" data-outcome={callback.outcome}>
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls={panelId}
        className={cx(COLUMNS, "w-full items-center py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-50")}
      >
        <span className="whitespace-nowrap text-slate-700 tabular-nums" suppressHydrationWarning>
          {formatDateTime(callback.receivedAt)}
        </span>
        <span>
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-medium text-slate-700">{callback.method}</span>
        </span>
        <span className="truncate font-mono text-xs text-slate-600" title={callback.contentType ?? undefined}>
          {callback.contentType?.split(";")[0] ?? "—"}
        </span>
        <span>
          <OutcomeBadge outcome={callback.outcome} />
        </span>
        <span className="truncate text-slate-600" title={detail}>
          {detail || "—"}
        </span>
        <span aria-hidden="true" className="text-slate-400">
          <svg viewBox="0 0 20 20" fill="currentColor" className={cx("size-4 transition-transform", open && "rotate-90")}>
            <path fillRule="evenodd" d="M7.21 14.77a.75.75 0 0 1 .02-1.06L11.17 10 7.23 6.29a.75.75 0 1 1 1.04-1.08l4.5 4.25a.75.75 0 0 1 0 1.08l-4.5 4.25a.75.75 0 0 1-1.06-.02Z" clipRule="evenodd" />
          </svg>
        </span>
      </button>
      {open && (
        <div id={panelId} className="grid gap-4 border-t border-slate-100 bg-slate-50/60 px-6 py-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <section aria-label="Headers">
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Headers</h3>
            <dl className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-xs leading-relaxed">
              {Object.entries(callback.headers).map(([name, value]) => (
                <div key={name} className="flex gap-2">
                  <dt className="shrink-0 text-slate-500">{name}:</dt>
                  <dd className="break-all text-slate-800">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-label="Body">
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{callback.query ? "Query and body" : "Body"}</h3>
            {callback.query && (
              <pre className="mb-2 overflow-auto rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">?{callback.query}</pre>
            )}
            <pre className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-800" data-testid="callback-body">
              {callback.body ? pretty(callback.body) : <span className="text-slate-400">(empty body)</span>}
            </pre>
          </section>
        </div>
      )}
    </li>
  );
}

function pretty(body: string): string {
  const trimmed = body.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}
