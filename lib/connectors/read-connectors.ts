// Reading connectors back: the list, one connector in the REST shape (secrets masked), and the export.
// Every function is scoped to the actor's workspace: a connector of another workspace is simply not found.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { withTrackingDefaults } from "@/lib/delivery/mapping";
import { deliveryReportUrl } from "@/lib/delivery/report-url";
import { trackingWarnings } from "@/lib/delivery/warnings";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, toPage, type Page, type PageRequest } from "@/lib/paging";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isNativeKind } from "@/lib/providers/registry";
import { maskSettings, nativeNotes, stripSettingsSecrets } from "@/lib/providers/settings";
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
    deliveryTracking: { ...withTrackingDefaults(tracking(config.deliveryTracking)), url: deliveryReportUrl(row.kind, row.publicId), warnings: trackingWarnings(config) },
    timeoutMs: row.timeoutMs,
    throughputPerSecond: row.throughputPerSecond,
    maxSegments: config.maxSegments,
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

/** The workspace's connectors in the REST shape (secrets masked), by name (any case), a page at a time. */
export async function listConnectorViews(actor: Actor, page: PageRequest): Promise<Page<ConnectorView>> {
  requirePermission(actor, "read");
  const after = decodeCursor(page.cursor, z.tuple([z.string(), z.string()]));
  const rows = await db().connector.findMany({
    where: { workspaceId: actor.workspaceId, ...(after ? { OR: [{ nameKey: { gt: after[0] } }, { nameKey: after[0], id: { gt: after[1] } }] } : {}) },
    select: { ...connectorSelect, nameKey: true },
    orderBy: [{ nameKey: "asc" }, { id: "asc" }],
    take: page.limit + 1,
  });
  const listed = toPage(rows, page.limit, (row) => [row.nameKey, row.id]);
  return { data: listed.data.map((row) => toConnectorView(row)), nextCursor: listed.nextCursor };
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

/**
 * The connector as importable JSON: no ids, secret values left out. A custom connector's secret rows come
 * back empty (imported as "not set"); a native connector's secret settings come back as "", and importing it
 * asks for each of them by name (a 422) — its request cannot be built without them.
 */
export async function exportConnector(actor: Actor, id: string): Promise<ConnectorExport> {
  requirePermission(actor, "read");
  const row = await findConnectorRow(actor, id);
  const stored = readStoredConfig(row.config);
  const senders = row.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault }));
  if (isNativeKind(row.kind) && stored.provider) {
    const authentication = stripTrackingSecrets(stored.deliveryTracking).authentication;
    return {
      kind: row.kind,
      name: row.name,
      senders,
      settings: stripSettingsSecrets(row.kind, stored.provider.settings),
      ...(authentication.type !== "none" ? { callbackAuthentication: authentication } : {}),
      timeoutMs: row.timeoutMs,
      throughputPerSecond: row.throughputPerSecond,
    };
  }
  const view = toConnectorView(row, stripSecrets, stripTrackingSecrets);
  const { url: _url, warnings: _warnings, ...tracking } = view.deliveryTracking;
  return {
    name: view.name,
    kind: "custom",
    senders: view.senders,
    request: view.request,
    response: view.response,
    deliveryTracking: tracking,
    timeoutMs: view.timeoutMs,
    throughputPerSecond: view.throughputPerSecond,
    maxSegments: view.maxSegments,
  };
}

export type ConnectorExport =
  | {
      kind: "custom";
      name: string;
      senders: ConnectorView["senders"];
      request: ConnectorRequest;
      response: ConnectorView["response"];
      deliveryTracking: DeliveryTracking;
      timeoutMs: number;
      throughputPerSecond: number;
      maxSegments: number;
    }
  | {
      kind: string;
      name: string;
      senders: ConnectorView["senders"];
      settings: Record<string, unknown>;
      callbackAuthentication?: DeliveryTracking["authentication"];
      timeoutMs: number;
      throughputPerSecond: number;
    };
