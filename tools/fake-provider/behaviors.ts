// Behaviours: how the fake answers a send. The first that is set decides: this request's `?behavior=`
// or X-Fake-Behavior header, then the one-shot queue, then the default ("ok" at start). Generic sends get:
//   ok           201 {"data":{"messages":[{"id":"…","to":"…","status":"accepted"}]}}
//   text         200 text/plain `success | 919999999999 | 3562707498794989059-328736121207676738`
//   xml          200 application/xml <response><status>OK</status><message><id>…</id><to>…</to></message></response>
//   slow         like ok, after slowMs (default 2000)
//   error-200    200 {"status":"error","message":"Insufficient credit"}
//   maintenance  200 text/html: a maintenance page, as a load balancer in front of any provider's API answers
//   unauthorized 401 {"error":"bad key"}
//   rate-limit   429 {"error":"rate limit exceeded"} with Retry-After: 1
//   unavailable  503 {"error":"service unavailable"}
// A provider's emulation renders the same outcomes in its own shapes (text and xml mean "accept" there).
import type { IncomingHttpHeaders } from "node:http";
import type { ErrorSpec, Failure, Params, ProviderEmulation, Reply, ReplyStyle } from "@/lib/providers/emulation";
import { firstScalar, header, textReply } from "@/lib/providers/emulation-kit";
import { BEHAVIORS, MAX_DELAY_MS, MAX_QUEUED_BEHAVIORS, type Behavior, type SetBehaviorOptions } from "./types";

export function isBehavior(value: string): value is Behavior {
  return (BEHAVIORS as readonly string[]).includes(value);
}

export function clampDelay(value: unknown): number | null {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(number) ? Math.min(Math.max(0, Math.trunc(number)), MAX_DELAY_MS) : null;
}

/** The page a proxy in front of a provider answers with while the API is down: 200, and no trace of a message id. */
export const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Down for maintenance</title></head>\n' +
  "<body><h1>We'll be back soon</h1><p>Our API is undergoing scheduled maintenance. Please try again later.</p></body>\n</html>\n";

export function outcomeOf(behavior: Behavior): { accept: true; style: ReplyStyle } | { accept: false; failure: Failure } | { accept: false; reply: Reply } {
  switch (behavior) {
    case "maintenance":
      return { accept: false, reply: textReply(200, MAINTENANCE_PAGE, "text/html; charset=utf-8") };
    case "ok":
    case "slow":
      return { accept: true, style: "json" };
    case "text":
      return { accept: true, style: "text" };
    case "xml":
      return { accept: true, style: "xml" };
    case "error-200":
      return { accept: false, failure: "rejected" };
    case "unauthorized":
    case "rate-limit":
    case "unavailable":
      return { accept: false, failure: behavior };
  }
}

export function failureReply(emulation: ProviderEmulation, failure: Failure, override: Partial<ErrorSpec> | null = null): Reply {
  const reply = emulation.renderError({ ...emulation.errors[failure], ...override });
  // Retry-After is what lets the app's retry honour the provider instead of guessing.
  if (failure === "rate-limit") reply.headers["retry-after"] = "1";
  return reply;
}

export interface BehaviorState {
  behavior: Behavior;
  slowMs: number;
  queued: Behavior[];
}

/** The default behaviour, the one-shot queue and the delay of `slow` replies. */
export class Behaviors {
  slowMs: number;
  private defaultBehavior: Behavior;
  private queued: Behavior[] = [];

  constructor(private readonly start: { behavior: Behavior; slowMs: number }) {
    this.defaultBehavior = start.behavior;
    this.slowMs = start.slowMs;
  }

  set(behavior: Behavior, options: SetBehaviorOptions = {}): void {
    if (!isBehavior(behavior)) throw new Error(`Unknown behavior "${String(behavior)}"`);
    if (options.slowMs !== undefined) this.slowMs = Math.min(Math.max(0, options.slowMs), MAX_DELAY_MS);
    if (options.times === undefined) {
      this.defaultBehavior = behavior;
      return;
    }
    const room = MAX_QUEUED_BEHAVIORS - this.queued.length;
    for (let i = 0; i < Math.min(options.times, room); i++) this.queued.push(behavior);
  }

  /** The behaviour for this send and any extra delay it asks for (`?delay_ms=` or X-Fake-Delay-Ms). */
  select(query: Params, headers: IncomingHttpHeaders): { behavior: Behavior; delayMs: number | null } | { error: string } {
    const requested = firstScalar(query.behavior) ?? header(headers, "x-fake-behavior");
    const delayMs = clampDelay(firstScalar(query.delay_ms) ?? header(headers, "x-fake-delay-ms"));
    if (requested !== null) {
      return isBehavior(requested) ? { behavior: requested, delayMs } : { error: `unknown behavior "${requested}"; use one of ${BEHAVIORS.join(", ")}` };
    }
    return { behavior: this.queued.shift() ?? this.defaultBehavior, delayMs };
  }

  reset(): void {
    this.queued = [];
    this.defaultBehavior = this.start.behavior;
    this.slowMs = this.start.slowMs;
  }

  state(): BehaviorState {
    return { behavior: this.defaultBehavior, slowMs: this.slowMs, queued: [...this.queued] };
  }
}
