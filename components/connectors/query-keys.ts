/** React Query keys of the connector screens. */
export const connectorKeys = {
  all: ["connectors"] as const,
  detail: (id: string) => [...connectorKeys.all, "detail", id] as const,
  /** The export as of the connector's last save: a save makes a new key, so the dialog never shows stale JSON. */
  export: (id: string, updatedAt: string) => [...connectorKeys.all, "export", id, updatedAt] as const,
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
