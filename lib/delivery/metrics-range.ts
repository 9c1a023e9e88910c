// The periods the metrics chart offers, and how each is counted: by hour or by UTC day, over how many days.
// Shared by the REST endpoint that serves the series and the chart that asks for it.
import { z } from "zod";

export const METRICS_RANGES = {
  "24h": { bucket: "hour", days: 1, buckets: 24 },
  "7d": { bucket: "day", days: 7, buckets: 7 },
  "30d": { bucket: "day", days: 30, buckets: 30 },
} as const satisfies Record<string, { bucket: "hour" | "day"; days: number; buckets: number }>;

export type MetricsRange = keyof typeof METRICS_RANGES;
export type MetricsBucket = (typeof METRICS_RANGES)[MetricsRange]["bucket"];

const RANGE_NAMES = Object.keys(METRICS_RANGES) as [MetricsRange, ...MetricsRange[]];

/** `?range=` and `?sender=` of GET /api/v1/connectors/{id}/metrics/over-time. */
export const metricsOverTimeQuerySchema = z.object({
  range: z.enum(RANGE_NAMES, { message: `Use one of ${RANGE_NAMES.join(", ")}` }).default("7d"),
  sender: z.string().trim().max(50, "Must be at most 50 characters").optional(),
});
export type MetricsOverTimeQuery = z.output<typeof metricsOverTimeQuerySchema>;
