/** React Query keys of the message screens. */
export const messageKeys = {
  all: ["messages"] as const,
  /** A connector's log; every status filter lives under it. */
  log: (connectorId: string) => [...messageKeys.all, "log", connectorId] as const,
  logFiltered: (connectorId: string, status: string) => [...messageKeys.log(connectorId), status] as const,
  /** One message with its last attempt. */
  detail: (messageId: string) => [...messageKeys.all, "detail", messageId] as const,
};
