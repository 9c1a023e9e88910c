// The screen's URL for a native connector that is not configured yet: `?connector=new-twilio`.
export const NEW_NATIVE_PREFIX = "new-";

/** `?connector=new-twilio` → "twilio"; null for anything else. */
export function newNativeKind(selectedId: string | null): string | null {
  return selectedId?.startsWith(NEW_NATIVE_PREFIX) ? selectedId.slice(NEW_NATIVE_PREFIX.length) : null;
}
