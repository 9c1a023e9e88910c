/** React Query keys of the connector screens. */
export const connectorKeys = {
  all: ["connectors"] as const,
  detail: (id: string) => [...connectorKeys.all, "detail", id] as const,
  export: (id: string) => [...connectorKeys.all, "export", id] as const,
};
