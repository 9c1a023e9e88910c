// The create-key form's shape, shared by the form (resolver) and the server action.
import { z } from "zod";
import { ROLES } from "./permissions";

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(100, "Must be at most 100 characters"),
  role: z.enum(ROLES, { message: "Choose admin, manager or viewer" }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;
