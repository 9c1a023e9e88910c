// The delivery-report endpoints' shared handler: cap the body, read it once, hand it to lib/.
import type { NextRequest } from "next/server";
import type { CallbackVerifier } from "@/lib/delivery/callback-types";
import { ingestCallback, MAX_CALLBACK_BYTES } from "@/lib/delivery/ingest";
import { config } from "@/lib/env";
import { toPublicError } from "./errors";

export async function handleDeliveryCallback(request: NextRequest, kind: string, publicId: string, verify?: CallbackVerifier): Promise<Response> {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_CALLBACK_BYTES) return tooLarge();
    const rawBody = await readCapped(request);
    if (rawBody === null) return tooLarge();
    const callback = { kind, publicId, method: request.method, url: publicUrlOf(request), headers: request.headers, body: rawBody.toString("utf8"), rawBody };
    const result = await ingestCallback(callback, verify);
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    // 5xx tells providers that retry (Sinch, Twilio) to send it again later: nothing acknowledged is lost.
    const { status, error: body } = toPublicError(error, { route: "dlr", kind });
    return Response.json({ error: body }, { status: status === 500 ? 503 : status });
  }
}

/** The URL as the provider called it: the DLR URL it was given, on the public base URL (Twilio signs it). */
function publicUrlOf(request: NextRequest): string {
  return `${config().publicBaseUrl}${request.nextUrl.pathname}${request.nextUrl.search}`;
}

function tooLarge(): Response {
  return Response.json({ error: { code: "payload_too_large", message: `Delivery reports are limited to ${MAX_CALLBACK_BYTES / 1024} KB` } }, { status: 413 });
}

/** The body's bytes, or null once it passes the cap (a missing or lying Content-Length is not trusted). */
async function readCapped(request: NextRequest): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_CALLBACK_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
