// Whether a connector's newest message still waits for its delivery report, and when to stop waiting: the
// delivery-tracking screen polls faster while one is awaited and says so once it is overdue.

/** Providers can take this long to report; after it, say that nothing came rather than keep waiting. */
export const REPORT_PATIENCE_MS = 15 * 60_000;

export type ReportWait = "waiting" | "overdue";

/**
 * "waiting" while the message is not final (queued, sending, sent) and no callback has arrived since it was
 * created; "overdue" once that has lasted REPORT_PATIENCE_MS; null when nothing is awaited.
 */
export function reportWait(
  message: { status: string; createdAt: string } | null | undefined,
  newestCallbackAt: string | undefined,
  now: number,
): ReportWait | null {
  if (!message || !["queued", "sending", "sent"].includes(message.status)) return null;
  if (newestCallbackAt && Date.parse(newestCallbackAt) >= Date.parse(message.createdAt)) return null;
  return now - Date.parse(message.createdAt) > REPORT_PATIENCE_MS ? "overdue" : "waiting";
}
