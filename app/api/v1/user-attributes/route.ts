import { recentUserAttributes } from "@/lib/connectors/user-attributes";
import { apiRoute, otherMethods } from "@/server/api";

/** Recipient attribute names seen in the workspace's recent messages, for the placeholder picker. */
export const GET = apiRoute("read", async ({ actor }) => ({ body: await recentUserAttributes(actor) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
