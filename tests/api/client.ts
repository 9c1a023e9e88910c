// Calls the real App Router handlers in-process, the way Next.js does, with a Bearer key. Every answer is
// checked against the OpenAPI document (./openapi-validator.ts) before the test sees it.
import { NextRequest } from "next/server";
import { assertDocumented } from "./openapi-validator";

type Handler<P> = (request: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<P extends Record<string, string>>(
  handler: Handler<P>,
  options: { key?: string; method?: string; body?: unknown; rawBody?: string; params?: P; path?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers = new Headers({ host: "switchboard.test", ...options.headers });
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new NextRequest(`http://switchboard.test${options.path ?? "/api/v1/test"}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? ({} as P)) });
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  const parsed = text && contentType?.includes("json") ? JSON.parse(text) : text || null;
  assertDocumented(handler, response.status, contentType, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}
