// The login form's shape. next-auth's credentials provider receives the same two fields (server/auth.ts).
import { z } from "zod";

export const loginInputSchema = z.object({
  email: z.string().trim().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});
export type LoginInput = z.infer<typeof loginInputSchema>;
