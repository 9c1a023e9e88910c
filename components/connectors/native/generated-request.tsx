"use client";
// "Request this connector sends": the request, response mapping and delivery mapping the preset generated
// from the saved settings, read-only, with secrets masked — what a custom connector would need to do the same.
import type { ReactNode } from "react";
import { SECRET_MASK, type ConnectorView, type KeyValueRow } from "@/lib/connectors/schema";
import { cx } from "@/components/ui/cx";
import { LockIcon } from "@/components/ui/icons";

export function GeneratedRequest({ connector }: { connector: ConnectorView }) {
  const { request, response } = connector;
  const body = request.body;
  return (
    <div className="space-y-4" data-testid="generated-request">
      <div className="flex min-w-0 items-center gap-2 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
        <span
          data-testid="generated-method"
          className={cx("shrink-0 rounded px-1.5 py-0.5 font-mono text-xs font-semibold", request.method === "POST" ? "bg-indigo-100 text-indigo-800" : "bg-sky-100 text-sky-800")}
        >
          {request.method}
        </span>
        <code data-testid="generated-url" className="min-w-0 font-mono text-[13px] break-all text-slate-800">
          {request.url}
        </code>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        {request.params.length > 0 && <Rows title="URL parameters" rows={request.params} testId="generated-params" />}
        <Rows title="Headers" rows={request.headers} testId="generated-headers" empty="No headers besides the content type." />
        {body.type === "form" || body.type === "json" ? (
          <Rows title={body.type === "form" ? "Body · form-encoded" : "Body · JSON"} rows={body.fields} testId="generated-body" paths={body.type === "json"} />
        ) : body.type === "raw" ? (
          <Part title={`Body · ${body.contentType}`}>
            <pre className="overflow-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200 ring-inset">{body.content}</pre>
          </Part>
        ) : request.method === "POST" ? (
          <Part title="Body">
            <p className="text-sm text-slate-400">No body.</p>
          </Part>
        ) : null}
      </div>

      <dl className="grid gap-x-6 gap-y-2 rounded-md border border-slate-200 px-4 py-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="text-slate-500">Provider message id</dt>
        <dd data-testid="generated-sent-id" className="min-w-0 text-slate-800">
          {response.sentId === null ? (
            "not read"
          ) : response.sentId.from === "json" ? (
            <>
              JSON path <Code>{response.sentId.path}</Code> of the reply
            </>
          ) : response.sentId.from === "header" ? (
            <>
              Header <Code>{response.sentId.name}</Code>
            </>
          ) : (
            <>
              Regular expression <Code>{response.sentId.pattern}</Code> on the text reply
            </>
          )}
        </dd>
        <dt className="text-slate-500">Accepted when</dt>
        <dd className="min-w-0 text-slate-800">
          {response.accepted === null ? (
            "the reply is HTTP 2xx"
          ) : "pattern" in response.accepted ? (
            <>
              HTTP 2xx and the reply matches <Code>{response.accepted.pattern}</Code>
            </>
          ) : (
            <>
              HTTP 2xx and <Code>{response.accepted.path}</Code> is {response.accepted.values.map((value, index) => <span key={value}>{index > 0 && " or "}<Code>{value}</Code></span>)}
            </>
          )}
        </dd>
      </dl>
    </div>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 overflow-hidden rounded-lg border border-slate-200">
      <h4 className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
      <div className="px-4 py-3">{children}</div>
    </section>
  );
}

function Rows({ title, rows, testId, empty = "None.", paths = false }: { title: string; rows: KeyValueRow[]; testId: string; empty?: string; paths?: boolean }) {
  return (
    <Part title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-400">{empty}</p>
      ) : (
        <table data-testid={testId} className="w-full table-fixed text-left font-mono text-xs leading-5">
          <thead className="sr-only">
            <tr>
              <th scope="col">{paths ? "Field path" : "Name"}</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={`${row.key}-${index}`} className="align-top">
                <th scope="row" className="w-36 truncate py-0.5 pr-3 font-normal text-slate-500" title={row.key}>
                  {row.key}
                </th>
                <td className="py-0.5 break-all text-slate-800">
                  <TemplateValue value={row.value} secret={row.secret} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

/** Placeholders stand out from literal text; a secret shows as a locked mask. */
function TemplateValue({ value, secret }: { value: string; secret: boolean }) {
  if (secret || value === SECRET_MASK) {
    return (
      <span title="Secret value, encrypted and masked" className="inline-flex items-center gap-0.5 rounded bg-amber-100 px-1 text-amber-800">
        <LockIcon className="size-3" />
        <span className="sr-only">secret value</span>
        <span aria-hidden="true">{SECRET_MASK}</span>
      </span>
    );
  }
  if (value === "") return <span className="text-slate-400">(empty)</span>;
  const parts = value.split(/(\{\{[^}]*\}\})/g);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("{{") ? (
          <span key={index} className="rounded bg-indigo-50 px-0.5 text-indigo-700">
            {part}
          </span>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-800">{children}</code>;
}
