-- CreateTable
CREATE TABLE "DeliveryCallback" (
    "id" BIGSERIAL NOT NULL,
    "connectorId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "contentType" TEXT,
    "headers" JSONB NOT NULL,
    "query" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'received',
    "detail" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "appliedCount" INTEGER NOT NULL DEFAULT 0,
    "messageId" TEXT,
    "processedAt" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),

    CONSTRAINT "DeliveryCallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingDeliveryReport" (
    "id" BIGSERIAL NOT NULL,
    "connectorId" TEXT NOT NULL,
    "providerMessageId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "callbackId" BIGINT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingDeliveryReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecipientHealth" (
    "workspaceId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastReason" TEXT,
    "lastFailureAt" TIMESTAMP(3),
    "suppressedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecipientHealth_pkey" PRIMARY KEY ("workspaceId","phone")
);

-- CreateIndex
CREATE INDEX "DeliveryCallback_connectorId_receivedAt_idx" ON "DeliveryCallback"("connectorId", "receivedAt");

-- CreateIndex
CREATE INDEX "DeliveryCallback_processedAt_id_idx" ON "DeliveryCallback"("processedAt", "id");

-- CreateIndex
CREATE INDEX "PendingDeliveryReport_connectorId_providerMessageId_idx" ON "PendingDeliveryReport"("connectorId", "providerMessageId");

-- CreateIndex
CREATE INDEX "PendingDeliveryReport_receivedAt_idx" ON "PendingDeliveryReport"("receivedAt");

-- CreateIndex
CREATE INDEX "RecipientHealth_workspaceId_suppressedAt_idx" ON "RecipientHealth"("workspaceId", "suppressedAt");

-- AddForeignKey
ALTER TABLE "DeliveryCallback" ADD CONSTRAINT "DeliveryCallback_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
