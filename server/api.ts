// The wrapper every REST handler goes through: authenticate (API key, or the browser session), take a request
// from the caller's rate limit, check the permission, and map errors to HTTP once. Also the small helpers that
// make every /api/v1 answer JSON: 405 with Allow for a method a path does not take, 404 for unknown paths, and
// Idempotency-Key for creates.
import { NextResponse, type NextRequest } from "next/server";
import { authenticateApiKey } from "@/lib/accounts/api-keys";
import { requirePermission, type Actor, type Permission } from "@/lib/accounts/permissions";
import { requestFingerprint, withIdempotency, IDEMPOTENCY_HEADER } from "@/lib/api/idempotency";
import { takeRequest, type RateLimitDecision } from "@/lib/api/rate-limit";
import { AppError, BadRequestError, ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError } from "@/lib/errors";
import { currentActor } from "./auth";
import { toPublicError } from "./errors";
import { readBodyCapped } from "./read-body";

const MAX_JSON_BYTES = 1024 * 1024;

export interface ApiContext<P> {
  request: NextRequest;
  actor: Actor;
  params: P;
}

export interface JsonResult {
  status?: number;
  body: unknown;
}

type Result = Response | JsonResult;
type RouteHandler = (request: NextRequest, segment: { params: Promise<unknown> }) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(permission: Permission, handler: (context: ApiContext<P>) => Promise<Result>) {
  return async (request: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    let limit: RateLimitDecision | null = null;
    let response: Response;
    try {
      const actor = await authenticate(request);
      limit = await takeRequest(rateLimitSubject(actor));
      if (limit && !limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
      requirePermission(actor, permission);
      const params = await segment.params;
      // An id with a NUL in it names nothing that can exist (and PostgreSQL text cannot even hold it).
      if (Object.values(params ?? {}).some((value) => typeof value === "string" && value.includes("\u0000"))) throw new NotFoundError("Resource");
      response = toResponse(await handler({ request, actor, params }));
    } catch (error) {
      response = errorResponse(error, request);
    }
    if (limit) {
      response.headers.set("RateLimit-Limit", String(limit.limit));
      response.headers.set("RateLimit-Remaining", String(limit.remaining));
      response.headers.set("RateLimit-Reset", String(limit.resetSeconds));
    }
    return response;
  };
}

/** Each API key has its own bucket; browser sessions share one per user, whichever workspace they act in. */
function rateLimitSubject(actor: Actor): string {
  return actor.apiKeyId ? `apikey:${actor.apiKeyId}` : `user:${actor.userId}`;
}

function toResponse(result: Result): Response {
  if (result instanceof Response) return result;
  if (result.status === 204) return new Response(null, { status: 204 });
  return NextResponse.json(result.body, { status: result.status ?? 200 });
}

function errorResponse(error: unknown, request: NextRequest): Response {
  const { status, error: body } = toPublicError(error, { route: request.nextUrl.pathname, method: request.method });
  const response = NextResponse.json({ error: body }, { status });
  if (error instanceof RateLimitedError) response.headers.set("Retry-After", String(error.retryAfterSeconds));
  if (error instanceof MethodNotAllowedError) response.headers.set("Allow", error.allow);
  return response;
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
export async function readJson(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const text = (await readBodyCapped(request, options.maxBytes ?? MAX_JSON_BYTES)).toString("utf8");
  if (!text.trim()) throw new BadRequestError("Request body is empty: send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Honours the Idempotency-Key header for a create: the first answer to a key (status and body, errors such as a
 * 422 included) is kept for 24 hours and given again, with `Idempotent-Replayed: true`, to a request with the
 * same key and body; another body with the same key is a 422. `input` is the parsed body the answer depends on.
 *
 *   export const POST = apiRoute("configure", async ({ actor, request }) => {
 *     const body = await readJson(request);
 *     return idempotent({ actor, request }, body, async () => ({ status: 201, body: await createThing(actor, body) }));
 *   });
 */
export async function idempotent(context: { actor: Actor; request: NextRequest }, input: unknown, run: () => Promise<JsonResult>): Promise<Response> {
  return idempotentBy(context, requestFingerprint(context.request.method, context.request.nextUrl.pathname, input), run);
}

/**
 * The same with a fingerprint of the caller's making, for bodies that are not JSON (an uploaded file: its name
 * and size stand in for its bytes, so the key is checked before the file is read). `onReplay` runs when the first
 * answer is given again, e.g. to discard the rest of the upload.
 */
export async function idempotentBy(
  { actor, request }: { actor: Actor; request: NextRequest },
  fingerprint: string,
  run: () => Promise<JsonResult>,
  onReplay?: () => Promise<void>,
): Promise<Response> {
  const answer = await withIdempotency(actor, request.headers.get(IDEMPOTENCY_HEADER), fingerprint, async () => {
    try {
      const result = await run();
      return { status: result.status ?? 200, body: result.body };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { status, error: body } = toPublicError(error);
      return { status, body: { error: body } };
    }
  });
  if (answer.replayed) await onReplay?.();
  const response = toResponse({ status: answer.status, body: answer.body });
  if (answer.replayed) response.headers.set("Idempotent-Replayed", "true");
  return response;
}

// ── Every answer under /api/v1 is JSON ─────────────────────────────────────────────────────────────────────

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    readonly allow: string,
  ) {
    super("method_not_allowed", 405, `${method} is not allowed here; this path takes ${allow}`);
  }
}

/**
 * Handlers for the methods a route does not take: 405 with `Allow` and the JSON error, and an OPTIONS that
 * lists only the real ones. Destructure the ones the route does not export itself:
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
 */
export function otherMethods(...allowed: Method[]): Record<Method | "OPTIONS", RouteHandler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: RouteHandler = async (request) => errorResponse(new MethodNotAllowedError(request.method, allow), request);
  const handlers = Object.fromEntries(METHODS.map((method) => [method, refuse])) as Record<Method | "OPTIONS", RouteHandler>;
  handlers.OPTIONS = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return handlers;
}

/** The answer for a path no route serves: the JSON 404, for every method. */
export const unknownPath: RouteHandler = async (request) =>
  errorResponse(new AppError("not_found", 404, `No endpoint ${request.method} ${request.nextUrl.pathname}; the API is described at /api/v1/openapi.json`), request);
