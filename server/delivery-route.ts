// The delivery-report endpoints' shared handler: cap the body, read it once, hand it to lib/.
import type { NextRequest } from "next/server";
import type { CallbackVerifier } from "@/lib/delivery/callback-types";
import { ingestCallback, MAX_CALLBACK_BYTES } from "@/lib/delivery/ingest";
import { config } from "@/lib/env";
import { PayloadTooLargeError } from "@/lib/errors";
import { toPublicError } from "./errors";
import { readBodyCapped } from "./read-body";

export async function handleDeliveryCallback(request: NextRequest, kind: string, publicId: string, verify?: CallbackVerifier): Promise<Response> {
  try {
    const rawBody = await readBodyCapped(request, MAX_CALLBACK_BYTES).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) return null;
      throw error;
    });
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
