// Expected errors: their message is safe to show a user. Anything else is logged and answered generically.

export type ErrorCode =
  | "validation_failed"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "method_not_allowed"
  | "payload_too_large"
  | "rate_limited";

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `request.url` or `senders.1.name`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(details: FieldIssue[], message = describeIssues(details)) {
    super("validation_failed", 422, message, details);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super("bad_request", 400, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required") {
    super("unauthorized", 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this action") {
    super("forbidden", 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = "Resource") {
    super("not_found", 404, `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super("conflict", 409, message, field ? [{ field, message }] : undefined);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = "Payload too large") {
    super("payload_too_large", 413, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", 429, `Too many requests: try again in ${retryAfterSeconds} s`);
  }
}

export function describeIssues(details: FieldIssue[]): string {
  if (details.length === 0) return "Invalid input";
  const [first] = details;
  const head = first.field ? `${first.field}: ${first.message}` : first.message;
  return details.length === 1 ? head : `${head} (and ${details.length - 1} more)`;
}
