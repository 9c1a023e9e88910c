"use server";
// Server action of the account page: any signed-in user changes their own password.
import { changeOwnPassword } from "@/lib/accounts/members";
import { UnauthorizedError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";
import { continueSession } from "@/server/auth";
import { changePasswordFormSchema } from "./schema";

export async function changeOwnPasswordAction(input: unknown) {
  return runAction("read", "changeOwnPassword", async (actor) => {
    if (!actor.userId) throw new UnauthorizedError();
    const { currentPassword, newPassword } = parseInput(changePasswordFormSchema, input);
    const user = await changeOwnPassword(actor.userId, currentPassword, newPassword);
    // Every session of this user has ended; the one this browser holds goes on at the new version.
    await continueSession(user);
    return { changed: true };
  });
}
