// The base URL providers reach this installation on: SWITCHBOARD_PUBLIC_URL, else the request's own origin.
import { headers } from "next/headers";

export function publicBaseUrlFrom(requestHeaders: Headers, fallbackOrigin?: string): string {
  const configured = process.env.SWITCHBOARD_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  if (host) return `${proto}://${host}`;
  return fallbackOrigin ?? "http://localhost:3000";
}

export async function publicBaseUrl(): Promise<string> {
  return publicBaseUrlFrom(await headers());
}
