// The campaign chart's rows: one per minute, hour or day from its first send to its last, zeros where nothing
// happened (the server leaves empty buckets out), each split into what the stacked bars draw.
import type { CampaignAnalytics } from "@/lib/campaigns/read-campaigns";

export type ChartBucket = CampaignAnalytics["overTime"]["bucket"];

export interface CampaignChartRow {
  at: number;
  delivered: number;
  /** Handed to the provider, no report yet. */
  awaiting: number;
  failedToDeliver: number;
  failedToSend: number;
}

const STEP: Record<ChartBucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** More buckets than this are drawn as they come, without filling the gaps. */
const MAX_FILLED = 400;

export function campaignChartRows(overTime: CampaignAnalytics["overTime"]): CampaignChartRow[] {
  const toRow = (at: number, point?: CampaignAnalytics["overTime"]["points"][number]): CampaignChartRow => {
    const delivered = point?.delivered ?? 0;
    const failedToDeliver = point?.failedToDeliver ?? 0;
    return { at, delivered, failedToDeliver, failedToSend: point?.failedToSend ?? 0, awaiting: Math.max((point?.sent ?? 0) - delivered - failedToDeliver, 0) };
  };
  const points = overTime.points.map((point) => ({ at: Date.parse(point.at), point })).sort((a, b) => a.at - b.at);
  if (points.length === 0) return [];
  const step = STEP[overTime.bucket];
  const first = points[0].at;
  const last = points[points.length - 1].at;
  if ((last - first) / step + 1 > MAX_FILLED) return points.map(({ at, point }) => toRow(at, point));
  const byTime = new Map(points.map(({ at, point }) => [at, point]));
  const rows: CampaignChartRow[] = [];
  for (let at = first; at <= last; at += step) rows.push(toRow(at, byTime.get(at)));
  return rows;
}
