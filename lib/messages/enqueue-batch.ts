// Batch sends (`POST /api/v1/messages/batch`): up to 1,000 messages in one request, each accepted or refused on
// its own. A bad entry is an error in its slot, never a failed batch; the good ones go in through
// enqueueMessages, one call per connector and sender.
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { AppError, describeIssues, type ErrorCode, type FieldIssue } from "@/lib/errors";
import { nulIssues, parseInput, zodIssues } from "@/lib/validation";
import { enqueueMessages, type AcceptedMessage, type EnqueueOptions, type MessageItem } from "./enqueue-message";
import { sendMessageSchema } from "./schema";

export const MAX_BATCH_MESSAGES = 1000;

export const sendBatchSchema = z.object({
  messages: z
    .array(z.unknown())
    .min(1, "Send at least one message")
    .max(MAX_BATCH_MESSAGES, `At most ${MAX_BATCH_MESSAGES} messages per batch: split larger sends`),
});

export interface BatchEntryError {
  error: { code: ErrorCode; message: string; details?: FieldIssue[] };
}

export type BatchEntry = AcceptedMessage | BatchEntryError;

/** One entry per input message, in order: `{ id, status }` (`reason` when refused at the door) or `{ error }`. */
export async function enqueueBatch(actor: Actor, raw: unknown, options: Pick<EnqueueOptions, "handoff"> = {}): Promise<BatchEntry[]> {
  requirePermission(actor, "configure");
  // Entries are checked one by one below, so a bad entry (a NUL in its text, say) is an error in its own slot.
  const { messages } = parseInput(sendBatchSchema, raw, { perEntry: true });
  const results: BatchEntry[] = new Array(messages.length);
  const groups = new Map<string, { connectorId: string; sender?: string; indexes: number[]; items: MessageItem[] }>();
  messages.forEach((entry, index) => {
    const nul = nulIssues(entry);
    const parsed = sendMessageSchema.safeParse(entry);
    if (nul.length || !parsed.success) {
      const details = nul.length ? nul : zodIssues(parsed.error!);
      results[index] = { error: { code: "validation_failed", message: describeIssues(details), details } };
      return;
    }
    const { connectorId, sender, campaignId, ...rest } = parsed.data;
    const item = { ...rest, campaignLabel: campaignId };
    const key = `${connectorId}\u0000${sender?.toLowerCase() ?? ""}`;
    const group = groups.get(key) ?? { connectorId, sender, indexes: [], items: [] };
    group.indexes.push(index);
    group.items.push(item);
    groups.set(key, group);
  });
  for (const group of groups.values()) {
    try {
      const accepted = await enqueueMessages(actor, group.connectorId, group.items, { sender: group.sender, handoff: options.handoff });
      accepted.forEach((message, i) => {
        results[group.indexes[i]] = message.status === "failed" ? message : { id: message.id, status: message.status };
      });
    } catch (error) {
      // An unknown connector or sender refuses its own entries only.
      if (!(error instanceof AppError)) throw error;
      const refusal: BatchEntryError = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
      for (const index of group.indexes) results[index] = refusal;
    }
  }
  return results;
}
