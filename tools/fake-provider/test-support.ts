// For the fake provider's own tests and its emulations' tests: a small node:http server standing in for
// the app's DLR endpoint, and the requests an app would send.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser } from "fast-xml-parser";
import { createFakeProvider } from "./server";
import type { DlrFormat, FakeProvider, FakeProviderOptions } from "./types";

export interface ReceivedCallback {
  method: string;
  /** The full URL the fake called, as Twilio signs it. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  base: string;
  callbacks: ReceivedCallback[];
  answer: { status: number; body: string };
  close(): Promise<void>;
}

/** Stores each callback before answering, so once the fake has the answer the callback is here. */
export async function startReceiver(): Promise<Receiver> {
  const callbacks: ReceivedCallback[] = [];
  const answer = { status: 200, body: "ok" };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = `${base}${req.url ?? "/"}`;
      callbacks.push({ method: req.method ?? "", url, query: new URL(url).searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    callbacks,
    answer,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** A fake and a receiver for one test file; reset both after each test, close both after the file. */
export async function startFakeAndReceiver(options: FakeProviderOptions = {}): Promise<{ fake: FakeProvider; receiver: Receiver }> {
  return { fake: await createFakeProvider(options), receiver: await startReceiver() };
}

export function resetBoth(fake: FakeProvider, receiver: Receiver): void {
  fake.reset();
  receiver.callbacks.length = 0;
  receiver.answer.status = 200;
  receiver.answer.body = "ok";
}

export async function closeBoth(fake: FakeProvider | undefined, receiver: Receiver | undefined): Promise<void> {
  await fake?.close();
  await receiver?.close();
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

export function postForm(url: string, body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body) });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export const xml = new XMLParser({ parseTagValue: false });

/** The report's fields, whatever the generic wire format. */
export function reportFields(format: DlrFormat, callback: ReceivedCallback): Record<string, string> {
  switch (format) {
    case "json":
      return JSON.parse(callback.body) as Record<string, string>;
    case "json-array":
      return (JSON.parse(callback.body) as Array<Record<string, string>>)[0];
    case "form":
      return Object.fromEntries(new URLSearchParams(callback.body));
    case "get":
      return Object.fromEntries(callback.query);
    case "xml":
      return (xml.parse(callback.body) as { DeliveryReport: Record<string, string> }).DeliveryReport;
    case "text": {
      const match = /^id:(\S+) stat:(\S+) to:(\S+) err:(.*)$/.exec(callback.body);
      return match ? { messageId: match[1], status: match[2], to: match[3], reason: match[4] } : {};
    }
    default:
      throw new Error(`not a generic format: ${format}`);
  }
}
