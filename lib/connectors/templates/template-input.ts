// What "New connector from a template" takes: the connector's name, its first sender and the template's inputs.
// zod only, so the gallery's form validates in the browser with the same schema the server parses with.
import { z } from "zod";
import { SENDER_TYPES } from "../schema";

export const templateConnectorInputSchema = z.object({
  name: z.string().trim().min(1, "Connector name is required").max(100, "Must be at most 100 characters"),
  sender: z.object({
    name: z.string().trim().min(1, "Sender name is required").max(50, "Must be at most 50 characters"),
    type: z.enum(SENDER_TYPES, { message: "Choose promotional or transactional" }),
  }),
  /** The template's inputs by key; which are required is the template's to say (fillTemplate). */
  inputs: z.record(z.string(), z.string().max(2000, "Must be at most 2000 characters")).default({}),
});
export type TemplateConnectorInput = z.input<typeof templateConnectorInputSchema>;
