// Where the campaign screens and downloads live.
export const campaignsHref = "/campaigns";
export const newCampaignHref = "/campaigns/new";
export const campaignHref = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

const api = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;
/** Downloads (the browser session authenticates them): every recipient's result, the failed numbers, the invalid rows. */
export const resultsCsvHref = (id: string) => `${api(id)}/recipients?format=csv`;
export const failedNumbersCsvHref = (id: string) => `${api(id)}/recipients?status=failed,undelivered&format=csv`;
export const invalidRowsCsvHref = (id: string) => `${api(id)}/invalid-rows?format=csv`;
