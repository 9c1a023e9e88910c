-- Attempt history: an attempt superseded by a retry is copied here by the statement that records the retry
-- (lib/messages/lifecycle.ts, markRetrying). The message keeps its last attempt in "lastRequest"/"lastResponse" as
-- before, so a message sent once (nearly all of them) costs no extra row and no extra write.
CREATE TABLE "MessageAttempt" (
    "messageId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "request" JSONB,
    "response" JSONB,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageAttempt_pkey" PRIMARY KEY ("messageId","attempt")
);

ALTER TABLE "MessageAttempt" ADD CONSTRAINT "MessageAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The message log's filters, and the one index they need:
-- * search by number: a whole number is looked up by equality on "to", newest first, which without this index would
--   read every message of the connector (a support lookup for a number last messaged a month ago). Part of a number
--   cannot use a b-tree; it scans the connector's messages newest first within the date range, as the log does.
-- * status: served by the existing indexes, newest first: "Message_status_createdAt_idx" or
--   "Message_connectorId_status_reasonKey_idx" (a rare status such as failed), or the (connectorId, createdAt) scan
--   that stops after a page (a common one). No new index.
-- * sender, test/live: a connector has a few senders and test sends are a small share; both filter the
--   (connectorId, createdAt) scan of the date range. No new index: every index on Message is written again on each
--   status change of every message (a status change is never a HOT update), so each one costs the send path.
-- * date range: "Message_connectorId_createdAt_idx", as before.
CREATE INDEX "Message_connectorId_to_createdAt_idx" ON "Message"("connectorId", "to", "createdAt");
