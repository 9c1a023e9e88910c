// What every part of the OpenAPI document uses: zod schemas as JSON Schema (inputs without defaults, so generated
// client types keep optional fields optional), and the shapes of answers, errors, pages and rate-limit headers.
import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema (2020-12, which OpenAPI 3.1 uses). */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/**
 * What a client sends. Defaults move into the description: openapi-typescript (at its default settings) makes
 * every property with a `default` required, and these are exactly the ones a client may leave out.
 */
export function inputSchema(schema: z.ZodType): JsonSchema {
  return withoutDefaults(jsonSchema(schema, "input")) as JsonSchema;
}

export function withoutDefaults(schema: unknown): unknown {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const { default: fallback, ...rest } = schema as JsonSchema;
  const out: JsonSchema = { ...rest };
  // Only schema positions: a property may well be called "default" (senders have one).
  for (const key of ["properties", "$defs", "patternProperties"]) {
    if (out[key]) out[key] = Object.fromEntries(Object.entries(out[key] as JsonSchema).map(([name, sub]) => [name, withoutDefaults(sub)]));
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(withoutDefaults);
  for (const key of ["items", "additionalProperties", "not", "propertyNames"]) if (out[key] !== undefined) out[key] = withoutDefaults(out[key]);
  if (fallback !== undefined) out.description = [out.description, `Default: ${JSON.stringify(fallback)}.`].filter(Boolean).join(" ");
  return out;
}
export const dateTime = () => z.string().meta({ format: "date-time" });
export const page = (item: JsonSchema): JsonSchema => ({
  type: "object",
  properties: {
    data: { type: "array", items: item },
    nextCursor: { type: ["string", "null"], description: "Pass back as `cursor` for the next page; null on the last page." },
  },
  required: ["data", "nextCursor"],
  additionalProperties: false,
});
export const errorExample = (code: string, message: string, details?: Array<{ field: string; message: string }>) => ({ error: { code, message, ...(details ? { details } : {}) } });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const rateLimitHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};
export const ok = (description: string, schema: unknown, example: unknown) => ({ description, headers: rateLimitHeaders, content: { "application/json": { schema, example } } });
export const noContent = (description: string) => ({ description, headers: rateLimitHeaders });
const errorDescriptions: Record<number, string> = {
  400: "Malformed request (e.g. body is not JSON)",
  401: "Missing, invalid or revoked API key",
  403: "The key's role does not allow this",
  404: "Not found in this workspace",
  409: "Conflicts with another connector (name or host)",
  413: "Body too large (over 1 MB)",
  422: "Validation failed; details name each field",
  429: "Rate limit exceeded: retry after Retry-After seconds",
};
const errorExamples: Record<number, unknown> = {
  400: errorExample("bad_request", "Request body is not valid JSON: Unexpected token n in JSON at position 1"),
  401: errorExample("unauthorized", "Invalid or revoked API key"),
  403: errorExample("forbidden", "Your role (viewer) cannot change connectors"),
  404: errorExample("not_found", "Connector not found"),
  409: errorExample("conflict", 'A connector named "Acme SMS" already exists in this workspace', [{ field: "name", message: 'A connector named "Acme SMS" already exists in this workspace' }]),
  413: errorExample("payload_too_large", "Request body is larger than 1048576 bytes"),
  422: errorExample("validation_failed", "limit: limit must be a whole number from 1 to 200", [{ field: "limit", message: "limit must be a whole number from 1 to 200" }]),
  429: errorExample("rate_limited", "Too many requests: try again in 1 s"),
};
export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    [...new Set([...statuses, 401, 429])].sort((a, b) => a - b).map((status) => [
      String(status),
      {
        description: errorDescriptions[status],
        headers: status === 429 ? { ...rateLimitHeaders, "Retry-After": { $ref: "#/components/headers/Retry-After" } } : status === 401 ? undefined : rateLimitHeaders,
        content: { "application/json": { schema: ref("Error"), example: errorExamples[status] } },
      },
    ]),
  );
export const json = (schema: unknown, example: unknown) => ({ required: true, content: { "application/json": { schema, example } } });
export const pageParams = [{ $ref: "#/components/parameters/limit" }, { $ref: "#/components/parameters/cursor" }];
export const idempotencyParam = { $ref: "#/components/parameters/Idempotency-Key" };
