// Connector CRUD, import and export. Every function is scoped to the actor's workspace:
// a connector of another workspace is simply not found.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import {
  connectorInputSchema,
  connectorPatchSchema,
  deliveryTrackingSchema,
  hostOf,
  responseSchema,
  type ConnectorInput,
  type ConnectorRequest,
  type ConnectorView,
  type DeliveryTracking,
} from "./schema";
import { maskRequest, maskTracking, sealRequest, sealTracking, stripSecrets, stripTrackingSecrets } from "./secret-rows";

/**
 * What is stored in Connector.config. The request was validated when it was written (its secret values are
 * sealed, so its length limits no longer apply); the small parts are parsed again so older rows get defaults.
 */
const storedConfigSchema = z.object({
  request: z.custom<ConnectorRequest>((value) => typeof value === "object" && value !== null && "url" in value),
  response: responseSchema,
  deliveryTracking: deliveryTrackingSchema.default(deliveryTrackingSchema.parse({})),
});
type StoredConfig = z.infer<typeof storedConfigSchema>;

export function readStoredConfig(json: Prisma.JsonValue): StoredConfig {
  return storedConfigSchema.parse(json);
}

function toJson(config: StoredConfig): Prisma.InputJsonObject {
  return config as Prisma.InputJsonObject;
}

const connectorSelect = {
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

type ConnectorRow = Prisma.ConnectorGetPayload<{ select: typeof connectorSelect }>;

export interface ViewContext {
  /** Base URL providers reach this installation on, for the delivery-report URL. */
  publicBaseUrl: string;
}

export function deliveryReportUrl(publicBaseUrl: string, kind: string, publicId: string): string {
  const base = publicBaseUrl.replace(/\/+$/, "");
  return kind === "custom" ? `${base}/sms/dlr/custom/${publicId}` : `${base}/sms/dlr/${kind}/${publicId}`;
}

function toView(
  row: ConnectorRow,
  context: ViewContext,
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
    deliveryTracking: { ...tracking(config.deliveryTracking), url: deliveryReportUrl(context.publicBaseUrl, row.kind, row.publicId) },
    timeoutMs: row.timeoutMs,
    throughputPerSecond: row.throughputPerSecond,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
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
export async function listConnectorViews(actor: Actor, context: ViewContext): Promise<ConnectorView[]> {
  requirePermission(actor, "read");
  const rows = await db().connector.findMany({ where: { workspaceId: actor.workspaceId }, select: connectorSelect, orderBy: { name: "asc" } });
  return rows.map((row) => toView(row, context));
}

async function findRow(actor: Actor, id: string): Promise<ConnectorRow> {
  const row = await db().connector.findFirst({ where: { id, workspaceId: actor.workspaceId }, select: connectorSelect });
  if (!row) throw new NotFoundError("Connector");
  return row;
}

export async function getConnector(actor: Actor, id: string, context: ViewContext): Promise<ConnectorView> {
  requirePermission(actor, "read");
  return toView(await findRow(actor, id), context);
}

/** The connector as importable JSON: secret values left out, no ids. */
export async function exportConnector(actor: Actor, id: string) {
  requirePermission(actor, "read");
  const view = toView(await findRow(actor, id), { publicBaseUrl: "" }, stripSecrets, stripTrackingSecrets);
  const { deliveryTracking, ...rest } = view;
  const { url: _url, ...tracking } = deliveryTracking;
  return {
    name: rest.name,
    kind: rest.kind,
    senders: rest.senders,
    request: rest.request,
    response: rest.response,
    deliveryTracking: tracking,
    timeoutMs: rest.timeoutMs,
    throughputPerSecond: rest.throughputPerSecond,
  };
}

export async function createConnector(actor: Actor, raw: unknown, context: ViewContext): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const input = parseInput(connectorInputSchema, raw);
  const config: StoredConfig = {
    request: sealRequest(input.request, null),
    response: input.response,
    deliveryTracking: sealTracking(deliveryTrackingSchema.parse(input.deliveryTracking ?? {}), null),
  };
  const row = await withUniqueErrors(input.name, input.request.url, () =>
    db().connector.create({
      data: {
        workspaceId: actor.workspaceId,
        publicId: randomBytes(24).toString("base64url"),
        kind: input.kind,
        name: input.name,
        nameKey: input.name.toLowerCase(),
        host: hostOf(input.request.url),
        config: toJson(config),
        timeoutMs: input.timeoutMs,
        throughputPerSecond: input.throughputPerSecond,
        senders: { create: sendersData(input.senders) },
      },
      select: connectorSelect,
    }),
  );
  return toView(row, context);
}

/** Replace the parts present in `raw` (PATCH semantics); the form sends every part. */
export async function updateConnector(actor: Actor, id: string, raw: unknown, context: ViewContext): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const patch = parseInput(connectorPatchSchema, raw);
  const current = await findRow(actor, id);
  const stored = readStoredConfig(current.config);
  // Re-validate the merged whole, so cross-field rules (one default sender, body only on POST) still hold.
  const merged = parseInput(connectorInputSchema, {
    name: patch.name ?? current.name,
    kind: current.kind,
    senders: patch.senders ?? current.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault })),
    request: patch.request ?? stored.request,
    response: patch.response ?? stored.response,
    deliveryTracking: patch.deliveryTracking ?? stored.deliveryTracking,
    timeoutMs: patch.timeoutMs ?? current.timeoutMs,
    throughputPerSecond: patch.throughputPerSecond ?? current.throughputPerSecond,
  });
  const config: StoredConfig = {
    request: patch.request ? sealRequest(merged.request, stored.request) : stored.request,
    response: merged.response,
    deliveryTracking: patch.deliveryTracking
      ? sealTracking(deliveryTrackingSchema.parse(merged.deliveryTracking ?? {}), stored.deliveryTracking)
      : stored.deliveryTracking,
  };
  const row = await withUniqueErrors(merged.name, merged.request.url, () =>
    db().$transaction(async (tx) => {
      if (patch.senders) {
        await tx.sender.deleteMany({ where: { connectorId: id } });
        await tx.sender.createMany({ data: sendersData(merged.senders).map((s) => ({ ...s, connectorId: id })) });
      }
      return tx.connector.update({
        where: { id },
        data: {
          name: merged.name,
          nameKey: merged.name.toLowerCase(),
          host: hostOf(merged.request.url),
          config: toJson(config),
          timeoutMs: merged.timeoutMs,
          throughputPerSecond: merged.throughputPerSecond,
        },
        select: connectorSelect,
      });
    }),
  );
  return toView(row, context);
}

export async function deleteConnector(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "configure");
  const { count } = await db().connector.deleteMany({ where: { id, workspaceId: actor.workspaceId } });
  if (count === 0) throw new NotFoundError("Connector");
}

function sendersData(senders: ConnectorInput["senders"]) {
  return senders.map((sender, position) => ({ name: sender.name, type: sender.type, isDefault: sender.default, position }));
}

/** Turn the database's unique-index violations into conflicts the user can act on. */
async function withUniqueErrors<T>(name: string, url: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const detail = JSON.stringify(error.meta ?? {}) + error.message;
      if (detail.includes("host")) {
        throw new ConflictError(`Another connector in this workspace already uses ${hostOf(url)}. Every connector needs its own domain.`, "request.url");
      }
      throw new ConflictError(`A connector named "${name}" already exists in this workspace`, "name");
    }
    throw error;
  }
}
