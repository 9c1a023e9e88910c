// The suppression-threshold form's shape, shared by the form (resolver) and the server action.
// Its field has the name the workspace setting has, so the server's errors land under it.
import { z } from "zod";

const RANGE_MESSAGE = "Use a whole number from 1 to 100";

export const suppressionThresholdInputSchema = z.object({
  suppressionThreshold: z.coerce.number({ message: "Enter a number" }).int(RANGE_MESSAGE).min(1, RANGE_MESSAGE).max(100, RANGE_MESSAGE),
});
export type SuppressionThresholdInput = z.input<typeof suppressionThresholdInputSchema>;
export type SuppressionThreshold = z.output<typeof suppressionThresholdInputSchema>;
