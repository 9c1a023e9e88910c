"use client";
// Re-renders a server page every few seconds while what it shows can still change (a message on its way).
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshWhilePending({ intervalMs }: { intervalMs: number | null }) {
  const router = useRouter();
  useEffect(() => {
    if (!intervalMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, router]);
  return null;
}
