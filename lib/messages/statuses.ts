// A message's statuses and the one table of allowed transitions. Plain data, so the browser can use it too;
// lifecycle.ts builds every status guard of its statements from this table.
export const MESSAGE_STATUSES = ["queued", "sending", "sent", "delivered", "undelivered", "failed", "cancelled"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** From → the statuses it may move to. A status with no way out is final. */
export const TRANSITIONS = {
  queued: ["sending", "failed", "cancelled", "sent", "delivered", "undelivered"],
  sending: ["sent", "failed", "queued", "delivered", "undelivered"],
  sent: ["delivered", "undelivered"],
  delivered: [],
  undelivered: [],
  failed: [],
  cancelled: [],
} as const satisfies Record<MessageStatus, readonly MessageStatus[]>;

export const FINAL_STATUSES = MESSAGE_STATUSES.filter((status) => TRANSITIONS[status].length === 0);

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return (TRANSITIONS[from] as readonly MessageStatus[]).includes(to);
}

/** The statuses a message may be in for a move to `to`: the guard of every lifecycle statement. */
export function sourcesOf(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => canTransition(from, to));
}
