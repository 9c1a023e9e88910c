// Reading a message out of react-hook-form's error tree, for the Field that shows it.

export function errorMessage(error: unknown): string | undefined {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) return error.message;
  return undefined;
}

/** The first message among a list's per-item errors (`values.2` when only the third value is wrong). */
export function firstItemError(error: unknown): string | undefined {
  if (!Array.isArray(error)) return undefined;
  for (const item of error) {
    const message = errorMessage(item);
    if (message) return message;
  }
  return undefined;
}
