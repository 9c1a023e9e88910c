"use client";
// The campaign over time as stacked bars: delivered, awaiting a report, failed to deliver, failed to send — per
// minute, hour or day, by when each message was handed to the provider.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CampaignChartRow, ChartBucket } from "./chart-rows";

export const CHART_SERIES = [
  { key: "delivered", label: "Delivered", color: "#10b981" },
  { key: "awaiting", label: "Awaiting report", color: "#a5b4fc" },
  { key: "failedToDeliver", label: "Failed to deliver", color: "#ef4444" },
  { key: "failedToSend", label: "Failed to send", color: "#f59e0b" },
] as const;

function label(at: number, bucket: ChartBucket, long = false): string {
  const date = new Date(at);
  if (bucket === "minute") return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  if (bucket === "hour") return date.toLocaleString("en-GB", long ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" } : { hour: "2-digit", minute: "2-digit" });
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", ...(long ? { weekday: "short" } : {}) });
}

export function CampaignChart({ rows, bucket }: { rows: CampaignChartRow[]; bucket: ChartBucket }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={rows.length > 20 ? "18%" : "30%"}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="at" tickFormatter={(value: number) => label(value, bucket)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          content={({ active, payload }) => {
            const row = active && payload?.[0] ? (payload[0].payload as CampaignChartRow) : null;
            if (!row) return null;
            return (
              <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
                <p className="mb-1 font-medium text-slate-900">{label(row.at, bucket, true)}</p>
                {CHART_SERIES.map((series) => (
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
        {CHART_SERIES.map((series) => (
          <Bar key={series.key} dataKey={series.key} name={series.label} stackId="messages" fill={series.color} maxBarSize={56} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
