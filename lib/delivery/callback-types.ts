// The shapes a delivery-report request takes on its way in: what the route hands to intake, and what
// intake knows of the connector it is for. A leaf module, so providers can type their checks without
// importing intake.
import type { DeliveryTracking } from "@/lib/connectors/schema";

export interface IncomingCallback {
  /** "custom", or a native provider's name, from the URL. */
  kind: string;
  publicId: string;
  method: string;
  /** The full URL the provider called (Twilio signs it). */
  url: string;
  headers: Headers;
  /** The body as text (UTF-8), for parsing. */
  body: string;
  /** The body's bytes as received: what is stored and what signatures cover. */
  rawBody: Buffer;
}

export interface IngestResult {
  status: 200 | 400 | 401 | 404;
  body: Record<string, unknown>;
}

export type CallbackVerifier = (callback: IncomingCallback, target: CallbackTarget) => string | null;

export interface CallbackTarget {
  id: string;
  kind: string;
  tracking: DeliveryTracking;
  /** Native connectors: the provider settings (secrets decrypted), for the provider's own signature check. */
  settings: Record<string, unknown> | null;
}
