"use client";
// The campaign screens' reads over /api/v1, polled while a campaign can still change.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { CampaignView } from "@/lib/campaigns/schema";
import type { MessagePreview } from "@/lib/campaigns/preview";
import type { AudiencePreview, CampaignAnalytics, InvalidAudienceRow } from "@/lib/campaigns/read-campaigns";
import type { Page } from "@/lib/paging";
import { apiGet } from "@/components/api-client";
import { refreshInterval } from "./campaign-display";
import { campaignKeys } from "./query-keys";

export type { AudiencePreview, CampaignAnalytics, CampaignView, InvalidAudienceRow, MessagePreview };

const base = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

/** Newest first, a page at a time; the first page comes from the server. Refreshes while a campaign shown is active. */
export function useCampaignList(initialPage: Page<CampaignView>, pageSize: number) {
  return useInfiniteQuery({
    queryKey: campaignKeys.lists(),
    queryFn: ({ pageParam, signal }) => apiGet<Page<CampaignView>>(`/api/v1/campaigns?${new URLSearchParams({ limit: String(pageSize), ...(pageParam ? { cursor: pageParam } : {}) })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: (query) => {
      const campaigns = query.state.data?.pages.flatMap((page) => page.data) ?? [];
      const intervals = campaigns.map((campaign) => refreshInterval(campaign)).filter((ms): ms is number => ms !== false);
      return intervals.length ? Math.max(Math.min(...intervals), 2_000) : false;
    },
  });
}

/** One campaign with its progress, live: every 2 s while it may send, slower after. */
export function useCampaign(initial: CampaignView) {
  return useQuery({
    queryKey: campaignKeys.detail(initial.id),
    queryFn: ({ signal }) => apiGet<CampaignView>(base(initial.id), { signal }),
    initialData: initial,
    refetchInterval: (query) => refreshInterval(query.state.data ?? initial),
    staleTime: 0,
  });
}

/** The campaign's analytics, polled as often as the campaign itself. */
export function useCampaignAnalytics(campaign: CampaignView) {
  return useQuery({
    queryKey: campaignKeys.metrics(campaign.id),
    queryFn: ({ signal }) => apiGet<CampaignAnalytics>(`${base(campaign.id)}/metrics`, { signal }),
    refetchInterval: refreshInterval(campaign),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The audience's columns and first recipients. */
export function useAudience(id: string) {
  return useQuery({
    queryKey: campaignKeys.audience(id),
    queryFn: ({ signal }) => apiGet<AudiencePreview>(`${base(id)}/audience`, { signal }),
    staleTime: Infinity,
  });
}

/** The first page of rows that could not be used (the download has them all). */
export function useInvalidRows(id: string, enabled: boolean) {
  return useQuery({
    queryKey: campaignKeys.invalidRows(id),
    queryFn: ({ signal }) => apiGet<Page<InvalidAudienceRow>>(`${base(id)}/invalid-rows?limit=20`, { signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** `message` as the recipient `recipientId` (or the first) gets it, with its size and the audience's total segments. */
export function useMessagePreview(id: string, message: string, recipientId: string | null) {
  return useQuery({
    queryKey: campaignKeys.preview(id, message, recipientId),
    queryFn: ({ signal }) => apiGet<MessagePreview>(`${base(id)}/preview?${new URLSearchParams({ message, ...(recipientId ? { recipient: recipientId } : {}) })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
