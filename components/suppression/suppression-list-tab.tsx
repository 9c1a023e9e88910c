// The Suppression list tab: the first page of suppressed numbers is read here, the list then lives in the client.
import { can, type Actor } from "@/lib/accounts/permissions";
import { getSuppressionThreshold, listSuppressions } from "@/lib/suppression/suppressions";
import { SuppressionList } from "@/components/suppression/suppression-list";

export async function SuppressionListTab({ actor }: { actor: Actor }) {
  const [numbers, threshold] = await Promise.all([listSuppressions(actor), getSuppressionThreshold(actor)]);
  return <SuppressionList initialNumbers={numbers} threshold={threshold} canRelease={can(actor, "configure")} />;
}
