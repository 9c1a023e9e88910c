import { FILTERS, PLACEHOLDERS } from "./placeholders";

/** The template variables values can use, next to the rows that use them. */
export function PlaceholderHelp() {
  return (
    <details className="group rounded-lg border border-slate-200 bg-slate-50/70 text-sm open:pb-3">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 px-3 py-2 text-slate-700 select-none">
        <span>
          Values can use placeholders such as <code className="font-mono text-[13px] text-indigo-700">{"{{destination}}"}</code> and{" "}
          <code className="font-mono text-[13px] text-indigo-700">{"{{message}}"}</code>. Type{" "}
          <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">@</kbd> in a value to pick one.
        </span>
        <span className="text-xs font-medium text-indigo-700 group-open:hidden">Show all</span>
        <span className="hidden text-xs font-medium text-indigo-700 group-open:inline">Hide</span>
      </summary>
      {/* On a phone the table scrolls in its own box; focusable so a keyboard can scroll it too. */}
      <div role="region" aria-label="Placeholders" tabIndex={0} className="mx-3 mt-1 overflow-x-auto">
        <table className="text-left" data-testid="placeholder-help">
          <thead className="sr-only">
            <tr>
              <th scope="col">Placeholder</th>
              <th scope="col">MoEngage spelling</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {PLACEHOLDERS.map((p) => (
              <tr key={p.token} className="align-top">
                <td className="py-0.5 pr-4">
                  <code className="font-mono text-[13px] text-indigo-700">{p.token}</code>
                </td>
                <td className="py-0.5 pr-4">{p.moengage && <code className="font-mono text-[13px] text-indigo-700">{p.moengage}</code>}</td>
                <td className="py-0.5 text-slate-600">{p.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 px-3 text-xs text-slate-500">
        MoEngage&apos;s tokens work bare, as MoEngage writes them (<code className="font-mono">Moesms_message</code>, also inside text and raw bodies), and in
        braces (<code className="font-mono">{"{{Moesms_message}}"}</code>). Filters: {FILTERS.map((f, i) => (
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
