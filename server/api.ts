// The wrapper every REST handler goes through: authenticate (API key, or the browser session),
// check the permission, parse nothing twice, and map errors to HTTP once.
import { NextResponse, type NextRequest } from "next/server";
import { authenticateApiKey } from "@/lib/accounts/api-keys";
import { requirePermission, type Actor, type Permission } from "@/lib/accounts/permissions";
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { currentActor } from "./auth";
import { toPublicError } from "./errors";
import { readBodyCapped } from "./read-body";

const MAX_JSON_BYTES = 1024 * 1024;

export interface ApiContext<P> {
  request: NextRequest;
  actor: Actor;
  params: P;
}

type Result = Response | { status?: number; body: unknown };

export function apiRoute<P = Record<string, never>>(permission: Permission, handler: (context: ApiContext<P>) => Promise<Result>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      requirePermission(actor, permission);
      const params = await segment.params;
      // An id with a NUL in it names nothing that can exist (and PostgreSQL text cannot even hold it).
      if (Object.values(params ?? {}).some((value) => typeof value === "string" && value.includes("\u0000"))) throw new NotFoundError("Resource");
      const result = await handler({
        request,
        actor,
        params,
      });
      if (result instanceof Response) return result;
      if (result.status === 204) return new Response(null, { status: 204 });
      return NextResponse.json(result.body, { status: result.status ?? 200 });
    } catch (error) {
      const { status, error: body } = toPublicError(error, { route: request.nextUrl.pathname, method: request.method });
      return NextResponse.json({ error: body }, { status });
    }
  };
}

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** An API key when the request carries an Authorization header; otherwise the browser session, if any. */
async function authenticate(request: NextRequest): Promise<Actor> {
  if (request.headers.has("authorization")) return authenticateApiKey(request.headers.get("authorization"));
  if (!SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    throw new UnauthorizedError("Send an API key as `Authorization: Bearer <key>`");
  }
  // A browser session may only change things from this site's own pages (no cross-site request forgery).
  if (!["GET", "HEAD"].includes(request.method) && !sameOrigin(request)) throw new ForbiddenError("Cross-site request refused");
  return currentActor();
}

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The request body as JSON, capped in size while it is read; a broken body is a 400 that says so. */
export async function readJson(request: Request): Promise<unknown> {
  const text = (await readBodyCapped(request, MAX_JSON_BYTES)).toString("utf8");
  if (!text.trim()) throw new BadRequestError("Request body is empty: send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}
