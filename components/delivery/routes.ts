// Where a connector's delivery pages live.
export const unmatchedInboxHref = (connectorId: string) => `/settings/channel/sms/${encodeURIComponent(connectorId)}/unmatched`;
