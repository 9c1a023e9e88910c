"use server";
// Server action of the account page: any signed-in user changes their own password.
import { changePasswordInputSchema } from "@/lib/accounts/change-password-input";
import { changeOwnPassword } from "@/lib/accounts/members";
import { UnauthorizedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";
import { continueSession } from "@/server/auth";

export async function changeOwnPasswordAction(input: unknown) {
  return runAction("read", "changeOwnPassword", async (actor) => {
    if (!actor.userId) throw new UnauthorizedError();
    const { currentPassword, newPassword } = parseInput(changePasswordInputSchema, input);
    const user = await changeOwnPassword(actor.userId, currentPassword, newPassword);
    // Every session of this user has ended; the one this browser holds goes on at the new version.
    await continueSession(user);
    return { changed: true };
  });
}
