// Writing connectors: create, update, copy and delete. Custom and native connectors go through one
// pipeline — the input becomes a prepared connector (name, host, sealed config, limits, senders), which is
// written by one function whose unique-index violations become one kind of conflict the user can act on.
import { randomBytes } from "node:crypto";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isNativeKind, presetFor, type NativeKind } from "@/lib/providers/registry";
import { nativeConnectorInputSchema, prepareNative } from "@/lib/providers/settings";
import { parseInput } from "@/lib/validation";
import { connectorSelect, findConnectorRow, toConnectorView, type ConnectorRow } from "./read-connectors";
import { forgetSendableConnector } from "./runtime";
import { connectorInputSchema, connectorPatchSchema, DEFAULT_MAX_SEGMENTS, deliveryTrackingSchema, hostOf, SECRET_MASK, sendersSchema, type ConnectorInput, type ConnectorView } from "./schema";
import { sealRequest, sealTracking, unsealRequest } from "./secret-rows";
import { readStoredConfig, storedConfigJson, type StoredConfig } from "./stored-config";

/** A connector ready to be written: validated, secrets sealed. */
interface PreparedConnector {
  kind: string;
  name: string;
  /** The API host for custom connectors; `native:<provider>` for native ones (one per provider per workspace). */
  host: string;
  config: StoredConfig;
  timeoutMs: number;
  throughputPerSecond: number;
  /** Null on an update that leaves the senders as they are. */
  senders: ConnectorInput["senders"] | null;
}

export async function createConnector(actor: Actor, raw: unknown): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const prepared = isNativeInput(raw) ? prepareNativeConnector(raw, null) : prepareCustomConnector(raw, null);
  return toConnectorView(await writeConnector(actor, prepared, null));
}

/** Replace the parts present in `raw` (PATCH semantics); the form sends every part. */
export async function updateConnector(actor: Actor, id: string, raw: unknown): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const current = await findConnectorRow(actor, id);
  const prepared = isNativeKind(current.kind) ? prepareNativeConnector(raw, current) : prepareCustomConnector(raw, current);
  return toConnectorView(await writeConnector(actor, prepared, current));
}

export async function deleteConnector(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "configure");
  const { count } = await db().connector.deleteMany({ where: { id, workspaceId: actor.workspaceId } });
  if (count === 0) throw new NotFoundError("Connector");
}

/** Copies a native connector into a custom one (secrets included, still encrypted) to change what the preset does not cover. */
export async function copyAsCustomConnector(actor: Actor, id: string): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const row = await findConnectorRow(actor, id);
  if (!isNativeKind(row.kind)) throw new ValidationError([{ field: "kind", message: "Only native connectors can be copied into a custom connector" }]);
  const stored = readStoredConfig(row.config);
  return createConnector(actor, {
    name: `${row.name} (custom copy)`,
    kind: "custom",
    senders: sendersOf(row),
    request: unsealRequest(stored.request),
    response: stored.response,
    deliveryTracking: { ...stored.deliveryTracking, authentication: { type: "none" } },
    timeoutMs: row.timeoutMs,
    throughputPerSecond: row.throughputPerSecond,
    maxSegments: stored.maxSegments,
  });
}

/**
 * A copy of a custom connector in the same workspace, named "<name> (copy)", with the secrets kept (copied sealed,
 * never decrypted) and the delivery mapping kept. Its API URL keeps everything but the host, which the user fills
 * in: every connector needs its own host, and a copy that sent to the same provider would break that rule.
 * It gets its own delivery-report URL. Native connectors are one per provider: those are copied with copy-as-custom.
 */
export async function duplicateConnector(actor: Actor, id: string): Promise<ConnectorView> {
  requirePermission(actor, "configure");
  const row = await findConnectorRow(actor, id);
  if (isNativeKind(row.kind)) {
    throw new ValidationError([{ field: "kind", message: `A workspace has one ${presetFor(row.kind).label} connector: use "Copy to custom connector" to make a custom copy` }]);
  }
  const stored = readStoredConfig(row.config);
  const taken = await db().connector.findMany({ where: { workspaceId: actor.workspaceId }, select: { nameKey: true } });
  return toConnectorView(
    await writeConnector(
      actor,
      {
        kind: row.kind,
        name: copyName(row.name, new Set(taken.map((t) => t.nameKey))),
        // Unique and never a real host, so the one-host rule holds until the user names one.
        host: `unset:${randomBytes(12).toString("base64url")}`,
        config: { ...stored, request: { ...stored.request, url: withoutHost(stored.request.url) } },
        timeoutMs: row.timeoutMs,
        throughputPerSecond: row.throughputPerSecond,
        senders: sendersOf(row),
      },
      null,
    ),
  );
}

/** "Acme (copy)", or "Acme (copy 2)" … whichever is free; names stay within the 100 characters allowed. */
function copyName(name: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (copy)" : ` (copy ${n})`;
    const candidate = `${name.slice(0, 100 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** `https://api.acme.example:8443/v2/send?x=1` → `https:///v2/send?x=1`: the host (and port) left to fill in. */
function withoutHost(url: string): string {
  return url.replace(/^(https?:\/\/)(?:[^@/?#]*@)?[^/?#]*/i, "$1");
}

function isNativeInput(raw: unknown): boolean {
  return typeof raw === "object" && raw !== null && "kind" in raw && typeof raw.kind === "string" && raw.kind !== "custom";
}

function sendersOf(row: ConnectorRow) {
  return row.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault }));
}

function prepareCustomConnector(raw: unknown, current: ConnectorRow | null): PreparedConnector {
  if (!current) {
    const input = parseInput(connectorInputSchema, raw);
    return {
      kind: input.kind,
      name: input.name,
      host: hostOf(input.request.url),
      config: {
        request: sealRequest(input.request, null),
        response: input.response,
        deliveryTracking: sealTracking(deliveryTrackingSchema.parse(input.deliveryTracking ?? {}), null),
        maxSegments: input.maxSegments,
      },
      timeoutMs: input.timeoutMs,
      throughputPerSecond: input.throughputPerSecond,
      senders: input.senders,
    };
  }
  const patch = parseInput(connectorPatchSchema, raw);
  const stored = readStoredConfig(current.config);
  // Re-validate the merged whole, so cross-field rules (one default sender, body only on POST) still hold.
  const merged = parseInput(connectorInputSchema, {
    name: patch.name ?? current.name,
    kind: current.kind,
    senders: patch.senders ?? sendersOf(current),
    request: patch.request ?? stored.request,
    response: patch.response ?? stored.response,
    deliveryTracking: patch.deliveryTracking ?? stored.deliveryTracking,
    timeoutMs: patch.timeoutMs ?? current.timeoutMs,
    throughputPerSecond: patch.throughputPerSecond ?? current.throughputPerSecond,
    maxSegments: patch.maxSegments ?? stored.maxSegments,
  });
  return {
    kind: current.kind,
    name: merged.name,
    host: hostOf(merged.request.url),
    config: {
      request: patch.request ? sealRequest(merged.request, stored.request) : stored.request,
      response: merged.response,
      deliveryTracking: patch.deliveryTracking ? sealTracking(deliveryTrackingSchema.parse(merged.deliveryTracking ?? {}), stored.deliveryTracking) : stored.deliveryTracking,
      maxSegments: merged.maxSegments,
    },
    timeoutMs: merged.timeoutMs,
    throughputPerSecond: merged.throughputPerSecond,
    senders: patch.senders ? merged.senders : null,
  };
}

function prepareNativeConnector(raw: unknown, current: ConnectorRow | null): PreparedConnector {
  const stored = current ? readStoredConfig(current.config) : null;
  const input = current ? parseInput(nativeConnectorInputSchema.partial(), raw) : parseInput(nativeConnectorInputSchema, raw);
  const kind = (current?.kind ?? input.kind) as NativeKind;
  const senders = input.senders ? parseInput(sendersSchema, input.senders) : null;
  const storedSettings = stored?.provider?.settings ?? null;
  // An update without settings keeps the stored ones: every secret sent back as the mask keeps its value.
  const settings = input.settings ?? { ...storedSettings, ...Object.fromEntries(presetFor(kind).secretFields.map((field) => [field, SECRET_MASK])) };
  const prepared = prepareNative(kind, settings, senders ?? (current ? sendersOf(current) : []), storedSettings);
  const name = input.name ?? current?.name ?? presetFor(kind).label;
  const authentication = input.callbackAuthentication;
  return {
    kind,
    name,
    host: `native:${kind}`,
    config: {
      provider: { settings: prepared.sealedSettings },
      request: sealRequest(prepared.config.request, null),
      response: prepared.config.response,
      deliveryTracking:
        authentication || !stored
          ? sealTracking({ ...prepared.config.deliveryTracking, authentication: authentication ?? { type: "none" } }, stored?.deliveryTracking ?? null)
          : { ...prepared.config.deliveryTracking, authentication: stored.deliveryTracking.authentication },
      maxSegments: input.maxSegments ?? stored?.maxSegments ?? DEFAULT_MAX_SEGMENTS,
    },
    timeoutMs: input.timeoutMs ?? current?.timeoutMs ?? 5000,
    throughputPerSecond: input.throughputPerSecond ?? current?.throughputPerSecond ?? 50,
    senders,
  };
}

async function writeConnector(actor: Actor, prepared: PreparedConnector, current: ConnectorRow | null): Promise<ConnectorRow> {
  const data = {
    name: prepared.name,
    nameKey: prepared.name.toLowerCase(),
    host: prepared.host,
    config: storedConfigJson(prepared.config),
    timeoutMs: prepared.timeoutMs,
    throughputPerSecond: prepared.throughputPerSecond,
  };
  const senders = prepared.senders?.map((sender, position) => ({ name: sender.name, type: sender.type, isDefault: sender.default, position }));
  try {
    if (!current) {
      return await db().connector.create({
        data: { ...data, workspaceId: actor.workspaceId, publicId: randomBytes(24).toString("base64url"), kind: prepared.kind, senders: { create: senders ?? [] } },
        select: connectorSelect,
      });
    }
    const row = await db().$transaction(async (tx) => {
      if (senders) {
        await tx.sender.deleteMany({ where: { connectorId: current.id } });
        await tx.sender.createMany({ data: senders.map((sender) => ({ ...sender, connectorId: current.id })) });
      }
      return tx.connector.update({ where: { id: current.id }, data, select: connectorSelect });
    });
    // The request takes effect at once in this process (other processes check the version with each message).
    forgetSendableConnector(row.id);
    return row;
  } catch (error) {
    throw uniqueConflict(error, prepared) ?? error;
  }
}

/** The database's unique indexes (name and host per workspace) as a conflict naming the field to change. */
function uniqueConflict(error: unknown, prepared: PreparedConnector): ConflictError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const detail = JSON.stringify(error.meta ?? {}) + error.message;
  if (detail.includes("host")) {
    return isNativeKind(prepared.kind)
      ? new ConflictError(`This workspace already has a ${presetFor(prepared.kind).label} connector`, "kind")
      : new ConflictError(`Another connector in this workspace already uses ${prepared.host}. Every connector needs its own domain.`, "request.url");
  }
  return new ConflictError(`A connector named "${prepared.name}" already exists in this workspace`, "name");
}
