"use client";
// The delivery-tracking screen's reads, polled while it is open so a callback shows up without a reload.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { CapturedCallback, DeliveryField, DeliveryFields } from "@/lib/delivery/tracking";
import type { UnmatchedReport, UnmatchedReportPage } from "@/lib/delivery/unmatched-reports";
import type { Metrics, MetricsOverTime } from "@/lib/delivery/metrics";
import type { MetricsRange } from "@/lib/delivery/metrics-range";
import type { MessageLogEntry } from "@/lib/messages/read-messages";
import type { Page } from "@/lib/paging";
import { apiGet } from "@/components/api-client";
import { deliveryKeys } from "./query-keys";

export type { CapturedCallback, DeliveryField, DeliveryFields, Metrics, MetricsOverTime, MessageLogEntry, UnmatchedReport, UnmatchedReportPage };

/** Poll faster while a sent message waits for its report: that is when someone is watching for it. */
export const POLL_MS = 5_000;
export const WAITING_POLL_MS = 2_500;
/** The chart also reloads whenever the metric counts change (see ConnectorMetricsPanel), so this is only a fallback. */
const TIMELINE_POLL_MS = 60_000;

const base = (id: string) => `/api/v1/connectors/${encodeURIComponent(id)}`;

export function useCapturedCallbacks(connectorId: string, waiting: boolean) {
  return useQuery({
    queryKey: deliveryKeys.reports(connectorId),
    queryFn: async () => (await apiGet<Page<CapturedCallback>>(`${base(connectorId)}/delivery-reports?limit=25`)).data,
    refetchInterval: waiting ? WAITING_POLL_MS : POLL_MS,
    staleTime: 0,
  });
}

/** Refetched whenever a new callback arrives (its id is part of the key), not on every poll. */
export function useDeliveryFields(connectorId: string, newestCallbackId: string | null | undefined) {
  return useQuery({
    queryKey: deliveryKeys.fields(connectorId, newestCallbackId ?? null),
    queryFn: () => apiGet<DeliveryFields>(`${base(connectorId)}/delivery-fields`),
    enabled: newestCallbackId !== undefined,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}

/** The connector's newest message: whether a report is still awaited for it. */
export function useLatestMessage(connectorId: string, waiting: boolean) {
  return useQuery({
    queryKey: deliveryKeys.latestMessage(connectorId),
    queryFn: async () => (await apiGet<Page<MessageLogEntry>>(`${base(connectorId)}/messages?limit=1`)).data[0] ?? null,
    refetchInterval: waiting ? WAITING_POLL_MS : POLL_MS,
    staleTime: 0,
  });
}

export function useConnectorMetrics(connectorId: string, sender: string) {
  return useQuery({
    queryKey: deliveryKeys.metrics(connectorId, sender),
    queryFn: () => apiGet<Metrics>(`${base(connectorId)}/metrics${sender ? `?sender=${encodeURIComponent(sender)}` : ""}`),
    refetchInterval: POLL_MS,
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
}

/** The metrics chart's series: messages per hour or day over `range`, for one sender or ("") all. */
export function useMetricsOverTime(connectorId: string, sender: string, range: MetricsRange) {
  return useQuery({
    queryKey: deliveryKeys.timeline(connectorId, sender, range),
    queryFn: () => apiGet<MetricsOverTime>(`${base(connectorId)}/metrics/over-time?${new URLSearchParams({ range, ...(sender ? { sender } : {}) })}`),
    refetchInterval: TIMELINE_POLL_MS,
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
}

/** How many reports sit in the connector's unmatched inbox (they move there after minutes, so this polls slowly). */
export function useUnmatchedCount(connectorId: string) {
  return useQuery({
    queryKey: deliveryKeys.unmatchedCount(connectorId),
    queryFn: async () => (await apiGet<UnmatchedReportPage>(`${base(connectorId)}/unmatched-reports?limit=1`)).total,
    refetchInterval: 30_000,
    staleTime: 0,
  });
}

/** The unmatched inbox, newest first, a page at a time; the first page comes from the server. */
export function useUnmatchedReports(connectorId: string, pageSize: number, initialPage: UnmatchedReportPage) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.unmatchedPages(connectorId),
    queryFn: ({ pageParam, signal }) =>
      apiGet<UnmatchedReportPage>(`${base(connectorId)}/unmatched-reports?${new URLSearchParams({ limit: String(pageSize), ...(pageParam ? { cursor: pageParam } : {}) })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: POLL_MS,
  });
}
