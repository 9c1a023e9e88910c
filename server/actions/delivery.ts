"use server";
// Server actions of the delivery screens beyond the mapping itself (saved by saveDeliveryTrackingAction in
// connectors.ts): re-matching a connector's unmatched reports after its mapping was fixed.
import { revalidatePath } from "next/cache";
import { rematchUnmatchedReports } from "@/lib/delivery/unmatched-reports";
import { runAction } from "@/server/action";

/**
 * Every report of the connector that found no message is read again with its current mapping by the delivery
 * workers; `queued` says how many. API users do the same with POST /api/v1/connectors/{id}/unmatched-reports/rematch.
 */
export async function rematchUnmatchedReportsAction(connectorId: string) {
  return runAction("configure", "rematchUnmatchedReports", async (actor) => {
    const result = await rematchUnmatchedReports(actor, String(connectorId));
    revalidatePath(`/settings/channel/sms/${encodeURIComponent(String(connectorId))}/unmatched`);
    return result;
  });
}
