// What a connector keeps in Connector.config: its request, response and delivery mappings in the REST shape,
// with secret values sealed. Read on every send and every delivery report, so it depends on nothing but schemas.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_MAX_SEGMENTS, deliveryTrackingSchema, maxSegmentsSchema, responseSchema, type ConnectorRequest } from "./schema";

/**
 * The request was validated when it was written (its secret values are sealed, so its length limits no longer
 * apply); the small parts are parsed again so older rows get defaults.
 */
const storedConfigSchema = z.object({
  /** Native connectors: the provider form's values, secret fields sealed. */
  provider: z.object({ settings: z.record(z.string(), z.unknown()) }).optional(),
  request: z.custom<ConnectorRequest>((value) => typeof value === "object" && value !== null && "url" in value),
  response: responseSchema,
  deliveryTracking: deliveryTrackingSchema.default(deliveryTrackingSchema.parse({})),
  /** A longer message fails before it is sent; rows saved before the limit existed get the default. */
  maxSegments: maxSegmentsSchema.default(DEFAULT_MAX_SEGMENTS),
});
export type StoredConfig = z.infer<typeof storedConfigSchema>;

export function readStoredConfig(json: Prisma.JsonValue): StoredConfig {
  const config = storedConfigSchema.parse(json);
  // Requests stored before authentication existed have none.
  return config.request.auth ? config : { ...config, request: { ...config.request, auth: { type: "none" } } };
}

export function storedConfigJson(config: StoredConfig): Prisma.InputJsonObject {
  return config as Prisma.InputJsonObject;
}
