/**
 * React Query keys of the campaign screens. After a control (pause, resume, cancel, start), invalidate
 * `campaignKeys.detail(id)` (the campaign and everything under it) and `campaignKeys.lists()`.
 */
export const campaignKeys = {
  all: ["campaigns"] as const,
  lists: () => [...campaignKeys.all, "list"] as const,
  detail: (id: string) => [...campaignKeys.all, "detail", id] as const,
  metrics: (id: string) => [...campaignKeys.detail(id), "metrics"] as const,
  audience: (id: string) => [...campaignKeys.detail(id), "audience"] as const,
  invalidRows: (id: string) => [...campaignKeys.detail(id), "invalid-rows"] as const,
  /** The message as one recipient gets it, for the text being typed. */
  preview: (id: string, message: string, recipientId: string | null) => [...campaignKeys.detail(id), "preview", message, recipientId ?? "first"] as const,
};
