// Where a connector's message log and a message's detail live.
export const messageLogHref = (connectorId: string) => `/settings/channel/sms/${encodeURIComponent(connectorId)}/messages`;
export const messageHref = (connectorId: string, messageId: string) => `${messageLogHref(connectorId)}/${encodeURIComponent(messageId)}`;
/** The connector's own screen (the same URL connector-list.tsx builds, usable from server components). */
export const connectorScreenHref = (connectorId: string) => `/settings/channel/sms?connector=${encodeURIComponent(connectorId)}`;
