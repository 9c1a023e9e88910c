"use client";
// The Suppression list tab: numbers skipped after repeated delivery failures — search, export, release.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { MAX_PAGE_SIZE, type Page } from "@/lib/paging";
import type { SuppressedNumber } from "@/lib/suppression/suppressions";
import { apiGet } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { releaseSuppressionAction } from "@/server/actions/suppression";
import { suppressionKeys } from "./query-keys";

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—");

export function SuppressionList({ initialNumbers, threshold, canRelease }: { initialNumbers: SuppressedNumber[]; threshold: number; canRelease: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [releasing, setReleasing] = useState<SuppressedNumber | null>(null);

  // Search as the user types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const list = useQuery({
    queryKey: suppressionKeys.list(query),
    queryFn: async () => {
      const search = new URLSearchParams({ limit: String(MAX_PAGE_SIZE), ...(query ? { search: query } : {}) });
      return (await apiGet<Page<SuppressedNumber>>(`/api/v1/suppressions?${search}`)).data;
    },
    initialData: query === "" ? initialNumbers : undefined,
    initialDataUpdatedAt: Date.now(),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

  const release = useMutation({
    mutationFn: async (phone: string) => {
      const result = await releaseSuppressionAction(phone);
      if (!result.ok) throw new Error(result.error.message);
    },
    onSuccess: (_, phone) => {
      toast(`Released ${phone}. Messages to it are sent again.`);
      setReleasing(null);
      queryClient.setQueriesData<SuppressedNumber[]>({ queryKey: suppressionKeys.all }, (rows) => rows?.filter((row) => row.phone !== phone));
      void queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
    },
  });

  const numbers = list.data ?? [];
  const searching = query !== "";

  return (
    <Card aria-labelledby="suppression-heading">
      <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-6 pt-5 pb-4">
        <div className="max-w-2xl">
          <h2 id="suppression-heading" className="text-base font-semibold text-slate-900">
            Suppression list
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            Numbers whose last {threshold} messages all failed to deliver. Sends to them are skipped with the reason “Suppressed: repeated delivery failures”
            until they are released.
          </p>
        </div>
        <a
          href="/api/v1/suppressions?format=csv"
          download="suppressions.csv"
          className="inline-flex h-9 shrink-0 items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-slate-500">
            <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
            <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
          </svg>
          Export CSV
        </a>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-3">
        <div className="relative w-72">
          <label htmlFor="suppression-search" className="sr-only">
            Search numbers
          </label>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400">
            <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z" clipRule="evenodd" />
          </svg>
          <Input id="suppression-search" type="search" inputMode="tel" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Search numbers, e.g. +4670" className="pl-8" />
        </div>
        <p className="flex items-center gap-2 text-sm text-slate-500" aria-live="polite">
          {list.isFetching && <Spinner className="size-3.5" />}
          {numbers.length === 1 ? "1 number" : `${numbers.length.toLocaleString("en-GB")} numbers`}
          {searching && " match"}
        </p>
      </div>

      {list.isError && <p className="mx-6 mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">Could not load the list: {list.error.message}</p>}

      {numbers.length === 0 ? (
        <div className="flex flex-col items-center border-t border-slate-100 px-6 py-14 text-center">
          <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
            <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-6">
              <path d="M12 3 4.5 6v5.5c0 4.4 3.2 8.3 7.5 9.5 4.3-1.2 7.5-5.1 7.5-9.5V6L12 3Z" />
              <path d="m9 12 2 2 4-4" />
            </svg>
          </div>
          <h3 className="text-base font-semibold text-slate-900">{searching ? "No matching numbers" : "No suppressed numbers"}</h3>
          <p className="mt-1.5 max-w-md text-sm text-slate-500">
            {searching
              ? `No suppressed number contains “${query}”.`
              : `A number is suppressed after ${threshold} delivery failures in a row. It will show up here, and can be released.`}
          </p>
        </div>
      ) : (
        <div className={cx("overflow-x-auto transition-opacity", list.isPlaceholderData && "opacity-60")}>
          <table className="w-full text-left text-sm">
            <thead className="border-t border-slate-100 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-6 py-2.5 font-medium">
                  Phone
                </th>
                <th scope="col" className="px-3 py-2.5 text-right font-medium">
                  Consecutive failures
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Last reason
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Suppressed at
                </th>
                {canRelease && (
                  <th scope="col" className="px-6 py-2.5 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {numbers.map((row) => (
                <tr key={row.phone} className="text-slate-700" data-testid="suppressed-number">
                  <th scope="row" className="px-6 py-3 font-mono text-[13px] font-medium whitespace-nowrap text-slate-900">
                    {row.phone}
                  </th>
                  <td className="px-3 py-3 text-right tabular-nums">{row.consecutiveFailures}</td>
                  <td className="max-w-sm px-3 py-3">
                    <span className="line-clamp-2 break-words" title={row.lastReason ?? undefined}>
                      {row.lastReason ?? "—"}
                    </span>
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap" suppressHydrationWarning>
                    {formatDate(row.suppressedAt)}
                  </td>
                  {canRelease && (
                    <td className="px-6 py-3 text-right">
                      <Button size="sm" onClick={() => {
                          release.reset();
                          setReleasing(row);
                        }} aria-label={`Release ${row.phone}`}>
                        Release
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canRelease && (
        <Dialog
          open={releasing !== null}
          onClose={() => setReleasing(null)}
          dismissible={!release.isPending}
          size="sm"
          title={releasing ? `Release ${releasing.phone}?` : "Release number?"}
          description="Messages to this number will be sent again, and its failure count starts over. If it keeps failing, it is suppressed again."
          footer={
            <>
              <Button onClick={() => setReleasing(null)} disabled={release.isPending}>
                Cancel
              </Button>
              <Button variant="primary" pending={release.isPending} onClick={() => releasing && release.mutate(releasing.phone)}>
                Release number
              </Button>
            </>
          }
        >
          {release.isError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{release.error.message}</p>}
        </Dialog>
      )}
    </Card>
  );
}
