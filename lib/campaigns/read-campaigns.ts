// Reading campaigns back: one with its audience counts and live progress, the list, a look at the audience, the
// invalid rows, per-recipient results, and the campaign's analytics (the connector metrics, for its messages).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { connectorMetrics, type Metrics } from "@/lib/delivery/metrics";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { MESSAGE_STATUSES, type MessageStatus } from "@/lib/messages/statuses";
import { decodeCursor, isoDateKey, toPage, type Page, type PageRequest } from "@/lib/paging";
import { z } from "zod";
import { CAMPAIGN_STATUSES, type CampaignProgress, type CampaignStatus, type CampaignView } from "./schema";

const campaignSelect = {
  id: true,
  name: true,
  status: true,
  statusReason: true,
  connectorId: true,
  connectorName: true,
  senderName: true,
  message: true,
  dltTemplateId: true,
  scheduledAt: true,
  timeZone: true,
  startedAt: true,
  completedAt: true,
  createdAt: true,
  defaultCountry: true,
  phoneColumn: true,
  columns: true,
  audienceRows: true,
  audienceValid: true,
  audienceInvalid: true,
  audienceDuplicates: true,
  audienceSuppressed: true,
} satisfies Prisma.CampaignSelect;

type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

function toView(row: CampaignRow, progress: CampaignProgress): CampaignView {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    statusReason: row.statusReason,
    connectorId: row.connectorId,
    connectorName: row.connectorName,
    sender: row.senderName,
    message: row.message,
    dltTemplateId: row.dltTemplateId,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    timeZone: row.timeZone,
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    defaultCountry: row.defaultCountry,
    phoneColumn: row.phoneColumn,
    columns: Array.isArray(row.columns) ? (row.columns as string[]) : [],
    audience: { rows: row.audienceRows, valid: row.audienceValid, invalid: row.audienceInvalid, duplicates: row.audienceDuplicates, suppressed: row.audienceSuppressed },
    progress,
  };
}

export async function findCampaignRow(actor: Actor, id: string): Promise<CampaignRow> {
  const row = await db().campaign.findFirst({ where: { id, workspaceId: actor.workspaceId }, select: campaignSelect });
  if (!row) throw new NotFoundError("Campaign");
  return row;
}

export async function getCampaign(actor: Actor, id: string): Promise<CampaignView> {
  requirePermission(actor, "read");
  const row = await findCampaignRow(actor, id);
  return toView(row, (await progressOf([row.id])).get(row.id) ?? emptyProgress());
}

export const campaignsQuerySchema = z.object({ status: z.enum(CAMPAIGN_STATUSES, { message: `status must be one of ${CAMPAIGN_STATUSES.join(", ")}` }).optional() });

/** Newest first, a page at a time. */
export async function listCampaigns(actor: Actor, options: PageRequest & { status?: CampaignStatus }): Promise<Page<CampaignView>> {
  requirePermission(actor, "read");
  const after = decodeCursor(options.cursor, z.tuple([isoDateKey, z.string()]));
  const rows = await db().campaign.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...(options.status ? { status: options.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after[0] } }, { createdAt: after[0], id: { lt: after[1] } }] } : {}),
    },
    select: campaignSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const progress = await progressOf(rows.slice(0, options.limit).map((row) => row.id));
  const views = rows.map((row) => toView(row, progress.get(row.id) ?? emptyProgress()));
  return toPage(views, options.limit, (view) => [view.createdAt, view.id]);
}

function emptyProgress(): CampaignProgress {
  return Object.fromEntries(MESSAGE_STATUSES.map((status) => [status, 0])) as CampaignProgress;
}

/** Counts by state for each campaign: one index-only scan over (campaignId, status). */
async function progressOf(ids: string[]): Promise<Map<string, CampaignProgress>> {
  const result = new Map<string, CampaignProgress>();
  if (ids.length === 0) return result;
  const rows = await db().$queryRaw<Array<{ campaignId: string; status: MessageStatus; count: number }>>`
    select "campaignId", status::text as status, count(*)::int as count from "Message" where "campaignId" = any(${ids}::text[]) group by 1, 2`;
  for (const row of rows) {
    const progress = result.get(row.campaignId) ?? emptyProgress();
    progress[row.status] = row.count;
    result.set(row.campaignId, progress);
  }
  return result;
}

export interface AudiencePreview {
  columns: string[];
  phoneColumn: string | null;
  recipients: Array<{ messageId: string; to: string; attributes: Record<string, string> }>;
}

/** The first recipients of the audience, in file order, to look at and to preview the message for. */
export async function previewAudience(actor: Actor, id: string, limit = 10): Promise<AudiencePreview> {
  requirePermission(actor, "read");
  const campaign = await findCampaignRow(actor, id);
  const rows = await db().message.findMany({
    where: { campaignId: campaign.id },
    select: { id: true, to: true, attributes: true },
    orderBy: { id: "asc" },
    take: Math.min(Math.max(limit, 1), 50),
  });
  return {
    columns: toView(campaign, emptyProgress()).columns,
    phoneColumn: campaign.phoneColumn,
    recipients: rows.map((row) => ({ messageId: row.id, to: row.to, attributes: (row.attributes ?? {}) as Record<string, string> })),
  };
}

export interface InvalidAudienceRow {
  line: number;
  reason: string;
  raw: string;
}

/** Unusable rows of the file, by line, a page at a time. */
export async function listInvalidRows(actor: Actor, id: string, options: PageRequest): Promise<Page<InvalidAudienceRow>> {
  requirePermission(actor, "read");
  const campaign = await findCampaignRow(actor, id);
  const after = decodeCursor(options.cursor, z.tuple([z.number().int()]));
  const rows = await db().campaignInvalidRow.findMany({
    where: { campaignId: campaign.id, ...(after ? { line: { gt: after[0] } } : {}) },
    select: { line: true, reason: true, raw: true },
    orderBy: { line: "asc" },
    take: options.limit + 1,
  });
  return toPage(rows, options.limit, (row) => [row.line]);
}

export interface RecipientResult {
  messageId: string;
  to: string;
  status: MessageStatus;
  reason: string | null;
  providerMessageId: string | null;
  attributes: Record<string, string>;
}

export const recipientStatusFilterSchema = z
  .string()
  .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.enum(MESSAGE_STATUSES, { message: `status must be a comma-separated list of ${MESSAGE_STATUSES.join(", ")}` })).min(1));

/** Per-recipient results in file order, optionally only some states (`failed,undelivered` for list clean-up). */
export async function listRecipients(actor: Actor, id: string, options: PageRequest & { statuses?: MessageStatus[] }): Promise<Page<RecipientResult>> {
  requirePermission(actor, "read");
  const campaign = await findCampaignRow(actor, id);
  const after = decodeCursor(options.cursor, z.tuple([z.string()]));
  const rows = await db().message.findMany({
    where: { campaignId: campaign.id, ...(options.statuses ? { status: { in: options.statuses } } : {}), ...(after ? { id: { gt: after[0] } } : {}) },
    select: { id: true, to: true, status: true, reason: true, providerMessageId: true, attributes: true },
    orderBy: { id: "asc" },
    take: options.limit + 1,
  });
  const results = rows.map((row) => ({
    messageId: row.id,
    to: row.to,
    status: row.status,
    reason: row.reason,
    providerMessageId: row.providerMessageId,
    attributes: (row.attributes ?? {}) as Record<string, string>,
  }));
  return toPage(results, options.limit, (row) => [row.messageId]);
}

/** Every recipient's result, streamed in file order in chunks (for the CSV export of a million rows). */
export async function* recipientResults(actor: Actor, id: string, statuses?: MessageStatus[]): AsyncGenerator<RecipientResult[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listRecipients(actor, id, { limit: 200, cursor, statuses });
    if (page.data.length) yield page.data;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export interface CampaignAnalytics extends Metrics {
  sender: string;
  /** Sends and deliveries over time, by when each message was handed to the provider (or ended). */
  overTime: { bucket: "minute" | "hour" | "day"; points: Array<{ at: string; sent: number; delivered: number; failedToSend: number; failedToDeliver: number }> };
}

/** The connector metrics for this campaign's messages, and the series of the campaign chart. */
export async function campaignAnalytics(actor: Actor, id: string): Promise<CampaignAnalytics> {
  requirePermission(actor, "read");
  const campaign = await findCampaignRow(actor, id);
  const metrics: Metrics = campaign.connectorId
    ? await connectorMetrics(actor, campaign.connectorId, { campaignId: campaign.id })
    : { attempted: 0, sent: 0, failedToSend: 0, delivered: 0, failedToDeliver: 0, pending: 0, untracked: 0, deliveryRate: 0, failureReasons: [] };
  const span = await db().$queryRaw<Array<{ first: Date | null; last: Date | null }>>`
    select min(coalesce("sentAt", "finalAt")) as first, max(coalesce("finalAt", "sentAt")) as last from "Message" where "campaignId" = ${campaign.id}`;
  const first = span[0]?.first;
  const last = span[0]?.last;
  const hours = first && last ? (last.getTime() - first.getTime()) / 3_600_000 : 0;
  const bucket = hours <= 3 ? "minute" : hours <= 72 ? "hour" : "day";
  const points = first
    ? await db().$queryRaw<Array<{ at: Date; sent: number; delivered: number; failed: number; undelivered: number }>>`
        select date_trunc(${bucket}, coalesce("sentAt", "finalAt")) as at,
               count(*) filter (where status in ('sent', 'delivered', 'undelivered'))::int as sent,
               count(*) filter (where status = 'delivered')::int as delivered,
               count(*) filter (where status = 'failed')::int as failed,
               count(*) filter (where status = 'undelivered')::int as undelivered
          from "Message" where "campaignId" = ${campaign.id} and coalesce("sentAt", "finalAt") is not null and status <> 'cancelled'
         group by 1 order by 1`
    : [];
  return {
    ...metrics,
    sender: campaign.senderName,
    overTime: {
      bucket,
      points: points.map((point) => ({ at: point.at.toISOString(), sent: point.sent, delivered: point.delivered, failedToSend: point.failed, failedToDeliver: point.undelivered })),
    },
  };
}
