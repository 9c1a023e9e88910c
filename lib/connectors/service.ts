// Connector CRUD, import and export. Every function is scoped to the actor's workspace:
// a connector of another workspace is simply not found.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import {
  connectorInputSchema,
  connectorPatchSchema,
  deliveryTrackingSchema,
  hostOf,
  responseSchema,
  SECRET_MASK,
  sendersSchema,
  type ConnectorInput,
  type ConnectorRequest,
  type ConnectorView,
  type DeliveryTracking,
} from "./schema";
import { isNativeKind, presetFor, type NativeKind } from "@/lib/providers/registry";
import { maskSettings, nativeConnectorInputSchema, nativeNotes, prepareNative } from "@/lib/providers/settings";
import { maskRequest, maskTracking, sealRequest, sealTracking, stripSecrets, stripTrackingSecrets, unsealRequest } from "./secret-rows";

/**
 * What is stored in Connector.config. The request was validated when it was written (its secret values are
 * sealed, so its length limits no longer apply); the small parts are parsed again so older rows get defaults.
 */
const storedConfigSchema = z.object({
  /** Native connectors: the provider form's values, secret fields sealed. */
  provider: z.object({ settings: z.record(z.string(), z.unknown()) }).optional(),
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
  if (isNativeInput(raw)) return createNativeConnector(actor, raw, context);
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
  const current = await findRow(actor, id);
  if (isNativeKind(current.kind)) return updateNativeConnector(actor, current, raw, context);
  const patch = parseInput(connectorPatchSchema, raw);
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

function isNativeInput(raw: unknown): boolean {
  return typeof raw === "object" && raw !== null && "kind" in raw && typeof raw.kind === "string" && raw.kind !== "custom";
}

/** One native connector per provider in a workspace: its "host" is the provider, not a domain. */
function nativeHost(kind: NativeKind): string {
  return `native:${kind}`;
}

async function createNativeConnector(actor: Actor, raw: unknown, context: ViewContext): Promise<ConnectorView> {
  const input = parseInput(nativeConnectorInputSchema, raw);
  const senders = parseInput(sendersSchema, input.senders);
  const prepared = prepareNative(input.kind, input.settings, senders, null);
  const name = input.name ?? presetFor(input.kind).label;
  const config: StoredConfig = {
    provider: { settings: prepared.sealedSettings },
    request: sealRequest(prepared.config.request, null),
    response: prepared.config.response,
    deliveryTracking: sealTracking({ ...prepared.config.deliveryTracking, authentication: input.callbackAuthentication ?? { type: "none" } }, null),
  };
  const row = await withNativeUniqueErrors(name, input.kind, () =>
    db().connector.create({
      data: {
        workspaceId: actor.workspaceId,
        publicId: randomBytes(24).toString("base64url"),
        kind: input.kind,
        name,
        nameKey: name.toLowerCase(),
        host: nativeHost(input.kind),
        config: toJson(config),
        timeoutMs: input.timeoutMs,
        throughputPerSecond: input.throughputPerSecond,
        senders: { create: sendersData(senders) },
      },
      select: connectorSelect,
    }),
  );
  return toView(row, context);
}

async function updateNativeConnector(actor: Actor, current: ConnectorRow, raw: unknown, context: ViewContext): Promise<ConnectorView> {
  const kind = current.kind as NativeKind;
  const stored = readStoredConfig(current.config);
  const patch = parseInput(nativeConnectorInputSchema.partial(), raw);
  const senders = patch.senders ? parseInput(sendersSchema, patch.senders) : null;
  const storedSettings = stored.provider?.settings ?? {};
  const prepared = prepareNative(kind, patch.settings ?? { ...storedSettings, ...Object.fromEntries(presetFor(kind).secretFields.map((f) => [f, SECRET_MASK])) }, senders ?? current.senders.map((s) => ({ name: s.name })), storedSettings);
  const name = patch.name ?? current.name;
  const config: StoredConfig = {
    provider: { settings: prepared.sealedSettings },
    request: sealRequest(prepared.config.request, null),
    response: prepared.config.response,
    deliveryTracking: patch.callbackAuthentication
      ? sealTracking({ ...prepared.config.deliveryTracking, authentication: patch.callbackAuthentication }, stored.deliveryTracking)
      : { ...prepared.config.deliveryTracking, authentication: stored.deliveryTracking.authentication },
  };
  const row = await withNativeUniqueErrors(name, kind, () =>
    db().$transaction(async (tx) => {
      if (senders) {
        await tx.sender.deleteMany({ where: { connectorId: current.id } });
        await tx.sender.createMany({ data: sendersData(senders).map((s) => ({ ...s, connectorId: current.id })) });
      }
      return tx.connector.update({
        where: { id: current.id },
        data: { name, nameKey: name.toLowerCase(), config: toJson(config), timeoutMs: patch.timeoutMs ?? current.timeoutMs, throughputPerSecond: patch.throughputPerSecond ?? current.throughputPerSecond },
        select: connectorSelect,
      });
    }),
  );
  return toView(row, context);
}

/** Copies a native connector into a custom one (secrets included, still encrypted) to change what the preset does not cover. */
export async function copyAsCustomConnector(actor: Actor, id: string, context: ViewContext): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const row = await findRow(actor, id);
  if (!isNativeKind(row.kind)) throw new ValidationError([{ field: "kind", message: "Only native connectors can be copied into a custom connector" }]);
  const stored = readStoredConfig(row.config);
  return createConnector(
    actor,
    {
      name: `${row.name} (custom copy)`,
      kind: "custom",
      senders: row.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault })),
      request: unsealRequest(stored.request),
      response: stored.response,
      deliveryTracking: { ...stored.deliveryTracking, authentication: { type: "none" } },
      timeoutMs: row.timeoutMs,
      throughputPerSecond: row.throughputPerSecond,
    },
    context,
  );
}

async function withNativeUniqueErrors<T>(name: string, kind: NativeKind, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const detail = JSON.stringify(error.meta ?? {}) + error.message;
      if (detail.includes("host")) throw new ConflictError(`This workspace already has a ${presetFor(kind).label} connector`, "kind");
      throw new ConflictError(`A connector named "${name}" already exists in this workspace`, "name");
    }
    throw error;
  }
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
