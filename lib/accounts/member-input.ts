// Input shapes of member management, shared by the pages' forms (client) and lib/accounts/members.ts:
// zod only, so a form can import it without pulling the database into the browser bundle.
import { z } from "zod";
import { ROLES } from "./permissions";

/** bcrypt only looks at the first 72 bytes: a longer password would be silently cut. */
const MAX_PASSWORD_BYTES = 72;

export const emailSchema = z
  .string({ message: "Enter the member's email address" })
  .trim()
  .toLowerCase()
  .min(1, { message: "Enter the member's email address", abort: true })
  .max(254, "Email must be at most 254 characters")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Email must be a valid address, e.g. name@example.com");

export const roleSchema = z.enum(ROLES, { message: "Role must be admin, manager or viewer" });

export const newPasswordSchema = z
  .string({ message: "Enter a new password" })
  .min(10, "New password must be at least 10 characters")
  .refine((value) => new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES, `New password must be at most ${MAX_PASSWORD_BYTES} bytes`);

export const addMemberInputSchema = z.object({
  email: emailSchema,
  // An empty name means "none": the list then shows the email alone.
  name: z
    .string()
    .trim()
    .max(100, "Name must be at most 100 characters")
    .optional()
    .transform((value) => value || undefined),
  role: roleSchema,
});
export type AddMemberInput = z.input<typeof addMemberInputSchema>;

export const userIdSchema = z.string({ message: "Which member?" }).min(1, "Which member?");

export const changeOwnPasswordInputSchema = z
  .object({
    currentPassword: z.string({ message: "Enter your current password" }).min(1, "Enter your current password"),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.currentPassword !== input.newPassword, {
    path: ["newPassword"],
    message: "New password must differ from the current one",
  });


export const changeRoleInputSchema = z.object({
  userId: userIdSchema,
  role: roleSchema,
});
export type ChangeRoleInput = z.infer<typeof changeRoleInputSchema>;
