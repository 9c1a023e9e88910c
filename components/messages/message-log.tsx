"use client";
// A connector's message log: newest first, filtered by status, paged with "Load more", and refreshed on
// its own while any message shown can still change.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MESSAGE_STATUSES, type MessageStatus } from "@/lib/messages/statuses";
import type { MessageLogEntry } from "@/lib/messages/read-messages";
import type { Page } from "@/lib/paging";
import { apiGet } from "@/components/api-client";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge } from "@/components/ui/field";
import { ChevronRightIcon, InboxIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { LocalTime } from "./local-time";
import { isInFlight, isRecent, MessageStatusBadge, STATUS_LABELS } from "./message-status";
import { messageKeys } from "./query-keys";
import { messageHref } from "./routes";

type Filter = "all" | MessageStatus;

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
  initialPage,
  pageSize,
}: {
  connectorId: string;
  /** The connector's screen, where a test SMS can be sent. */
  connectorHref: string;
  /** Viewers cannot send a test SMS, so the empty state does not offer it. */
  canSendTest: boolean;
  /** The first page, unfiltered, as the server rendered it. */
  initialPage: Page<MessageLogEntry>;
  pageSize: number;
}) {
  const router = useRouter();
  const [filter, setFilter] = useState<Filter>("all");
  const query = useInfiniteQuery({
    queryKey: messageKeys.logFiltered(connectorId, filter),
    queryFn: ({ pageParam, signal }) => {
      const search = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) search.set("cursor", pageParam);
      if (filter !== "all") search.set("status", filter);
      return apiGet<Page<MessageLogEntry>>(`/api/v1/connectors/${encodeURIComponent(connectorId)}/messages?${search}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: filter === "all" ? { pages: [initialPage], pageParams: [null] } : undefined,
    refetchInterval: (q) => refreshInterval(q.state.data?.pages.flatMap((page) => page.data) ?? []),
    refetchIntervalInBackground: false,
  });

  // A page boundary can move while new messages arrive: show each message once.
  const seen = new Set<string>();
  const messages = (query.data?.pages.flatMap((page) => page.data) ?? []).filter((m) => !seen.has(m.id) && seen.add(m.id));
  const live = refreshInterval(messages) !== false;
  const filterLabel = filter === "all" ? null : STATUS_LABELS[filter].toLowerCase();

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-6 py-3.5">
        <div className="flex items-center gap-2">
          <label htmlFor="message-status-filter" className="text-sm font-medium text-slate-700">
            Status
          </label>
          <Select id="message-status-filter" value={filter} onChange={(event) => setFilter(event.target.value as Filter)} className="w-40">
            <option value="all">All statuses</option>
            {MESSAGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
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
        filterLabel ? (
          <EmptyState
            icon={<InboxIcon />}
            title={`No ${filterLabel} messages`}
            actions={<Button onClick={() => setFilter("all")}>Show all messages</Button>}
          >
            None of this connector&apos;s messages is {filterLabel} right now.
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
              {filterLabel ? ` ${filterLabel}` : ""}
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
