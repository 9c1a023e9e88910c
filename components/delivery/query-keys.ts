/**
 * Delivery tracking and metrics of one connector. After a send (e.g. a test SMS), invalidate
 * `deliveryKeys.connector(id)` so the "waiting for a delivery report" state and the metrics show at once.
 */
export const deliveryKeys = {
  all: ["delivery"] as const,
  connector: (id: string) => [...deliveryKeys.all, id] as const,
  reports: (id: string) => [...deliveryKeys.connector(id), "reports"] as const,
  /** The latest callback's fields, fetched again only when a newer callback (`callbackId`) arrives. */
  fields: (id: string, callbackId: string | null) => [...deliveryKeys.connector(id), "fields", callbackId ?? "none"] as const,
  latestMessage: (id: string) => [...deliveryKeys.connector(id), "latest-message"] as const,
  metrics: (id: string, sender: string) => [...deliveryKeys.connector(id), "metrics", sender] as const,
  /** Every period and sender of the metrics chart: invalidate to redraw it. */
  timelines: (id: string) => [...deliveryKeys.connector(id), "timeline"] as const,
  timeline: (id: string, sender: string, range: string) => [...deliveryKeys.timelines(id), sender, range] as const,
  /** The unmatched inbox (its pages and its count): invalidate after a re-match or a mapping change. */
  unmatched: (id: string) => [...deliveryKeys.connector(id), "unmatched"] as const,
  unmatchedCount: (id: string) => [...deliveryKeys.unmatched(id), "count"] as const,
  unmatchedPages: (id: string) => [...deliveryKeys.unmatched(id), "pages"] as const,
};
