// Turning errors into what a client may see: expected errors verbatim, anything else generic and logged.
import { AppError, type ErrorCode, type FieldIssue } from "@/lib/errors";
import { logger } from "@/lib/logger";

export interface PublicError {
  code: ErrorCode | "internal_error";
  message: string;
  details?: FieldIssue[];
}

export function toPublicError(error: unknown, context: Record<string, unknown> = {}): { status: number; error: PublicError } {
  if (error instanceof AppError) {
    return { status: error.status, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  }
  const errorId = Math.random().toString(36).slice(2, 10);
  logger.error({ err: error, errorId, ...context }, "unexpected error");
  return { status: 500, error: { code: "internal_error", message: `Something went wrong on our side (error id ${errorId}). It has been logged.` } };
}
