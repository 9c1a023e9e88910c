// Reading connectors back: the list, one connector in the REST shape (secrets masked), and the export.
// Every function is scoped to the actor's workspace: a connector of another workspace is simply not found.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { deliveryReportUrl } from "@/lib/delivery/report-url";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskSettings, nativeNotes } from "@/lib/providers/settings";
import type { ConnectorRequest, ConnectorView, DeliveryTracking } from "./schema";
import { maskRequest, maskTracking, stripSecrets, stripTrackingSecrets } from "./secret-rows";
import { readStoredConfig } from "./stored-config";
import { requestWarnings } from "./warnings";

export const connectorSelect = {
  id: true,
  publicId: true,
  kind: true,
  name: true,
  host: true,
  config: true,
  timeoutMs: true,
  throughputPerSecond: true,
  createdAt: true,
  updatedAt: true,
  senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } },
} satisfies Prisma.ConnectorSelect;

export type ConnectorRow = Prisma.ConnectorGetPayload<{ select: typeof connectorSelect }>;

export function toConnectorView(
  row: ConnectorRow,
  request: (stored: ConnectorRequest) => ConnectorRequest = maskRequest,
  tracking: (stored: DeliveryTracking) => DeliveryTracking = maskTracking,
): ConnectorView {
  const config = readStoredConfig(row.config);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    senders: row.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault })),
    request: request(config.request),
    response: config.response,
    deliveryTracking: { ...tracking(config.deliveryTracking), url: deliveryReportUrl(row.kind, row.publicId) },
    timeoutMs: row.timeoutMs,
    throughputPerSecond: row.throughputPerSecond,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    warnings: requestWarnings(config.request),
    ...(config.provider ? { settings: maskSettings(row.kind, config.provider.settings), provider: nativeNotes(row.kind) ?? undefined } : {}),
  };
}

export interface ConnectorSummary {
  id: string;
  name: string;
  kind: string;
  host: string;
  senderCount: number;
  updatedAt: string;
}

export async function listConnectors(actor: Actor): Promise<ConnectorSummary[]> {
  requirePermission(actor, "read");
  const rows = await db().connector.findMany({
    where: { workspaceId: actor.workspaceId },
    select: { id: true, name: true, kind: true, host: true, updatedAt: true, _count: { select: { senders: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, host: r.host, senderCount: r._count.senders, updatedAt: r.updatedAt.toISOString() }));
}

/** Every connector of the workspace in the REST shape (secrets masked), in one query. */
export async function listConnectorViews(actor: Actor): Promise<ConnectorView[]> {
  requirePermission(actor, "read");
  const rows = await db().connector.findMany({ where: { workspaceId: actor.workspaceId }, select: connectorSelect, orderBy: { name: "asc" } });
  return rows.map((row) => toConnectorView(row));
}

export async function findConnectorRow(actor: Actor, id: string): Promise<ConnectorRow> {
  const row = await db().connector.findFirst({ where: { id, workspaceId: actor.workspaceId }, select: connectorSelect });
  if (!row) throw new NotFoundError("Connector");
  return row;
}

export async function getConnector(actor: Actor, id: string): Promise<ConnectorView> {
  requirePermission(actor, "read");
  return toConnectorView(await findConnectorRow(actor, id));
}

/** The connector as importable JSON: secret values left out, no ids. */
export async function exportConnector(actor: Actor, id: string) {
  requirePermission(actor, "read");
  const view = toConnectorView(await findConnectorRow(actor, id), stripSecrets, stripTrackingSecrets);
  const { url: _url, ...tracking } = view.deliveryTracking;
  return {
    name: view.name,
    kind: view.kind,
    senders: view.senders,
    request: view.request,
    response: view.response,
    deliveryTracking: tracking,
    timeoutMs: view.timeoutMs,
    throughputPerSecond: view.throughputPerSecond,
  };
}
