// Calling the delivery-report endpoint in-process, and driving the applier, for integration tests.
import { NextRequest } from "next/server";
import * as dlr from "@/app/sms/dlr/custom/[publicId]/route";
import { applyStoredCallbacks, applyWaitingReports, moveUnmatchedReports, rematchReports } from "@/lib/delivery/apply-callbacks";
import { db } from "@/lib/db";

export async function publicIdOf(connectorId: string): Promise<string> {
  return (await db().connector.findUniqueOrThrow({ where: { id: connectorId }, select: { publicId: true } })).publicId;
}

export async function postCallback(
  publicId: string,
  options: { method?: string; body?: string; contentType?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const headers = new Headers(options.headers);
  if (options.contentType) headers.set("content-type", options.contentType);
  const url = `http://switchboard.test/sms/dlr/custom/${publicId}${options.query ? `?${options.query}` : ""}`;
  const method = options.method ?? "POST";
  const request = new NextRequest(url, { method, headers, body: method === "GET" ? undefined : (options.body ?? "") });
  const handler = method === "GET" ? dlr.GET : dlr.POST;
  const response = await handler(request, { params: Promise.resolve({ publicId }) });
  return { status: response.status, body: await response.json() };
}

export const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: "application/json" });

/** Runs the applier until nothing is left to apply (new callbacks, re-matches, reports whose message appeared). */
export async function applyAll(): Promise<void> {
  while ((await applyStoredCallbacks()) + (await rematchReports()) > 0);
  await applyWaitingReports();
}

/** Lets the connector's kept reports age by `minutes` and runs the move to the unmatched inbox. */
export async function ageKeptReports(connectorId: string, minutes: number): Promise<number> {
  await db().$executeRaw`update "PendingDeliveryReport" set "receivedAt" = "receivedAt" - make_interval(mins => ${minutes}) where "connectorId" = ${connectorId}`;
  return moveUnmatchedReports();
}
