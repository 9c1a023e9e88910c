import { NextResponse, type NextRequest } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { config } from "@/lib/env";

export function GET(request: NextRequest) {
  return NextResponse.json(openApiDocument(config().publicBaseUrl));
}
