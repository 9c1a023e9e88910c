-- Campaigns: one message template sent to an imported audience. Every recipient is a Message with the
-- campaign's id; the id an API caller gives for its own campaign moves to "campaignLabel".

CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled');

CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectorId" TEXT,
    "connectorName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "senderType" "SenderType" NOT NULL,
    "message" TEXT NOT NULL,
    "dltTemplateId" TEXT,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "statusReason" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "scheduledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "defaultCountry" TEXT,
    "phoneColumn" TEXT,
    "columns" JSONB NOT NULL DEFAULT '[]',
    "audienceRows" INTEGER NOT NULL DEFAULT 0,
    "audienceValid" INTEGER NOT NULL DEFAULT 0,
    "audienceInvalid" INTEGER NOT NULL DEFAULT 0,
    "audienceDuplicates" INTEGER NOT NULL DEFAULT 0,
    "audienceSuppressed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Campaign_workspaceId_createdAt_idx" ON "Campaign"("workspaceId", "createdAt");
CREATE INDEX "Campaign_status_scheduledAt_idx" ON "Campaign"("status", "scheduledAt");

ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "CampaignInvalidRow" (
    "campaignId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "CampaignInvalidRow_pkey" PRIMARY KEY ("campaignId", "line")
);

ALTER TABLE "CampaignInvalidRow" ADD CONSTRAINT "CampaignInvalidRow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Message" RENAME COLUMN "campaignId" TO "campaignLabel";
ALTER TABLE "Message" ADD COLUMN "campaignId" TEXT;
CREATE INDEX "Message_campaignId_status_id_idx" ON "Message"("campaignId", "status", "id");
ALTER TABLE "Message" ADD CONSTRAINT "Message_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
