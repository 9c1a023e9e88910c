// Parse untrusted input with a zod schema; failures become a ValidationError naming each field.
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "@/lib/errors";

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join("."),
    message: issue.code === "invalid_type" && issue.input === undefined ? "Required" : issue.message,
  }));
}

/** `perEntry`: the caller checks the entries of a list for NUL itself (a batch reports errors per entry). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: { perEntry?: boolean } = {}): z.output<S> {
  const nul = options.perEntry ? [] : nulIssues(input);
  if (nul.length) throw new ValidationError(nul);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(zodIssues(result.error));
  return result.data;
}

/**
 * Text with a NUL character cannot be stored (PostgreSQL text refuses it) and is never meaningful in an SMS,
 * a name or an id: every field holding one is refused by name, before anything else looks at the input.
 */
export function nulIssues(input: unknown, path: string[] = [], issues: FieldIssue[] = []): FieldIssue[] {
  if (issues.length >= 20) return issues;
  if (typeof input === "string") {
    if (input.includes("\u0000")) issues.push({ field: path.join("."), message: "Must not contain a NUL character (\\u0000)" });
  } else if (Array.isArray(input)) {
    input.forEach((item, index) => nulIssues(item, [...path, String(index)], issues));
  } else if (input !== null && typeof input === "object") {
    for (const [key, value] of Object.entries(input)) {
      if (key.includes("\u0000")) issues.push({ field: [...path, key.replaceAll("\u0000", "\\u0000")].join("."), message: "Names must not contain a NUL character (\\u0000)" });
      else nulIssues(value, [...path, key], issues);
    }
  }
  return issues;
}
