import { FILTERS, PLACEHOLDERS } from "./placeholders";

/** The template variables values can use, next to the rows that use them. */
export function PlaceholderHelp() {
  return (
    <details className="group rounded-lg border border-slate-200 bg-slate-50/70 text-sm open:pb-3">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-3 py-2 text-slate-700 select-none">
        <span>
          Values can use placeholders such as <code className="font-mono text-[13px] text-indigo-700">{"{{destination}}"}</code> and{" "}
          <code className="font-mono text-[13px] text-indigo-700">{"{{message}}"}</code>
        </span>
        <span className="text-xs font-medium text-indigo-700 group-open:hidden">Show all</span>
        <span className="hidden text-xs font-medium text-indigo-700 group-open:inline">Hide</span>
      </summary>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 px-3 pt-1">
        {PLACEHOLDERS.map((p) => (
          <div key={p.token} className="contents">
            <dt>
              <code className="font-mono text-[13px] text-indigo-700">{p.token}</code>
            </dt>
            <dd className="text-slate-600">{p.meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 px-3 text-xs text-slate-500">
        Filters: {FILTERS.map((f, i) => (
          <span key={f}>
            <code className="font-mono">{f}</code>
            {i < FILTERS.length - 1 ? ", " : ""}
          </span>
        ))}{" "}
        — e.g. <code className="font-mono">{"{{destination | digits}}"}</code>. Values are escaped for where they land (JSON, form, URL, XML).
      </p>
    </details>
  );
}
