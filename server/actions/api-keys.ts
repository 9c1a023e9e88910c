"use server";
// Server actions of the API keys page: admins only, one call into lib/accounts/api-keys.ts each.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKeyInputSchema } from "@/lib/accounts/api-key-input";
import { createApiKey, revokeApiKey } from "@/lib/accounts/api-keys";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";

const PAGE = "/settings/api-keys";

export async function createApiKeyAction(input: unknown) {
  return runAction("administer", "createApiKey", async (actor) => {
    const key = await createApiKey(actor, parseInput(createApiKeyInputSchema, input));
    revalidatePath(PAGE);
    return key;
  });
}

export async function revokeApiKeyAction(id: unknown) {
  return runAction("administer", "revokeApiKey", async (actor) => {
    const keyId = parseInput(z.string().min(1, "Which key?"), id);
    await revokeApiKey(actor, keyId);
    revalidatePath(PAGE);
    return { id: keyId };
  });
}
