// Parse untrusted input with a zod schema; failures become a ValidationError naming each field.
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "@/lib/errors";

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join("."),
    message: issue.code === "invalid_type" && issue.input === undefined ? "Required" : issue.message,
  }));
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(zodIssues(result.error));
  return result.data;
}
