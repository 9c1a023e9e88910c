// A message's lifecycle as it happened: one entry per status change, oldest first.
import type { MessageView } from "@/lib/messages/schema";
import { cx } from "@/components/ui/cx";
import { LocalTime } from "./local-time";
import { DOT_COLORS, STATUS_LABELS } from "./message-status";

export function MessageTimeline({ timeline }: { timeline: MessageView["timeline"] }) {
  if (timeline.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;
  return (
    <ol aria-label="Timeline" className="relative">
      {timeline.map((event, index) => {
        const last = index === timeline.length - 1;
        return (
          <li key={`${event.at}-${index}`} data-testid="timeline-event" className="relative flex gap-3 pb-5 last:pb-0">
            {!last && <span aria-hidden="true" className="absolute top-4 left-[5px] h-full w-px bg-slate-200" />}
            <span aria-hidden="true" className={cx("relative mt-1 size-[11px] shrink-0 rounded-full ring-4 ring-white", DOT_COLORS[event.status])} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <p className="text-sm font-medium text-slate-900">{STATUS_LABELS[event.status]}</p>
                <LocalTime iso={event.at} className="text-xs text-slate-500 tabular-nums" />
              </div>
              {event.detail && <p className="mt-0.5 text-xs break-words text-slate-600">{event.detail}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
