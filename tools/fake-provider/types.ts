// What users of the fake provider see: its options, what it records, and the FakeProvider handle.
import type { IncomingHttpHeaders } from "node:http";
import type { Params, SentMessage } from "@/lib/providers/emulation";
import type { NativeKind } from "@/lib/providers/registry";

export type { Params, SentMessage } from "@/lib/providers/emulation";

export const BEHAVIORS = ["ok", "text", "xml", "slow", "error-200", "maintenance", "unauthorized", "rate-limit", "unavailable"] as const;
export type Behavior = (typeof BEHAVIORS)[number];

export const GENERIC_DLR_FORMATS = ["json", "json-array", "form", "get", "xml", "text"] as const;
export type GenericDlrFormat = (typeof GENERIC_DLR_FORMATS)[number];
/**
 * A generic format, or one a provider emulation defines: twilio, sinch, gupshup-get, gupshup-post,
 * kaleyra. Those come from the registry at run time, so an unknown name is refused when used.
 */
export type DlrFormat = GenericDlrFormat | (string & {});

/** "kannel" and "scripted" are gateways a custom connector reaches (gateways.ts), not native providers. */
export type ProviderName = "generic" | "kannel" | `scripted:${string}` | NativeKind;
export type RouteName = "json" | "form" | "get" | "xml" | "kannel" | "scripted" | NativeKind | "oauth" | "unmatched";

export interface RecordedRequest {
  /** 1-based arrival order, not reset by history trimming. */
  seq: number;
  at: number;
  method: string;
  path: string;
  query: Params;
  headers: IncomingHttpHeaders;
  /** Cut to 16 KB (see `truncated`) so 10,000 entries stay small. */
  rawBody: string;
  /** JSON value, form Params, XML object, text string, or null without a body; undefined if unparseable or truncated. */
  body: unknown;
  parseError: string | null;
  truncated: boolean;
  route: RouteName;
  provider: ProviderName | null;
  behavior: Behavior | null;
  /** The HTTP status this request was (or, for a slow reply, will be) answered with. */
  status: number;
  /** The id given to an accepted send; null when refused. */
  messageId: string | null;
  to: string | null;
  text: string | null;
  callbackUrl: string | null;
}

export interface AutoDlrOptions {
  /** Status for generic sends (default "delivered"). */
  status?: string;
  /** Status for recipients ending in `failingSuffix` (default "undelivered"). */
  failureStatus?: string;
  reason?: string;
  format?: GenericDlrFormat;
  delayMs?: number;
  /** Statuses reported before the final one, e.g. ["accepted"]. */
  intermediate?: string[];
}

export interface DeliveryReportInput {
  messageId: string;
  status: string;
  reason?: string;
  /** Default: the send's callback URL, then the `dlrUrl` option. */
  url?: string;
  /** Default: the provider's own format for a native send, else the autoDlr format, else "json". */
  format?: DlrFormat;
  delayMs?: number;
  /** Default: the recipient of the recorded send. */
  recipient?: string;
}

export interface DeliveryReportResult {
  seq: number;
  at: number;
  messageId: string;
  reportStatus: string;
  format: DlrFormat;
  method: "GET" | "POST";
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  /** The app's answer; null when the request failed (see `error`). */
  responseStatus: number | null;
  responseBody: string;
  error: string | null;
}

/** A provider shape given as data (gateways.ts serves it). */
export interface ScriptedRoute {
  /** The path it answers, exactly ("/sms/json"); the query is not part of it. */
  path: string;
  /** Methods it answers; any when left out. */
  methods?: string[];
  /** The reply to an accepted send: {{id}}, {{to}} and {{reference}} are filled in, escaped for the content type. */
  reply: { status: number; contentType: string; body: string };
  /**
   * Field names (matched at any depth, ignoring case, "-", "_" and ".") that carry the recipient, the text, a
   * reference of the sender's and the report URL, where the generic names (to, text, callback_url …) do not.
   */
  fields?: { to?: string[]; text?: string[]; reference?: string[]; callback?: string[] };
  /** The provider's delivery report: {{id}}, {{status}}, {{reason}}, {{to}} and {{reference}} are filled in. */
  report?: { method: "GET" | "POST"; contentType?: string; query?: string; body?: string };
}

export interface FakeProviderOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  behavior?: Behavior;
  slowMs?: number;
  dlrUrl?: string;
  autoDlr?: AutoDlrOptions | false;
  /** More body/query field names that carry a callback URL on generic sends. */
  callbackFields?: string[];
  /** Provider shapes given as data (a path, its reply, its report): see gateways.ts. */
  scripted?: ScriptedRoute[];
  failingSuffix?: string;
  /**
   * The token endpoint's client and token lifetime. Set (even to {}), generic sends must carry a token it issued
   * (`Authorization: Bearer` or an `access_token` field); unset, /oauth/token still issues tokens to anyone.
   */
  oauth?: { clientId?: string; clientSecret?: string; expiresIn?: number };
  /** False keeps no history (waitFor still sees requests as they arrive) — for benchmarks. */
  record?: boolean;
  maxRecorded?: number;
  onRequest?: (request: RecordedRequest) => void;
  onDeliveryReport?: (report: DeliveryReportResult) => void;
}

export interface SetBehaviorOptions {
  /** Delay of `slow` replies from now on. */
  slowMs?: number;
  /** Apply to the next N sends only, then fall back to the default. */
  times?: number;
}

export interface FakeProvider {
  readonly url: string;
  readonly port: number;
  /** Live, oldest first, capped at maxRecorded. */
  readonly received: readonly RecordedRequest[];
  readonly deliveryReports: readonly DeliveryReportResult[];
  /** Resolves with the first recorded or arriving request that matches; rejects after timeoutMs. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForDeliveryReport(predicate: (report: DeliveryReportResult) => boolean, timeoutMs?: number): Promise<DeliveryReportResult>;
  sentMessage(id: string): SentMessage | undefined;
  /** Calls to POST /oauth/token so far, refused ones included. */
  readonly tokenRequests: number;
  /** Every token issued so far stops working, so the next send with one gets a 401. */
  revokeTokens(): void;
  setBehavior(behavior: Behavior, options?: SetBehaviorOptions): void;
  setAutoDlr(options: AutoDlrOptions | false): void;
  sendDeliveryReport(input: DeliveryReportInput): Promise<DeliveryReportResult>;
  /** Forgets requests, reports, messages and pending reports; behaviour and autoDlr go back to the options. */
  reset(): void;
  close(): Promise<void>;
}

/** Limits the server, the admin API and the reports share. */
export const MAX_DELAY_MS = 60_000;
export const MAX_QUEUED_BEHAVIORS = 10_000;
