// The recipient attributes a workspace's messages have carried lately (API sends with `attributes`, campaign
// audiences' columns), for the placeholder picker: the names only, never their values.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";

/** How far back each connector is looked at, and how many names are offered at most. */
const RECENT_MESSAGES_PER_CONNECTOR = 1000;
const MAX_ATTRIBUTES = 200;

export interface UserAttribute {
  key: string;
}

/**
 * The distinct attribute names of the newest messages of each connector of the workspace, by name. Each connector's
 * messages are read newest first through its (connectorId, createdAt) index, so the cost stays bounded however many
 * messages the workspace has sent.
 */
export async function recentUserAttributes(actor: Actor): Promise<{ data: UserAttribute[]; nextCursor: null }> {
  requirePermission(actor, "read");
  const rows = await db().$queryRaw<Array<{ key: string }>>`
    select distinct k.key
      from "Connector" c
      cross join lateral (
        select m.attributes from "Message" m
         where m."connectorId" = c.id
         order by m."createdAt" desc
         limit ${RECENT_MESSAGES_PER_CONNECTOR}
      ) recent
      cross join lateral jsonb_object_keys(case when jsonb_typeof(recent.attributes) = 'object' then recent.attributes else '{}'::jsonb end) as k(key)
     where c."workspaceId" = ${actor.workspaceId}
     order by 1
     limit ${MAX_ATTRIBUTES}`;
  return { data: rows.filter((row) => row.key.trim() !== "").map((row) => ({ key: row.key })), nextCursor: null };
}
