import { NextResponse, type NextRequest } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { publicBaseUrlFrom } from "@/server/public-url";

export function GET(request: NextRequest) {
  return NextResponse.json(openApiDocument(publicBaseUrlFrom(request.headers, request.nextUrl.origin)));
}
