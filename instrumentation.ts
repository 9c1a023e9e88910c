// Runs once when the Next.js server starts: in-process send workers unless SWITCHBOARD_WORKERS=0.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.SWITCHBOARD_WORKERS === "0" || !process.env.DATABASE_URL) return;
  const { startSendWorkers } = await import("@/lib/queue/worker-runtime");
  startSendWorkers();
}
