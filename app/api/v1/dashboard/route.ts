import { workspaceDashboard } from "@/lib/delivery/dashboard";
import { apiRoute, otherMethods } from "@/server/api";

/** The workspace's delivery dashboard over `?range=` (24h — the default —, 7d or 30d). */
export const GET = apiRoute("read", async ({ actor, request }) => ({ body: await workspaceDashboard(actor, Object.fromEntries(request.nextUrl.searchParams)) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
