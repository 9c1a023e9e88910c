-- REST API conventions: Idempotency-Key answers kept for 24 hours, and the API rate limits shared by every
-- web process.

-- One row per (workspace, key): the request it was first used with (a hash) and the answer given to it.
-- status and response stay null while the first request is being answered.
CREATE TABLE "IdempotencyKey" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "IdempotencyKey_workspaceId_key_key" ON "IdempotencyKey"("workspaceId", "key");
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");

ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rate limits (GCRA): per caller, the time the next request is due, in epoch milliseconds. UNLOGGED: it is
-- written on every API request, and a crash that empties it only lets every caller start with a full burst.
CREATE UNLOGGED TABLE "ApiRateLimit" (
    "key" TEXT NOT NULL,
    "tat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ApiRateLimit_pkey" PRIMARY KEY ("key")
);
