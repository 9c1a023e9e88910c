"use server";
// Server action of the account page: any signed-in user changes their own password.
import { changePasswordInputSchema } from "@/lib/accounts/change-password-input";
import { changeOwnPassword } from "@/lib/accounts/members";
import { UnauthorizedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";

export async function changeOwnPasswordAction(input: unknown) {
  return runAction("read", "changeOwnPassword", async (actor) => {
    if (!actor.userId) throw new UnauthorizedError();
    const { currentPassword, newPassword } = parseInput(changePasswordInputSchema, input);
    await changeOwnPassword(actor.userId, currentPassword, newPassword);
    return { changed: true };
  });
}
