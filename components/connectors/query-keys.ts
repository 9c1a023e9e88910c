/** React Query keys of the connector screens. */
export const connectorKeys = {
  all: ["connectors"] as const,
  detail: (id: string) => [...connectorKeys.all, "detail", id] as const,
  /** The export as of the connector's last save: a save makes a new key, so the dialog never shows stale JSON. */
  export: (id: string, updatedAt: string) => [...connectorKeys.all, "export", id, updatedAt] as const,
};
