-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed');

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "senderName" TEXT,
    "senderType" "SenderType",
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "attributes" JSONB,
    "campaignId" TEXT,
    "dltTemplateId" TEXT,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "status" "MessageStatus" NOT NULL DEFAULT 'queued',
    "reason" TEXT,
    "providerMessageId" TEXT,
    "segments" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestStartedAt" TIMESTAMP(3),
    "lastRequest" JSONB,
    "lastResponse" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "finalAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageEvent" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorThrottle" (
    "connectorId" TEXT NOT NULL,
    "nextAt" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "ConnectorThrottle_pkey" PRIMARY KEY ("connectorId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Message_connectorId_providerMessageId_key" ON "Message"("connectorId", "providerMessageId");

-- CreateIndex
CREATE INDEX "Message_connectorId_createdAt_idx" ON "Message"("connectorId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_status_createdAt_idx" ON "Message"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MessageEvent_messageId_idx" ON "MessageEvent"("messageId");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageEvent" ADD CONSTRAINT "MessageEvent_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
