"use client";
// On the delivery-tracking screen: how many reports matched no message, with the way to the inbox.
import Link from "next/link";
import { useUnmatchedCount } from "./queries";
import { unmatchedInboxHref } from "./routes";

export function UnmatchedSummary({ connectorId }: { connectorId: string }) {
  const count = useUnmatchedCount(connectorId).data ?? 0;
  if (count === 0) return null;
  return (
    <p className="mt-3 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset" data-testid="unmatched-summary">
      <span className="font-medium">
        {count.toLocaleString("en-GB")} delivery {count === 1 ? "report" : "reports"} matched no message.
      </span>
      <Link href={unmatchedInboxHref(connectorId)} className="font-medium text-amber-900 underline hover:text-amber-950">
        Open the unmatched inbox
      </Link>
    </p>
  );
}
