// The workspace's home dashboard: delivery counts over a period across every connector and campaign, a row per
// connector, the top failure reasons, and the connectors that need a look (reports stopped, failures jumped).
// Every count comes from grouped SQL over the period (the (connectorId, createdAt) index), never from loading
// messages; the counts and the rate are the connector metrics' own (countsToMetrics).
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { addMetricsCounts, countsToMetrics, withReasonCodes, type Metrics, type MetricsCounts, type StatusCount } from "./metrics";
import { METRICS_RANGES, type MetricsRange } from "./metrics-range";

const RANGE_NAMES = Object.keys(METRICS_RANGES) as [MetricsRange, ...MetricsRange[]];
export const dashboardQuerySchema = z.object({
  range: z.enum(RANGE_NAMES, { message: `range must be one of ${RANGE_NAMES.join(", ")}` }).default("24h"),
});

/** Reports count as stopped when a connector that had them has had none for this long while it kept sending. */
export const REPORT_SILENCE_HOURS = 6;
/** A failure rate jumped when the last 24 h are at least this many points above the 7 days before, and at least double. */
export const FAILURE_JUMP_POINTS = 0.1;
/** Fewer messages than this in either window say too little to compare. */
export const FAILURE_JUMP_MIN_MESSAGES = 10;
const TOP_REASONS = 10;

export interface DashboardConnector {
  id: string;
  name: string;
  kind: string;
  metrics: MetricsCounts;
}

export type DashboardFlag =
  | {
      kind: "reports-stopped";
      connectorId: string;
      connectorName: string;
      /** The last delivery report the connector received. */
      lastReportAt: string;
      /** Messages handed to the provider in the last `hours` hours, none of them reported on by a callback since. */
      sentSince: number;
      hours: number;
    }
  | {
      kind: "failure-rate";
      connectorId: string;
      connectorName: string;
      /** Failed to send or to deliver, of the messages attempted, in the last 24 hours and in the 7 days before. */
      recent: { failures: number; attempted: number; rate: number };
      baseline: { failures: number; attempted: number; rate: number };
    };

export interface WorkspaceDashboard {
  range: MetricsRange;
  /** The period's start; it ends now. */
  since: string;
  /** Whether the workspace has any message at all (the dashboard's empty state). */
  hasMessages: boolean;
  totals: MetricsCounts;
  connectors: DashboardConnector[];
  /** The most frequent reasons across the workspace, most frequent first. */
  failureReasons: Metrics["failureReasons"];
  flags: DashboardFlag[];
}

export async function workspaceDashboard(actor: Actor, query: unknown, now = new Date()): Promise<WorkspaceDashboard> {
  requirePermission(actor, "read");
  const { range } = parseInput(dashboardQuerySchema, query);
  const since = new Date(now.getTime() - METRICS_RANGES[range].days * 86_400_000);
  const connectors = await db().connector.findMany({
    where: { workspaceId: actor.workspaceId },
    select: { id: true, name: true, kind: true, config: true },
    orderBy: { name: "asc" },
  });
  const ids = connectors.map((c) => c.id);
  const tracking = new Map(connectors.map((c) => [c.id, readStoredConfig(c.config).deliveryTracking]));
  if (ids.length === 0) return { range, since: since.toISOString(), hasMessages: false, totals: addMetricsCounts([]), connectors: [], failureReasons: [], flags: [] };

  // Messages belong to a connector of their workspace (deleted with it), so "connectorId = any(…)" is the workspace,
  // and each connector's part is a range scan of the (connectorId, createdAt) index.
  const [counts, reasons, hasMessages, flags] = await Promise.all([
    db().$queryRaw<Array<StatusCount & { connectorId: string }>>`
      select "connectorId", status::text as status, count(*)::int as count,
             (count(*) filter (where status = 'sent' and "providerMessageId" is null))::int as untracked
        from "Message" where "connectorId" = any(${ids}::text[]) and "createdAt" >= ${since} and "createdAt" <= ${now}
       group by 1, 2`,
    db().$queryRaw<Array<{ connectorId: string; kind: "send" | "delivery"; reason: string; count: number }>>`
      select "connectorId", case when status = 'failed' then 'send' else 'delivery' end as kind, coalesce("reasonKey", 'Unknown') as reason, count(*)::int as count
        from "Message" where "connectorId" = any(${ids}::text[]) and "createdAt" >= ${since} and "createdAt" <= ${now} and status in ('failed', 'undelivered')
       group by 1, 2, 3 order by 4 desc limit 500`,
    db().$queryRaw<Array<{ any: boolean }>>`select exists (select 1 from "Message" where "connectorId" = any(${ids}::text[])) as any`.then((rows) => rows[0]?.any ?? false),
    dashboardFlags(connectors, now),
  ]);

  const rows: DashboardConnector[] = connectors.map((connector) => ({
    id: connector.id,
    name: connector.name,
    kind: connector.kind,
    metrics: countsToMetrics(
      counts.filter((row) => row.connectorId === connector.id),
      tracking.get(connector.id)?.matchBy,
    ),
  }));
  rows.sort((a, b) => b.metrics.attempted - a.metrics.attempted || a.name.localeCompare(b.name));

  // Each connector's reason codes give its delivery failures their words; then the same words add up across connectors.
  const merged = new Map<string, Metrics["failureReasons"][number]>();
  for (const id of ids) {
    const own = reasons.filter((row) => row.connectorId === id).map(({ kind, reason, count }) => ({ kind, reason, count }));
    for (const row of withReasonCodes(own, tracking.get(id)?.reasonCodes ?? [])) {
      const key = `${row.kind}\u0000${row.reason}`;
      const seen = merged.get(key);
      if (seen) seen.count += row.count;
      else merged.set(key, { ...row });
    }
  }
  const failureReasons = [...merged.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, TOP_REASONS);

  return { range, since: since.toISOString(), hasMessages, totals: addMetricsCounts(rows.map((row) => row.metrics)), connectors: rows, failureReasons, flags };
}

/** The connectors that need a look, whatever period the dashboard shows: both checks have their own windows. */
async function dashboardFlags(connectors: Array<{ id: string; name: string }>, now: Date): Promise<DashboardFlag[]> {
  const ids = connectors.map((c) => c.id);
  const silenceStart = new Date(now.getTime() - REPORT_SILENCE_HOURS * 3_600_000);
  const dayStart = new Date(now.getTime() - 86_400_000);
  const baselineStart = new Date(now.getTime() - 8 * 86_400_000);
  const [reports, rates] = await Promise.all([
    // The newest callback of each connector: one backward step of the (connectorId, receivedAt) index each.
    db().$queryRaw<Array<{ connectorId: string; lastReportAt: Date | null; sentSince: number }>>`
      select c.id as "connectorId",
             (select d."receivedAt" from "DeliveryCallback" d where d."connectorId" = c.id order by d."receivedAt" desc limit 1) as "lastReportAt",
             (select count(*)::int from "Message" m
               where m."connectorId" = c.id and m."createdAt" >= ${silenceStart} and m."createdAt" <= ${now}
                 and m.status in ('sent', 'delivered', 'undelivered')) as "sentSince"
        from "Connector" c where c.id = any(${ids}::text[])`,
    db().$queryRaw<Array<{ connectorId: string; recent: boolean; failures: number; attempted: number }>>`
      select "connectorId", "createdAt" >= ${dayStart} as recent,
             (count(*) filter (where status in ('failed', 'undelivered')))::int as failures,
             (count(*) filter (where status in ('failed', 'sent', 'delivered', 'undelivered')))::int as attempted
        from "Message" where "connectorId" = any(${ids}::text[]) and "createdAt" >= ${baselineStart} and "createdAt" <= ${now}
       group by 1, 2`,
  ]);
  const names = new Map(connectors.map((c) => [c.id, c.name]));
  const flags: DashboardFlag[] = [];
  for (const row of reports) {
    if (!row.lastReportAt || row.lastReportAt >= silenceStart || row.sentSince === 0) continue;
    flags.push({
      kind: "reports-stopped",
      connectorId: row.connectorId,
      connectorName: names.get(row.connectorId) ?? row.connectorId,
      lastReportAt: row.lastReportAt.toISOString(),
      sentSince: row.sentSince,
      hours: REPORT_SILENCE_HOURS,
    });
  }
  for (const id of ids) {
    const window = (recent: boolean) => {
      const row = rates.find((r) => r.connectorId === id && r.recent === recent);
      const failures = row?.failures ?? 0;
      const attempted = row?.attempted ?? 0;
      return { failures, attempted, rate: attempted === 0 ? 0 : Math.round((failures / attempted) * 10_000) / 10_000 };
    };
    const recent = window(true);
    const baseline = window(false);
    if (recent.attempted < FAILURE_JUMP_MIN_MESSAGES || baseline.attempted < FAILURE_JUMP_MIN_MESSAGES) continue;
    if (recent.rate < baseline.rate + FAILURE_JUMP_POINTS || recent.rate < baseline.rate * 2) continue;
    flags.push({ kind: "failure-rate", connectorId: id, connectorName: names.get(id) ?? id, recent, baseline });
  }
  return flags;
}
