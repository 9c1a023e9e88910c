// Reading what arrives: the URL's query, a size-capped body, and the body parsed by its Content-Type.
import type { IncomingMessage } from "node:http";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Params } from "@/lib/providers/emulation";

export type BodyKind = "json" | "form" | "xml" | "text";
export type BodyRead = { kind: "ok"; raw: string } | { kind: "too-large" } | { kind: "aborted" };
export interface ParsedBody {
  body: unknown;
  error: string | null;
}

export function paramsToObject(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [key, value] of search) {
    if (key === "__proto__") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

export function splitUrl(url: string): { pathname: string; query: Params } {
  const mark = url.indexOf("?");
  if (mark === -1) return { pathname: url, query: {} };
  return { pathname: url.slice(0, mark), query: paramsToObject(new URLSearchParams(url.slice(mark + 1))) };
}

/** Reads at most `limit` bytes; a bigger body (declared or streamed) is not buffered at all. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve({ kind: "ok", raw: chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => resolve({ kind: "aborted" }));
  });
}

// One parser for the whole process: constructing it per request is the expensive part.
// parseTagValue=false keeps "919999999999" a string; numbers that long lose digits as doubles.
const xmlParser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true });

export function bodyKindOf(contentType: string | null, fallback: BodyKind): BodyKind {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("x-www-form-urlencoded")) return "form";
  if (type.includes("xml")) return "xml";
  if (type.startsWith("text/")) return "text";
  return fallback;
}

export function parseBody(raw: string, kind: BodyKind): ParsedBody {
  if (raw === "") return { body: null, error: null };
  try {
    switch (kind) {
      case "json":
        return { body: JSON.parse(raw) as unknown, error: null };
      case "form":
        return { body: paramsToObject(new URLSearchParams(raw)), error: null };
      case "xml": {
        const valid = XMLValidator.validate(raw);
        if (valid !== true) return { body: undefined, error: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
        return { body: xmlParser.parse(raw) as unknown, error: null };
      }
      case "text":
        return { body: raw, error: null };
    }
  } catch (error) {
    return { body: undefined, error: `invalid ${kind.toUpperCase()}: ${(error as Error).message}` };
  }
}

/** Reads at most `limit` characters of an answer; the rest is dropped, the socket is not kept busy. */
export async function readCapped(body: AsyncIterable<Buffer | string>, limit: number): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (text.length >= limit) return text.slice(0, limit);
  }
  return text;
}
