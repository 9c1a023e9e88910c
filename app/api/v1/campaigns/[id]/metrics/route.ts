import { campaignAnalytics } from "@/lib/campaigns/read-campaigns";
import { apiRoute, otherMethods } from "@/server/api";

/** The campaign's metrics (attempted, sent, failed to send, delivered, failed to deliver, pending, rate, reasons) and its series over time. */
export const GET = apiRoute<{ id: string }>("read", async ({ actor, params }) => ({ body: await campaignAnalytics(actor, params.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
