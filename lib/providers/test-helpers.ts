// Shared by the preset tests: sample settings, the real send and DLR pipeline, and a catcher for the
// delivery reports the fake provider calls back with.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { parseCallback, type CallbackRequest } from "@/lib/delivery/parse-callback";
import type { IncomingCallback } from "@/lib/delivery/callback-types";
import { resolveStatus, type ResolveResult } from "@/lib/delivery/resolve-status";
import type { ProviderResponse } from "@/lib/connectors/classify";
import type { BuiltRequest } from "@/lib/connectors/request";
import type { TemplateVariables } from "@/lib/connectors/template";
import type { NativeKind } from "./registry";
import type { PresetConfig, ProviderPreset, PresetSettings } from "./types";

export const TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

/** Settings each test starts from; credentials are what the fake provider is started with. */
export const SAMPLE_SETTINGS: Record<NativeKind, Record<string, unknown>> = {
  twilio: { accountSid: TWILIO_ACCOUNT_SID, authToken: "twilio-token-123" },
  sinch: { region: "eu", servicePlanId: "plan123", apiToken: "sinch-token-456" },
  gupshup: { userId: "2000123456", password: "gs-pass-789" },
  kaleyra: { sid: "HXAP1234567890IN", apiKey: "Aa1b2c3d4e5f" },
  "ics-mobile": {
    baseUrl: "https://api.ics.example",
    token: "ics-bearer-000",
    username: "acme",
    password: "ics-pass-111",
  },
};

export const SAMPLE_VARS: TemplateVariables = {
  destination: "+15551234567",
  message: 'Hi "Ann" & co 👋',
  sender: "+15557654321",
  senderType: "transactional",
  messageId: "msg_01HX",
  dlrUrl: "https://sb.example/sms/dlr/native/pub_abc",
};

/** Parses, normalizes and resolves one callback the way the DLR pipeline does for a native connector. */
export function resolveCallback<S extends PresetSettings>(preset: ProviderPreset<S>, config: PresetConfig, callback: CallbackRequest): ResolveResult[] {
  const { reports } = parseCallback(callback);
  return reports.map((report) => resolveStatus(preset.normalizeReport ? preset.normalizeReport(report) : report, config.deliveryTracking));
}

/** The outcome of one callback carrying one report, in a shape that reads well in expectations. */
export function outcomeOf<S extends PresetSettings>(preset: ProviderPreset<S>, config: PresetConfig, callback: CallbackRequest) {
  const results = resolveCallback(preset, config, callback);
  if (results.length !== 1) throw new Error(`expected one report, got ${results.length}`);
  const [result] = results;
  if (!result.ok) throw new Error(result.message);
  return { id: result.providerMessageId, outcome: result.outcome, reason: result.reason };
}

/** Sends a built request for real (the tests talk to the fake provider on 127.0.0.1). */
export async function sendBuilt(built: BuiltRequest): Promise<ProviderResponse> {
  const response = await request(built.url, { method: built.method, headers: built.headers, body: built.body ?? undefined });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

export interface CaughtCallback extends CallbackRequest {
  url: string;
  headers: Headers;
}

/** A tiny HTTP server standing in for Switchboard's DLR endpoint: records every callback and answers 200. */
export async function startCallbackCatcher() {
  const caught: CaughtCallback[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    readAll(req).then((body) => {
      const url = new URL(req.url ?? "/", origin);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      caught.push({ method: req.method ?? "GET", url: url.toString(), headers, contentType: headers.get("content-type"), query: url.search, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => `${origin}${path}`,
    caught,
    /** Waits until `count` callbacks have arrived (event-driven, no sleeps). */
    async waitFor(count: number): Promise<CaughtCallback[]> {
      while (caught.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return caught.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function asIncoming(callback: CaughtCallback, kind: string): IncomingCallback {
  return { kind, publicId: "pub_abc", method: callback.method, url: callback.url, headers: callback.headers, body: callback.body, rawBody: Buffer.from(callback.body, "utf8") };
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
