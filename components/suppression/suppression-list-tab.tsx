// The Suppression list tab: the most recent suppressed numbers (one page of the largest size) are read here; the list then lives in the client.
import { can, type Actor } from "@/lib/accounts/permissions";
import { MAX_PAGE_SIZE } from "@/lib/paging";
import { getSuppressionThreshold, listSuppressions } from "@/lib/suppression/suppressions";
import { SuppressionList } from "@/components/suppression/suppression-list";

export async function SuppressionListTab({ actor }: { actor: Actor }) {
  const [firstPage, threshold] = await Promise.all([listSuppressions(actor, { limit: MAX_PAGE_SIZE }), getSuppressionThreshold(actor)]);
  return <SuppressionList initialNumbers={firstPage.data} threshold={threshold} canRelease={can(actor, "configure")} />;
}
