"use client";
// Messages over time as stacked bars: delivered, pending, failed to deliver, failed to send per hour or day.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricsPoint } from "@/lib/delivery/metrics";
import type { MetricsBucket as Bucket } from "@/lib/delivery/metrics-range";

export const SERIES = [
  { key: "delivered", label: "Delivered", color: "#10b981" },
  { key: "pending", label: "Pending", color: "#a5b4fc" },
  { key: "failedToDeliver", label: "Failed to deliver", color: "#ef4444" },
  { key: "failedToSend", label: "Failed to send", color: "#f59e0b" },
] as const;

interface Row {
  at: number;
  delivered: number;
  pending: number;
  failedToDeliver: number;
  failedToSend: number;
  attempted: number;
}

/** One row per bucket of the period, zeros where nothing was sent (the server only returns non-empty ones). */
export function chartRows(points: MetricsPoint[], bucket: Bucket, count: number, now = Date.now()): Row[] {
  const step = bucket === "hour" ? 3_600_000 : 86_400_000;
  const last = Math.floor(now / step) * step; // UTC hours and days, as date_trunc gives them
  const byTime = new Map(points.map((point) => [Date.parse(point.at), point]));
  return Array.from({ length: count }, (_, index) => {
    const at = last - (count - 1 - index) * step;
    const point = byTime.get(at);
    const attempted = point?.attempted ?? 0;
    const delivered = point?.delivered ?? 0;
    const failedToDeliver = point?.failedToDeliver ?? 0;
    const failedToSend = point?.failedToSend ?? 0;
    return { at, attempted, delivered, failedToDeliver, failedToSend, pending: Math.max(attempted - delivered - failedToDeliver - failedToSend, 0) };
  });
}

function label(at: number, bucket: Bucket, long = false): string {
  const date = new Date(at);
  if (bucket === "hour") return date.toLocaleString("en-GB", long ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" } : { hour: "2-digit", minute: "2-digit" });
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC", ...(long ? { weekday: "short" } : {}) });
}

export function MetricsChart({ rows, bucket }: { rows: Row[]; bucket: Bucket }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={rows.length > 20 ? "18%" : "30%"}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="at"
          tickFormatter={(value: number) => label(value, bucket)}
          tick={{ fontSize: 11, fill: "#64748b" }}
          tickLine={false}
          axisLine={{ stroke: "#cbd5e1" }}
          minTickGap={16}
        />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          content={({ active, payload }) => {
            const row = active && payload?.[0] ? (payload[0].payload as Row) : null;
            if (!row) return null;
            return (
              <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
                <p className="mb-1 font-medium text-slate-900">{label(row.at, bucket, true)}</p>
                <p className="text-slate-600">
                  Attempted <span className="float-right ml-4 font-medium text-slate-900 tabular-nums">{row.attempted}</span>
                </p>
                {SERIES.map((series) => (
                  <p key={series.key} className="flex items-center gap-1.5 text-slate-600">
                    <span aria-hidden="true" className="size-2 rounded-sm" style={{ background: series.color }} />
                    {series.label}
                    <span className="ml-auto pl-4 font-medium text-slate-900 tabular-nums">{row[series.key]}</span>
                  </p>
                ))}
              </div>
            );
          }}
        />
        {SERIES.map((series) => (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.label}
            stackId="messages"
            fill={series.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
