// The query strings of the REST lists: paging plus each list's filters. The route handlers parse with these
// and the OpenAPI document describes the same parameters.
import { z } from "zod";
import { withMessageLogFilter } from "@/lib/messages/message-log-filter";
import { pageQuerySchema } from "@/lib/paging";

export const connectorsQuerySchema = pageQuerySchema;

export const deliveryReportsQuerySchema = pageQuerySchema;

/** Paging and the message log's filters (its CSV export takes the same filters, without paging). */
export const connectorMessagesQuerySchema = withMessageLogFilter(pageQuerySchema.shape);

export const suppressionsQuerySchema = pageQuerySchema.extend({
  format: z.enum(["json", "csv"], { message: "format must be json or csv" }).optional().default("json"),
  search: z.string().trim().max(32, "search must be at most 32 characters").optional(),
});
