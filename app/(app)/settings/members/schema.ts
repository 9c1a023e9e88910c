// The members page's input shapes, shared by its forms (resolver) and its server actions.
// The field rules themselves live in lib/accounts/member-input.ts, shared with lib/accounts/members.ts.
import { z } from "zod";
import { emailSchema, roleSchema, userIdSchema } from "@/lib/accounts/member-input";

export const addMemberFormSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "Name must be at most 100 characters"),
  role: roleSchema,
});
export type AddMemberForm = z.infer<typeof addMemberFormSchema>;

export const changeRoleInputSchema = z.object({
  userId: userIdSchema,
  role: roleSchema,
});
