// How every form shows a failed server action: each field error under its field (the first one focused),
// and what the form has no field for left over for a banner. A failed action answers
// `{ ok: false, error: PublicError }` (server/action.ts), i.e. `{ code, message, details?: [{ field, message }] }`.
import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import type { FieldIssue } from "@/lib/errors";
import type { PublicError } from "@/server/errors";

/** The state line of a form's save bar after a failed save: a sentence, and what could not be shown in place. */
export interface FormBanner {
  message: string;
  items: string[];
}

/**
 * Which of the server's field paths the form shows, and where: the names it shows as they are, or a function
 * giving the form path for a server path (null: the form has no such field).
 */
export type ServerFieldPlacement<T extends FieldValues> = readonly FieldPath<T>[] | ((field: string) => FieldPath<T> | null);

export interface AppliedServerErrors {
  /** The form paths that got an error. */
  placed: string[];
  /** The issues the form has no field for. */
  unplaced: FieldIssue[];
}

export function applyServerErrors<T extends FieldValues>(
  form: { setError: UseFormSetError<T> },
  error: PublicError,
  options: {
    fields: ServerFieldPlacement<T>;
    /** A one-field form: when no issue names a field it shows, the first issue (or the error) goes under this one. */
    fallback?: FieldPath<T>;
  },
): AppliedServerErrors {
  const { fields, fallback } = options;
  const place = typeof fields === "function" ? fields : (field: string) => fields.find((name) => name === field) ?? null;
  const placed: string[] = [];
  const unplaced: FieldIssue[] = [];
  for (const issue of error.details ?? []) {
    const path = place(issue.field);
    if (path === null) {
      unplaced.push(issue);
      continue;
    }
    form.setError(path, { type: "server", message: issue.message }, { shouldFocus: placed.length === 0 });
    placed.push(path);
  }
  if (placed.length === 0 && fallback) {
    form.setError(fallback, { type: "server", message: error.details?.[0]?.message ?? error.message }, { shouldFocus: true });
    placed.push(fallback);
  }
  return { placed, unplaced };
}

/** An issue as a banner line names its field: `request.url: Use http or https`. */
export function issueText(issue: FieldIssue): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}

/** The banner after a failed save of `subject` ("The connector", "Delivery tracking"). */
export function saveErrorBanner(subject: string, error: PublicError, unplaced: string[]): FormBanner {
  if (!error.details?.length) return { message: error.message, items: [] };
  return { message: unplaced.length ? `${subject} was not saved:` : `${subject} was not saved. Fix the highlighted fields and save again.`, items: unplaced };
}

/** The banner after the browser's own check refused a save: the messages are under the fields already. */
export function invalidFormBanner(subject: string): FormBanner {
  return { message: `${subject} was not saved. Fix the highlighted fields and save again.`, items: [] };
}
