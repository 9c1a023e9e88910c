"use client";
// A campaign's audience as the upload read it: how many rows, how many can be messaged and why the others cannot,
// the first recipients with their columns, and the invalid rows by line (all of them as a CSV download).
import type { CampaignView } from "@/lib/campaigns/schema";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Spinner } from "@/components/ui/spinner";
import { useAudience, useInvalidRows } from "./queries";
import { invalidRowsCsvHref } from "./routes";

const number = (n: number) => n.toLocaleString("en-GB");
/** Columns shown in the first-rows table; the rest are still usable in the message. */
const SHOWN_COLUMNS = 6;

export function AudienceCounts({ campaign, className }: { campaign: CampaignView; className?: string }) {
  const { audience } = campaign;
  const tiles = [
    { key: "rows", label: "Rows", value: audience.rows, hint: "Rows in the file, after the header" },
    { key: "valid", label: "Valid recipients", value: audience.valid, hint: "Will get the message", tone: "text-emerald-700" },
    { key: "invalid", label: "Invalid", value: audience.invalid, hint: "No usable number: see the rows below", tone: audience.invalid ? "text-red-700" : undefined },
    { key: "duplicates", label: "Duplicates", value: audience.duplicates, hint: "Numbers already in the file: messaged once" },
    { key: "suppressed", label: "Suppressed", value: audience.suppressed, hint: "Skipped after repeated delivery failures (Suppression list)" },
  ];
  return (
    <dl className={cx("grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5", className)}>
      {tiles.map((tile) => (
        <div key={tile.key} className="min-w-0 rounded-lg border border-slate-200 px-4 py-3" title={tile.hint}>
          <dt className="truncate text-xs font-medium text-slate-500">{tile.label}</dt>
          <dd className={cx("mt-1 text-2xl font-semibold text-slate-900 tabular-nums", tile.tone)} data-testid={`audience-${tile.key}`}>
            {number(tile.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AudiencePanel({ campaign, showRecipients = true }: { campaign: CampaignView; showRecipients?: boolean }) {
  return (
    <Card aria-labelledby="audience-heading">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 id="audience-heading" className="text-base font-semibold text-slate-900">
          Audience
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">
          Numbers from the column <code className="rounded bg-slate-100 px-1 text-[13px] text-slate-700">{campaign.phoneColumn ?? "phone"}</code>
          {campaign.defaultCountry ? `, national numbers read as ${regionName(campaign.defaultCountry)}'s` : ""}.{" "}
          {campaign.columns.length > 0 ? `${campaign.columns.length} more column${campaign.columns.length === 1 ? "" : "s"} to use in the message.` : "No other columns."}
        </p>
      </div>
      <div className="px-6 py-5">
        <AudienceCounts campaign={campaign} />
      </div>
      {showRecipients && <FirstRecipients campaign={campaign} />}
      {campaign.audience.invalid > 0 && <InvalidRows campaign={campaign} />}
    </Card>
  );
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function FirstRecipients({ campaign }: { campaign: CampaignView }) {
  const audience = useAudience(campaign.id);
  const columns = campaign.columns.slice(0, SHOWN_COLUMNS);
  return (
    <section aria-labelledby="first-recipients-heading" className="border-t border-slate-100 pt-4">
      <h3 id="first-recipients-heading" className="px-6 pb-2 text-sm font-semibold text-slate-900">
        First recipients
      </h3>
      {audience.isPending ? (
        <p className="flex items-center gap-2 px-6 pb-5 text-sm text-slate-500">
          <Spinner /> Loading…
        </p>
      ) : audience.isError ? (
        <p role="alert" className="mx-6 mb-5 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not load the recipients: {audience.error.message}
        </p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="First recipients">
          <table className="w-full text-left text-sm" data-testid="first-recipients">
            <thead className="border-y border-slate-200 bg-slate-50/70 text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3 pl-6 font-medium">Number</th>
                {columns.map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-medium">
                    {column}
                  </th>
                ))}
                {campaign.columns.length > SHOWN_COLUMNS && (
                  <th scope="col" className="px-3 py-2 font-medium">
                    +{campaign.columns.length - SHOWN_COLUMNS} more
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {audience.data.recipients.map((recipient) => (
                <tr key={recipient.messageId}>
                  <td className="py-2 pr-3 pl-6 font-mono text-[13px] whitespace-nowrap text-slate-900">{recipient.to}</td>
                  {columns.map((column) => (
                    <td key={column} className="max-w-48 truncate px-3 py-2 text-slate-700" title={recipient.attributes[column]}>
                      {recipient.attributes[column] || <span className="text-slate-300">—</span>}
                    </td>
                  ))}
                  {campaign.columns.length > SHOWN_COLUMNS && <td className="px-3 py-2 text-slate-400">…</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InvalidRows({ campaign }: { campaign: CampaignView }) {
  const rows = useInvalidRows(campaign.id, true);
  const shown = rows.data?.data ?? [];
  return (
    <section aria-labelledby="invalid-rows-heading" className="border-t border-slate-100 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 pb-2">
        <div>
          <h3 id="invalid-rows-heading" className="text-sm font-semibold text-slate-900">
            Invalid rows
          </h3>
          <p className="text-xs text-slate-500">Left out of the campaign. Line 1 is the header, as a spreadsheet numbers them.</p>
        </div>
        <a href={invalidRowsCsvHref(campaign.id)} download className="text-sm font-medium text-indigo-700 hover:text-indigo-800 hover:underline">
          Download invalid rows (CSV)
        </a>
      </div>
      {rows.isPending ? (
        <p className="flex items-center gap-2 px-6 pb-5 text-sm text-slate-500">
          <Spinner /> Loading…
        </p>
      ) : rows.isError ? (
        <p role="alert" className="mx-6 mb-5 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not load the invalid rows: {rows.error.message}
        </p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Invalid rows">
          <table className="w-full table-fixed text-left text-sm" data-testid="invalid-rows">
            <thead className="border-y border-slate-200 bg-slate-50/70 text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="w-16 py-2 pr-3 pl-6 font-medium">Line</th>
                <th scope="col" className="w-[45%] px-3 py-2 font-medium">Reason</th>
                <th scope="col" className="px-3 py-2 pr-6 font-medium">Row</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((row) => (
                <tr key={row.line} data-testid="invalid-row">
                  <td className="py-2 pr-3 pl-6 text-slate-900 tabular-nums">{row.line}</td>
                  <td className="px-3 py-2 [overflow-wrap:anywhere] text-red-700">{row.reason}</td>
                  <td className="truncate px-3 py-2 pr-6 font-mono text-xs text-slate-600" title={row.raw}>
                    {row.raw || <span className="text-slate-300">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {campaign.audience.invalid > shown.length && (
            <p className="px-6 py-2 text-xs text-slate-500">
              The first {shown.length} of {number(campaign.audience.invalid)}: download the CSV for all of them.
            </p>
          )}
        </div>
      )}
      <div className="pb-2" />
    </section>
  );
}
