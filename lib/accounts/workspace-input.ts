// Input shape of creating and renaming a workspace, shared by the members page's forms (client) and
// lib/accounts/workspaces.ts: zod only, so a form can import it without the database.
import { z } from "zod";

export const WORKSPACE_NAME_MAX_LENGTH = 60;

export const workspaceNameInputSchema = z.object({
  name: z
    .string({ message: "Enter a workspace name" })
    .trim()
    .min(1, "Enter a workspace name")
    .max(WORKSPACE_NAME_MAX_LENGTH, `Workspace name must be at most ${WORKSPACE_NAME_MAX_LENGTH} characters`),
});
export type WorkspaceNameInput = z.input<typeof workspaceNameInputSchema>;
