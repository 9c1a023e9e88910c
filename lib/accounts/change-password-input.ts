// The change-password form's shape: the server's rules (member-input.ts) plus the confirmation field.
// The form resolves with it and the server action parses with it, so both refuse the same input.
import { z } from "zod";
import { newPasswordSchema } from "./member-input";

export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().min(1, "Confirm the new password"),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "Confirmation does not match the new password" })
  .refine((input) => !input.currentPassword || input.currentPassword !== input.newPassword, {
    path: ["newPassword"],
    message: "New password must differ from the current one",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;
