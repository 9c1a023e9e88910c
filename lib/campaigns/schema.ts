// The shapes of campaigns: what creating one takes (REST API, the new-campaign form), and what reading one gives.
import { TZDate } from "@date-fns/tz";
import { getCountries, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { attributesSchema } from "@/lib/messages/schema";
import type { MessageStatus } from "@/lib/messages/statuses";

export const CAMPAIGN_STATUSES = ["draft", "scheduled", "running", "paused", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const COUNTRIES = new Set<string>(getCountries());
/** An IANA time zone this runtime knows (aliases such as Asia/Kolkata included). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

/** A date and time with an offset (`2026-12-01T09:00:00Z`), or a local one read in `timeZone`. */
const scheduleSchema = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/, "Use an ISO 8601 date and time, e.g. 2026-12-01T09:00 or 2026-12-01T08:00:00Z");

export const campaignFieldsSchema = z.object({
  name: z.string().trim().min(1, "Give the campaign a name").max(120, "Must be at most 120 characters"),
  connectorId: z.string().trim().min(1, "Choose a connector"),
  sender: z.string().trim().max(50).optional(),
  message: z.string().min(1, "Write the message").max(1600, "Must be at most 1600 characters (about 10 segments)"),
  dltTemplateId: z.string().trim().max(100).optional().or(z.literal("").transform(() => undefined)),
  scheduledAt: scheduleSchema.optional().or(z.literal("").transform(() => undefined)),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "Use an IANA time zone such as Europe/Stockholm or UTC")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => COUNTRIES.has(code), "Use a two-letter country code such as SE or US")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  phoneColumn: z.string().trim().max(200).optional().or(z.literal("").transform(() => undefined)),
});

export const campaignRecipientsSchema = z
  .array(z.object({ to: z.string().trim().min(1, "Recipient number is required").max(32), attributes: attributesSchema }))
  .min(1, "Add at least one recipient")
  .max(100_000, "At most 100,000 recipients as JSON: upload a CSV file for more");

/** `POST /api/v1/campaigns` as JSON: exactly one of `recipients` and `audienceCsv`. */
export const campaignCreateSchema = campaignFieldsSchema
  .extend({
    recipients: campaignRecipientsSchema.optional(),
    audienceCsv: z.string().min(1, "The CSV is empty").optional(),
  })
  .superRefine((input, ctx) => {
    const given = [input.recipients, input.audienceCsv].filter((value) => value !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["recipients"], message: "Give the audience once: recipients, audienceCsv, or a multipart file" });
  });
export type CampaignCreateInput = z.infer<typeof campaignCreateSchema>;

/** A draft's fields: the same, but the message may wait for the form's second step (a draft is never sent as it is). */
export const campaignDraftFieldsSchema = campaignFieldsSchema.extend({ message: z.string().max(1600, "Must be at most 1600 characters (about 10 segments)").default("") });
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;

/** A draft's editable fields (the new-campaign form's second step). */
export const campaignDraftSchema = campaignFieldsSchema.pick({ name: true, message: true, dltTemplateId: true, sender: true }).partial();

export const startCampaignSchema = z.object({
  scheduledAt: campaignFieldsSchema.shape.scheduledAt,
  timeZone: campaignFieldsSchema.shape.timeZone,
});

/** The moment a schedule names: its own offset, or the local time in `timeZone` (UTC when none is given). */
export function scheduleInstant(scheduledAt: string, timeZone = "UTC"): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(scheduledAt)) return new Date(scheduledAt);
  const [date, time] = scheduledAt.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute, second = 0] = time.split(":").map(Number);
  return new Date(new TZDate(year, month - 1, day, hour, minute, Math.floor(second), timeZone).getTime());
}

export type CampaignProgress = Record<MessageStatus, number>;

export interface CampaignAudience {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  suppressed: number;
}

/** A campaign in the REST shape. */
export interface CampaignView {
  id: string;
  name: string;
  status: CampaignStatus;
  /** Why it stopped, when it did not stop by itself (its connector was deleted). */
  statusReason: string | null;
  connectorId: string | null;
  connectorName: string;
  sender: string;
  message: string;
  dltTemplateId: string | null;
  scheduledAt: string | null;
  timeZone: string;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  defaultCountry: string | null;
  phoneColumn: string | null;
  /** The audience's attribute columns, usable as `{{user.<column>}}`. */
  columns: string[];
  audience: CampaignAudience;
  progress: CampaignProgress;
}

export type { CountryCode };
