"use client";
// A connector's message log for support work: newest first, filtered by number, status, sender, test/live and
// dates (UTC days), paged with "Load more", exported as CSV, and refreshed on its own while any message shown can
// still change. The filters live in the URL, so a support link opens the same list; the page renders its first
// page for them.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTransition, type FormEvent, type ReactNode } from "react";
import { filterSearchParams, MESSAGE_LOG_FILTER_KEYS, type MessageLogFilter } from "@/lib/messages/message-log-filter";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";
import type { MessageLogEntry } from "@/lib/messages/read-messages";
import type { Page } from "@/lib/paging";
import { apiGet } from "@/components/api-client";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { ChevronRightIcon, InboxIcon } from "@/components/ui/icons";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { LocalTime } from "./local-time";
import { isInFlight, isRecent, MessageStatusBadge, STATUS_LABELS } from "./message-status";
import { messageKeys } from "./query-keys";
import { messageHref } from "./routes";

type FilterValues = Partial<Record<(typeof MESSAGE_LOG_FILTER_KEYS)[number], string>>;

/**
 * Fast while a message is being sent; slower while recent sent messages wait for their delivery report
 * (a provider that never reports would otherwise keep an open log polling forever).
 */
function refreshInterval(messages: MessageLogEntry[]): number | false {
  if (messages.some((m) => isInFlight(m.status))) return 2_000;
  if (messages.some((m) => m.status === "sent" && isRecent(m.createdAt))) return 5_000;
  return false;
}

export function MessageLog({
  connectorId,
  connectorHref,
  canSendTest,
  senders,
  filter,
  initialPage,
  pageSize,
}: {
  connectorId: string;
  /** The connector's screen, where a test SMS can be sent. */
  connectorHref: string;
  /** Viewers cannot send a test SMS, so the empty state does not offer it. */
  canSendTest: boolean;
  /** The connector's sender names, for the sender filter. */
  senders: string[];
  /** The filters in the URL, as the page parsed them. */
  filter: MessageLogFilter;
  /** The first page for these filters, as the server rendered it. */
  initialPage: Page<MessageLogEntry>;
  pageSize: number;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [applying, startApplying] = useTransition();
  const values: FilterValues = Object.fromEntries(MESSAGE_LOG_FILTER_KEYS.map((key) => [key, filter[key] ?? ""]));
  const filterQuery = filterSearchParams(values).toString();
  const filtered = filterQuery !== "";
  const onlyStatus = filter.status && MESSAGE_LOG_FILTER_KEYS.every((key) => key === "status" || !values[key]) ? STATUS_LABELS[filter.status].toLowerCase() : null;
  const query = useInfiniteQuery({
    queryKey: messageKeys.logFiltered(connectorId, filterQuery),
    queryFn: ({ pageParam, signal }) => {
      const search = filterSearchParams(values);
      search.set("limit", String(pageSize));
      if (pageParam) search.set("cursor", pageParam);
      return apiGet<Page<MessageLogEntry>>(`/api/v1/connectors/${encodeURIComponent(connectorId)}/messages?${search}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: (q) => refreshInterval(q.state.data?.pages.flatMap((page) => page.data) ?? []),
    refetchIntervalInBackground: false,
  });

  /** New filters go to the URL; the page renders the first page for them. */
  function applyFilters(next: FilterValues) {
    // A number as it was read out ("+46 70 123 45 67") goes into the link as it is stored.
    const search = filterSearchParams({ ...next, search: next.search?.replace(/[\s().-]/g, "") }).toString();
    startApplying(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    applyFilters(Object.fromEntries(MESSAGE_LOG_FILTER_KEYS.map((key) => [key, String(form.get(key) ?? "")])));
  }

  // A page boundary can move while new messages arrive: show each message once.
  const seen = new Set<string>();
  const messages = (query.data?.pages.flatMap((page) => page.data) ?? []).filter((m) => !seen.has(m.id) && seen.add(m.id));
  const live = refreshInterval(messages) !== false;
  const exportHref = `/api/v1/connectors/${encodeURIComponent(connectorId)}/messages/export${filterQuery ? `?${filterQuery}` : ""}`;

  return (
    <Card className={cx(applying && "opacity-70 transition-opacity")} aria-busy={applying || undefined}>
      <form
        role="search"
        aria-label="Filter messages"
        // Remounted when the URL's filters change, so the fields always show the filters applied.
        key={filterQuery}
        onSubmit={submit}
        className="grid grid-cols-2 items-end gap-3 border-b border-slate-100 px-4 py-4 sm:flex sm:flex-wrap sm:px-6"
      >
        <FilterField id="message-search" label="Number" className="col-span-2">
          <Input id="message-search" name="search" type="search" inputMode="tel" defaultValue={values.search} placeholder="+4915… or digits" className="w-full sm:w-48" />
        </FilterField>
        <FilterField id="message-status-filter" label="Status">
          <Select id="message-status-filter" name="status" defaultValue={values.status} onChange={(event) => event.currentTarget.form?.requestSubmit()} className="w-full sm:w-40">
            <option value="">All statuses</option>
            {MESSAGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField id="message-sender-filter" label="Sender">
          <Select id="message-sender-filter" name="sender" defaultValue={values.sender} onChange={(event) => event.currentTarget.form?.requestSubmit()} className="w-full sm:w-40">
            <option value="">All senders</option>
            {(values.sender && !senders.includes(values.sender) ? [...senders, values.sender] : senders).map((sender) => (
              <option key={sender} value={sender}>
                {sender}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField id="message-test-filter" label="Test or live">
          <Select id="message-test-filter" name="test" defaultValue={values.test} onChange={(event) => event.currentTarget.form?.requestSubmit()} className="w-full sm:w-36">
            <option value="">Test and live</option>
            <option value="false">Live only</option>
            <option value="true">Test only</option>
          </Select>
        </FilterField>
        <FilterField id="message-since" label="From (UTC)">
          <Input id="message-since" name="since" type="date" defaultValue={values.since?.slice(0, 10)} className="w-full sm:w-40" />
        </FilterField>
        <FilterField id="message-until" label="To (UTC)">
          <Input id="message-until" name="until" type="date" defaultValue={values.until?.slice(0, 10)} className="w-full sm:w-40" />
        </FilterField>
        <div className="col-span-2 flex items-center gap-2">
          <Button type="submit" variant="primary" pending={applying}>
            Apply
          </Button>
          {filtered && (
            <Button type="button" variant="ghost" onClick={() => applyFilters({})}>
              Clear
            </Button>
          )}
        </div>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-6 py-2.5">
        <a href={exportHref} download className={buttonClassName({ size: "sm" })}>
          Export CSV
        </a>
        <div className="flex items-center gap-3 text-sm text-slate-500">
          {live && (
            <span className="flex items-center gap-2" title="Refreshing while messages are on their way">
              <span className="relative flex size-2">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-75" />
                <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
              </span>
              Live
            </span>
          )}
          <Button size="sm" variant="ghost" pending={query.isRefetching && !query.isFetchingNextPage} onClick={() => void query.refetch()}>
            Refresh
          </Button>
        </div>
      </div>

      {query.isError && (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-6 py-2.5 text-sm text-red-700">
          Could not load messages: {query.error.message}
        </p>
      )}

      {query.isPending ? (
        <div className="flex items-center justify-center gap-2 px-6 py-14 text-sm text-slate-500">
          <Spinner /> Loading messages…
        </div>
      ) : messages.length === 0 ? (
        filtered ? (
          <EmptyState icon={<InboxIcon />} title={onlyStatus ? `No ${onlyStatus} messages` : "No messages match these filters"} actions={<Button onClick={() => applyFilters({})}>Show all messages</Button>}>
            None of this connector&apos;s messages matches the number, status, sender, test/live and dates chosen.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<InboxIcon />}
            title="No messages yet"
            actions={
              canSendTest && (
                <Link href={connectorHref} className={buttonClassName()}>
                  Send a test SMS
                </Link>
              )
            }
          >
            Messages sent through this connector — from Send Test SMS, the REST API or a campaign — show up here, newest first, with their
            delivery status.
          </EmptyState>
        )
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Messages, newest first</caption>
              <thead className="border-b border-slate-200 bg-slate-50/70 text-xs font-medium text-slate-500">
                <tr>
                  <th scope="col" className="py-2.5 pr-3 pl-6 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">To</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Sender</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Provider message id</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Reason</th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">Segments</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Created</th>
                  <th scope="col" className="w-10 py-2.5 pr-4 pl-1">
                    <span className="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {messages.map((message) => {
                  const href = messageHref(connectorId, message.id);
                  return (
                    <tr
                      key={message.id}
                      data-testid="message-row"
                      className="group cursor-pointer align-middle transition-colors hover:bg-slate-50"
                      onClick={(event) => {
                        // The row is a big click target; links inside it and selecting text keep working.
                        if ((event.target as HTMLElement).closest("a") || window.getSelection()?.toString()) return;
                        router.push(href);
                      }}
                    >
                      <td className="py-3 pr-3 pl-6">
                        <MessageStatusBadge status={message.status} />
                      </td>
                      <td className="px-3 py-3 whitespace-nowrap">
                        <Link href={href} className="font-mono text-[13px] font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                          {message.to}
                        </Link>
                        {message.isTest && (
                          <Badge tone="slate" className="ml-2">
                            Test
                          </Badge>
                        )}
                      </td>
                      <td className="px-3 py-3 text-slate-700">{message.sender ?? <span className="text-slate-400">—</span>}</td>
                      <td className="max-w-56 px-3 py-3">
                        {message.providerMessageId ? (
                          <span className="block truncate font-mono text-xs text-slate-700" title={message.providerMessageId}>
                            {message.providerMessageId}
                          </span>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                      <td className="max-w-80 px-3 py-3">
                        {message.reason ? (
                          <span
                            className={cx("line-clamp-2 text-xs break-words", message.status === "failed" || message.status === "undelivered" ? "text-red-700" : "text-slate-600")}
                            title={message.reason}
                          >
                            {message.reason}
                          </span>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                      <td className="px-3 py-3 text-right text-slate-700 tabular-nums">{message.segments}</td>
                      <td className="px-3 py-3 whitespace-nowrap text-slate-600 tabular-nums">
                        <LocalTime iso={message.createdAt} />
                      </td>
                      <td className="py-3 pr-4 pl-1 text-slate-300 group-hover:text-slate-500">
                        <ChevronRightIcon />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-6 py-3 text-sm text-slate-500">
            <span>
              {messages.length} message{messages.length === 1 ? "" : "s"}
              {filtered ? " matching the filters" : ""}
              {!query.hasNextPage && messages.length > pageSize ? " · all shown" : ""}
            </span>
            {query.hasNextPage && (
              <Button pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}

function FilterField({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cx("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}
