/** React Query keys of the template editors (connector values, the campaign message editor). */
export const templateKeys = {
  all: ["templates"] as const,
  userAttributes: () => [...templateKeys.all, "user-attributes"] as const,
};
