/** React Query keys of the Suppression list tab. */
export const suppressionKeys = {
  all: ["suppressions"] as const,
  list: (search: string) => [...suppressionKeys.all, "list", search] as const,
};
