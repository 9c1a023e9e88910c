// Counts a user reads on the dashboard: per connector (optionally per sender or campaign) and over time.
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReasonCode } from "@/lib/connectors/schema";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { parseInput } from "@/lib/validation";
import { reasonLabel } from "./mapping";
import { METRICS_RANGES, metricsOverTimeQuerySchema, type MetricsBucket, type MetricsRange } from "./metrics-range";

export interface Metrics {
  attempted: number;
  /** Reached the provider: sent, delivered or undelivered. */
  sent: number;
  failedToSend: number;
  delivered: number;
  failedToDeliver: number;
  /** Not final yet: queued, sending, or sent with the provider's id and waiting for a delivery report. */
  pending: number;
  /** Sent without a provider message id (the connector allows replies without one): no report can ever match them, so never pending. */
  untracked: number;
  /** delivered / sent, 0 when nothing was sent. */
  deliveryRate: number;
  failureReasons: Array<{ kind: "send" | "delivery"; reason: string; count: number }>;
}

export interface MetricsFilter {
  sender?: string;
  campaignId?: string;
  from?: Date;
  to?: Date;
}

function whereOf(connectorId: string, filter: MetricsFilter): Prisma.Sql {
  const parts = [Prisma.sql`"connectorId" = ${connectorId}`];
  if (filter.sender) parts.push(Prisma.sql`"senderName" = ${filter.sender}`);
  if (filter.campaignId) parts.push(Prisma.sql`"campaignId" = ${filter.campaignId}`);
  if (filter.from) parts.push(Prisma.sql`"createdAt" >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`"createdAt" < ${filter.to}`);
  return Prisma.join(parts, " and ");
}

async function ensureConnector(actor: Actor, connectorId: string) {
  requirePermission(actor, "read");
  const row = await db().connector.findFirst({ where: { id: connectorId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!row) throw new NotFoundError("Connector");
}

export async function connectorMetrics(actor: Actor, connectorId: string, filter: MetricsFilter = {}): Promise<Metrics> {
  await ensureConnector(actor, connectorId);
  const where = whereOf(connectorId, filter);
  const counts = await db().$queryRaw<StatusCount[]>`
    select status::text as status, count(*)::int as count,
           (count(*) filter (where status = 'sent' and "providerMessageId" is null))::int as untracked
      from "Message" where ${where} group by status`;
  const tracking = await trackingOf(connectorId);
  // Grouped by reasonKey, the reason without its per-message noise (kept by PostgreSQL beside reason, and indexed
  // with the connector and status), so a million failures read as the few reasons they are.
  const reasons = await db().$queryRaw<Array<{ kind: "send" | "delivery"; reason: string; count: number }>>`
    select case when status = 'failed' then 'send' else 'delivery' end as kind, coalesce("reasonKey", 'Unknown') as reason, count(*)::int as count
      from "Message" where ${where} and status in ('failed', 'undelivered')
     group by 1, 2 order by 3 desc, 2 limit 50`;
  return { ...countsToMetrics(counts, tracking?.matchBy), failureReasons: withReasonCodes(reasons, tracking?.reasonCodes ?? []) };
}

/** Messages of one status (grouped counts), with how many of the `sent` ones carry no provider id. */
export interface StatusCount {
  status: string;
  count: number;
  untracked: number;
}

export type MetricsCounts = Omit<Metrics, "failureReasons">;

/**
 * The one definition of the counts and the delivery rate, from messages counted by status: the connector metrics,
 * campaign analytics and the workspace dashboard all read them through here. `matchBy`: the connector's
 * delivery-tracking setting (reports that name Switchboard's own id can match messages without a provider id).
 */
export function countsToMetrics(counts: readonly StatusCount[], matchBy: string | undefined): MetricsCounts {
  const by = new Map<string, number>();
  for (const row of counts) by.set(row.status, (by.get(row.status) ?? 0) + row.count);
  const n = (status: string) => by.get(status) ?? 0;
  // Sent without the provider's id: no report can find them — unless reports name Switchboard's own id.
  const untracked = matchBy === "message-id" ? 0 : counts.reduce((sum, row) => sum + row.untracked, 0);
  const sent = n("sent") + n("delivered") + n("undelivered");
  return {
    attempted: counts.reduce((sum, row) => sum + row.count, 0),
    sent,
    failedToSend: n("failed"),
    delivered: n("delivered"),
    failedToDeliver: n("undelivered"),
    pending: n("queued") + n("sending") + n("sent") - untracked,
    untracked,
    deliveryRate: deliveryRateOf(n("delivered"), sent),
  };
}

/** delivered / sent, to four decimals; 0 when nothing was sent. */
export function deliveryRateOf(delivered: number, sent: number): number {
  return sent === 0 ? 0 : Math.round((delivered / sent) * 10_000) / 10_000;
}

/** Counts of several connectors (or windows) added up; the rate is worked out again from the sums. */
export function addMetricsCounts(parts: readonly MetricsCounts[]): MetricsCounts {
  const sum = (key: keyof MetricsCounts) => parts.reduce((total, part) => total + part[key], 0);
  const sent = sum("sent");
  const delivered = sum("delivered");
  return {
    attempted: sum("attempted"),
    sent,
    failedToSend: sum("failedToSend"),
    delivered,
    failedToDeliver: sum("failedToDeliver"),
    pending: sum("pending"),
    untracked: sum("untracked"),
    deliveryRate: deliveryRateOf(delivered, sent),
  };
}

export async function trackingOf(connectorId: string) {
  const row = await db().connector.findUnique({ where: { id: connectorId }, select: { config: true } });
  return row ? readStoredConfig(row.config).deliveryTracking : null;
}

/**
 * Delivery failures recorded before a code was given its words read like the ones after: "034" (or "UNDELIV: 034")
 * becomes "034 Network error", and rows that now read the same are added up.
 */
export function withReasonCodes(rows: Metrics["failureReasons"], codes: readonly ReasonCode[]): Metrics["failureReasons"] {
  if (codes.length === 0) return rows;
  const merged = new Map<string, Metrics["failureReasons"][number]>();
  for (const row of rows) {
    const reason = row.kind === "delivery" ? labelled(row.reason, codes) : row.reason;
    const key = `${row.kind}\u0000${reason}`;
    const seen = merged.get(key);
    if (seen) seen.count += row.count;
    else merged.set(key, { ...row, reason });
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function labelled(reason: string, codes: readonly ReasonCode[]): string {
  const split = /^(.*?: )?(\S+)$/.exec(reason);
  if (!split) return reason;
  const [, prefix = "", code] = split;
  return `${prefix}${reasonLabel(code, codes)}`;
}

export interface MetricsPoint {
  at: string;
  attempted: number;
  delivered: number;
  failedToSend: number;
  failedToDeliver: number;
}

/** Messages by hour (or day) of creation, for the chart. */
export async function connectorMetricsOverTime(actor: Actor, connectorId: string, options: { bucket?: "hour" | "day"; days?: number } & MetricsFilter = {}): Promise<MetricsPoint[]> {
  await ensureConnector(actor, connectorId);
  const bucket = options.bucket ?? "hour";
  if (bucket !== "hour" && bucket !== "day") throw new ValidationError([{ field: "bucket", message: "Use hour or day" }]);
  const days = Math.min(Math.max(options.days ?? 7, 1), 90);
  const where = whereOf(connectorId, { ...options, from: options.from ?? new Date(Date.now() - days * 86_400_000) });
  const rows = await db().$queryRaw<Array<{ at: Date; attempted: number; delivered: number; failed: number; undelivered: number }>>`
    select date_trunc(${bucket}, "createdAt") as at, count(*)::int as attempted,
           count(*) filter (where status = 'delivered')::int as delivered,
           count(*) filter (where status = 'failed')::int as failed,
           count(*) filter (where status = 'undelivered')::int as undelivered
      from "Message" where ${where} group by 1 order by 1`;
  return rows.map((row) => ({ at: row.at.toISOString(), attempted: row.attempted, delivered: row.delivered, failedToSend: row.failed, failedToDeliver: row.undelivered }));
}

export interface MetricsOverTime {
  range: MetricsRange;
  bucket: MetricsBucket;
  /** Oldest first; buckets in which no message was created are left out. */
  points: MetricsPoint[];
}

/** The chart's series for one of its periods (`query`: `range` and `sender`, as the REST API takes them). */
export async function connectorMetricsForRange(actor: Actor, connectorId: string, query: unknown): Promise<MetricsOverTime> {
  const { range, sender } = parseInput(metricsOverTimeQuerySchema, query);
  const { bucket, days } = METRICS_RANGES[range];
  return { range, bucket, points: await connectorMetricsOverTime(actor, connectorId, { bucket, days, sender: sender || undefined }) };
}

/** Metrics for each sender of the connector. */
export async function metricsBySender(actor: Actor, connectorId: string): Promise<Array<{ sender: string; metrics: Metrics }>> {
  await ensureConnector(actor, connectorId);
  const senders = await db().sender.findMany({ where: { connectorId }, select: { name: true }, orderBy: { position: "asc" } });
  return Promise.all(senders.map(async ({ name }) => ({ sender: name, metrics: await connectorMetrics(actor, connectorId, { sender: name }) })));
}
