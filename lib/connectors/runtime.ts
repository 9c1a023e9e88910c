// A connector ready to send with: secrets decrypted, cached briefly per process so a busy worker
// does not read and decrypt the same connector for every message (but checked against its version).
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ConnectorRequest, ResponseMapping } from "./send-types";
import { unsealRequest } from "./secret-rows";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { outboundGuard } from "@/lib/security/outbound";
import { sharedTokenSource, type TokenSource } from "./oauth-token-store";

export interface SendableConnector {
  id: string;
  workspaceId: string;
  kind: string;
  publicId: string;
  request: ConnectorRequest;
  response: ResponseMapping;
  timeoutMs: number;
  throughputPerSecond: number;
  /** A message longer than this many segments fails before it is sent. */
  maxSegments: number;
  senders: Array<{ name: string; type: "promotional" | "transactional"; isDefault: boolean }>;
  updatedAt: Date;
  /** OAuth 2.0 connectors: the token shared by every worker. */
  tokens?: TokenSource;
}

const CACHE_MS = 2_000;
const cache = new Map<string, { at: number; connector: SendableConnector }>();

/**
 * The connector, from this process's short cache when it is recent — and never older than `version` (the
 * connector's updatedAt as the message's claim read it), so a change applies to the very next send everywhere.
 */
export async function loadSendableConnector(id: string, version?: Date): Promise<SendableConnector> {
  const hit = cache.get(id);
  const fresh = hit && Date.now() - hit.at < CACHE_MS && (!version || hit.connector.updatedAt.getTime() >= version.getTime());
  if (hit && fresh) return hit.connector;
  const row = await db().connector.findUnique({
    where: { id },
    select: {
      id: true,
      workspaceId: true,
      kind: true,
      publicId: true,
      config: true,
      timeoutMs: true,
      throughputPerSecond: true,
      updatedAt: true,
      senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } },
    },
  });
  if (!row) throw new NotFoundError("Connector");
  const config = readStoredConfig(row.config);
  const request = unsealRequest(config.request);
  const tokens = request.auth.type === "oauth2" ? sharedTokenSource(row.id, request.auth, { guard: outboundGuard(), timeoutMs: row.timeoutMs }) : undefined;
  const connector: SendableConnector = { ...row, request, response: config.response, maxSegments: config.maxSegments, tokens };
  if (cache.size > 1000) cache.clear();
  cache.set(id, { at: Date.now(), connector });
  return connector;
}

/** Drops a connector from this process's cache, so a save takes effect here at once (other processes within CACHE_MS). */
export function forgetSendableConnector(id: string): void {
  cache.delete(id);
}

/** The sender a message goes out as: the one named, else the default. */
export function pickSender(connector: Pick<SendableConnector, "senders">, name?: string | null) {
  if (name) return connector.senders.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  return connector.senders.find((s) => s.isDefault) ?? connector.senders[0] ?? null;
}
