// The query strings of the REST lists: paging plus each list's filters. The route handlers parse with these
// and the OpenAPI document describes the same parameters.
import { z } from "zod";
import { MESSAGE_STATUSES } from "@/lib/messages/statuses";
import { pageQuerySchema } from "@/lib/paging";

export const connectorsQuerySchema = pageQuerySchema;

export const deliveryReportsQuerySchema = pageQuerySchema;

export const connectorMessagesQuerySchema = pageQuerySchema.extend({
  status: z.enum(MESSAGE_STATUSES, { message: `status must be one of ${MESSAGE_STATUSES.join(", ")}` }).optional(),
});

export const suppressionsQuerySchema = pageQuerySchema.extend({
  format: z.enum(["json", "csv"], { message: "format must be json or csv" }).optional().default("json"),
  search: z.string().trim().max(32, "search must be at most 32 characters").optional(),
});
