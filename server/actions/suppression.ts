"use server";
// Server actions of the Suppression list and Settings tabs: release a number, change the threshold.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { releaseSuppression, setSuppressionThreshold } from "@/lib/suppression/suppressions";
import { suppressionThresholdInputSchema } from "@/lib/suppression/threshold-input";
import { parseInput } from "@/lib/validation";
import { runAction } from "@/server/action";

const PAGE = "/settings/channel/sms";

/** The number can be sent to again and its failure count starts over. */
export async function releaseSuppressionAction(phone: unknown) {
  return runAction("configure", "releaseSuppression", async (actor) => {
    const number = parseInput(z.string().trim().min(1, "Which number?"), phone);
    await releaseSuppression(actor, number);
    revalidatePath(PAGE);
    return { phone: number };
  });
}

/** Settings tab: how many consecutive delivery failures suppress a number (admins only). */
export async function setSuppressionThresholdAction(input: unknown) {
  return runAction("administer", "setSuppressionThreshold", async (actor) => {
    const { suppressionThreshold } = parseInput(suppressionThresholdInputSchema, input);
    const threshold = await setSuppressionThreshold(actor, suppressionThreshold);
    revalidatePath(PAGE);
    return threshold;
  });
}
