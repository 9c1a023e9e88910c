-- OAuth 2.0 access tokens of connectors, shared by every worker (lib/connectors/oauth-token-store.ts).
CREATE TABLE "OAuthToken" (
    "connectorId" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "refreshAt" TIMESTAMP(3) NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthToken_pkey" PRIMARY KEY ("connectorId","configHash")
);

ALTER TABLE "OAuthToken" ADD CONSTRAINT "OAuthToken_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
