// The change-password form's shape, shared by the form (resolver) and the server action.
// The password rules live in lib/accounts/member-input.ts, shared with lib/accounts/members.ts.
import { z } from "zod";
import { newPasswordSchema } from "@/lib/accounts/member-input";

export const changePasswordFormSchema = z
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
export type ChangePasswordForm = z.infer<typeof changePasswordFormSchema>;
