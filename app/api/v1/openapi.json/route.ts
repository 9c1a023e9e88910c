import { openApiDocument } from "@/lib/api/openapi";
import { config } from "@/lib/env";
import { otherMethods } from "@/server/api";

/** The OpenAPI 3.1 document of this API; public, so that tools can read it without a key. */
export function GET() {
  return Response.json(openApiDocument(config().publicBaseUrl));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
