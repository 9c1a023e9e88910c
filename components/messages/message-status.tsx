// How a message's status reads everywhere: a badge with a word a user understands and a tooltip that says more.
import type { MessageStatus } from "@/lib/messages/statuses";
import { Badge } from "@/components/ui/field";

export const STATUS_LABELS: Record<MessageStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Undelivered",
  failed: "Failed",
  cancelled: "Cancelled",
};

const STATUS_HINTS: Record<MessageStatus, string> = {
  queued: "Waiting for a worker to send it",
  sending: "Being handed to the provider",
  sent: "Accepted by the provider; waiting for a delivery report",
  delivered: "The provider reported it delivered",
  undelivered: "The provider reported it could not be delivered",
  failed: "Not accepted by the provider, or never sent",
  cancelled: "Its campaign was cancelled before it was sent",
};

const STATUS_TONES = {
  queued: "slate",
  sending: "amber",
  sent: "indigo",
  delivered: "green",
  undelivered: "red",
  failed: "red",
  cancelled: "slate",
} as const satisfies Record<MessageStatus, string>;

export const DOT_COLORS: Record<MessageStatus, string> = {
  queued: "bg-slate-400",
  sending: "bg-amber-500",
  sent: "bg-indigo-500",
  delivered: "bg-emerald-500",
  undelivered: "bg-red-500",
  failed: "bg-red-500",
  cancelled: "bg-slate-300",
};

/** Statuses that will still change on their own; screens showing them keep refreshing. */
export function isInFlight(status: MessageStatus): boolean {
  return status === "queued" || status === "sending";
}

/** Sent this recently, a delivery report is still likely to come. */
export function isRecent(iso: string, now = Date.now()): boolean {
  return now - Date.parse(iso) < 15 * 60_000;
}

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return (
    <span title={STATUS_HINTS[status]} data-testid="message-status" className="inline-flex">
      <Badge tone={STATUS_TONES[status]}>
        <span aria-hidden="true" className={`mr-1.5 size-1.5 rounded-full ${DOT_COLORS[status]}`} />
        {STATUS_LABELS[status]}
      </Badge>
    </span>
  );
}
