// What a connector template is: a ready custom-connector configuration for a gateway or provider that Switchboard
// has no native connector for, with the few values a user fills in (`<<key>>` in the configuration), what the
// provider's documentation says its reply and delivery report look like, and where an assumption remains.
// Templates are data (one JSON file per provider beside this one); this schema checks each when it is loaded.
import { z } from "zod";

export const templateInputSchema = z.object({
  /** Written `<<key>>` in the configuration. */
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  hint: z.string().optional(),
  placeholder: z.string().optional(),
  /** Prefilled; an input without a default is required. */
  default: z.string().optional(),
  secret: z.boolean().default(false),
  /** "url": an http(s) base URL, written without a trailing slash. */
  kind: z.enum(["text", "url"]).default("text"),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** A request as the provider's documentation shows it: {{id}}, {{to}}, {{status}}, {{reason}}, {{reference}} filled in. */
const exampleReportSchema = z.object({
  method: z.enum(["GET", "POST"]),
  contentType: z.string().optional(),
  query: z.string().optional(),
  body: z.string().optional(),
});

export const connectorTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** A gateway you run yourself (Kannel, Jasmin) or a hosted provider. */
  kind: z.enum(["gateway", "provider"]),
  summary: z.string().min(1),
  /** The public documentation the configuration follows. */
  docs: z.array(z.url()).min(1),
  inputs: z.array(templateInputSchema),
  /** The connector in the REST shape, without name and senders (the user gives them). */
  connector: z.record(z.string(), z.unknown()),
  /** What to do at the provider's end (where the DLR URL goes, …). */
  notes: z.array(z.string()).default([]),
  /** Where the configuration goes beyond what the documentation says for sure; `field` is a connector JSON path. */
  assumptions: z.array(z.object({ field: z.string(), note: z.string() })).default([]),
  examples: z.object({
    /** The provider's reply to an accepted send. */
    reply: z.object({ status: z.number().int(), contentType: z.string(), body: z.string() }),
    /** Its delivery report. */
    report: exampleReportSchema,
    /** The status of a delivered message and of a failed one, with the reason the mapping then records. */
    delivered: z.object({ status: z.string() }),
    failed: z.object({ status: z.string(), reason: z.string().optional(), recorded: z.string() }),
  }),
});
export type ConnectorTemplate = z.infer<typeof connectorTemplateSchema>;

/** What the gallery lists of a template. */
export type TemplateSummary = Pick<ConnectorTemplate, "id" | "name" | "kind" | "summary">;
