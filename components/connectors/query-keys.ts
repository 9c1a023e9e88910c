/** React Query keys of the connector screens. */
export const connectorKeys = {
  all: ["connectors"] as const,
  detail: (id: string) => [...connectorKeys.all, "detail", id] as const,
  export: (id: string) => [...connectorKeys.all, "export", id] as const,
};

/**
 * Delivery tracking and metrics of one connector. After a send (e.g. a test SMS), invalidate
 * `deliveryKeys.connector(id)` so the "waiting for a delivery report" state and the metrics show at once.
 */
export const deliveryKeys = {
  all: ["delivery"] as const,
  connector: (id: string) => [...deliveryKeys.all, id] as const,
  reports: (id: string) => [...deliveryKeys.connector(id), "reports"] as const,
  fields: (id: string) => [...deliveryKeys.connector(id), "fields"] as const,
  latestMessage: (id: string) => [...deliveryKeys.connector(id), "latest-message"] as const,
  metrics: (id: string, sender: string) => [...deliveryKeys.connector(id), "metrics", sender] as const,
  /** Every period and sender of the metrics chart: invalidate to redraw it. */
  timelines: (id: string) => [...deliveryKeys.connector(id), "timeline"] as const,
  timeline: (id: string, sender: string, range: string) => [...deliveryKeys.timelines(id), sender, range] as const,
};
