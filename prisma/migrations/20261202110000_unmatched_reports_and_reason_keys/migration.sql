-- Delivery reports that find no message: each keeps the report itself, so a new mapping can read it again; it
-- names its message by the provider's id or by Switchboard's own id (matchBy "message-id"), or by nothing when the
-- mapping could not read it (problem says why); after a while it moves to the connector's unmatched inbox.
ALTER TABLE "PendingDeliveryReport"
    ALTER COLUMN "providerMessageId" DROP NOT NULL,
    ALTER COLUMN "outcome" DROP NOT NULL,
    ALTER COLUMN "status" DROP NOT NULL,
    ADD COLUMN "messageId" TEXT,
    ADD COLUMN "problem" TEXT,
    ADD COLUMN "report" JSONB,
    ADD COLUMN "unmatchedAt" TIMESTAMP(3),
    ADD COLUMN "rematch" BOOLEAN NOT NULL DEFAULT false;

-- Reports kept before now hold no report to read again: those whose callback is still stored are applied once more
-- from it (below), so that a new mapping can read them; the rest keep their provider id and can still match by it.
DELETE FROM "PendingDeliveryReport" p USING "DeliveryCallback" c WHERE c.id = p."callbackId" AND c."outcome" = 'waiting';
UPDATE "PendingDeliveryReport" SET "problem" = 'No message with provider id ' || "providerMessageId";
ALTER TABLE "PendingDeliveryReport" ALTER COLUMN "problem" SET NOT NULL;

DROP INDEX "PendingDeliveryReport_connectorId_providerMessageId_idx";
CREATE INDEX "PendingDeliveryReport_connectorId_id_idx" ON "PendingDeliveryReport"("connectorId", "id");
CREATE INDEX "PendingDeliveryReport_unmatchedAt_receivedAt_idx" ON "PendingDeliveryReport"("unmatchedAt", "receivedAt");
CREATE INDEX "PendingDeliveryReport_rematch_id_idx" ON "PendingDeliveryReport"("rematch", "id");

-- A failure reason without its per-message noise, so the error breakdown groups reasons instead of listing one row
-- per message: an SMPP receipt ("id:… submit date:… stat:UNDELIV err:034 text:…") keeps its stat and err; dates,
-- ids that mix letters and digits (12+ characters) and runs of 7+ digits become "#"; spaces are collapsed.
-- Provider error codes (Twilio's 30003, SMPP's 0x0000000b) are kept.
CREATE FUNCTION message_reason_key(reason TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $$
  SELECT left(btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
           CASE WHEN r ~* '(^|\s)id:\S*\s.*\mstat:\S'
                THEN coalesce(substring(r FROM '(?i)^([^:\s]+:\s*)id:'), '') || 'stat:' || substring(r FROM '(?i)\mstat:(\S+)')
                     || coalesce(' err:' || substring(r FROM '(?i)\merr:(\S+)'), '')
                ELSE r END,
           '\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?', '#', 'g'),
           '\m(?=[[:alnum:]_-]*[[:digit:]])(?=[[:alnum:]_-]*[[:alpha:]])[[:alnum:]_-]{12,}', '#', 'g'),
           '\m\d{7,}\M', '#', 'g'),
           '\s+', ' ', 'g')), 300)
    FROM (SELECT reason AS r) AS input
$$;

-- Kept by the database for every writer of reason (the lifecycle), and for the rows already there.
ALTER TABLE "Message" ADD COLUMN "reasonKey" TEXT GENERATED ALWAYS AS (message_reason_key("reason")) STORED;
CREATE INDEX "Message_connectorId_status_reasonKey_idx" ON "Message"("connectorId", "status", "reasonKey");

-- Callbacks whose reports found no message (waiting) or could not be read (unmapped) are applied once more, so that
-- their reports are kept one by one as above: a later mapping (matching by Switchboard's id, say) reads them again.
-- Applying twice changes nothing that was applied: duplicates and later states never overwrite a final one.
UPDATE "DeliveryCallback" SET "outcome" = 'received', "detail" = NULL, "processedAt" = NULL, "claimedAt" = NULL
 WHERE "outcome" IN ('waiting', 'unmapped') AND "reportCount" > 0;
