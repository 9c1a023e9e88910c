// How the fake SMS provider (tools/fake-provider) imitates one native provider: which requests are its
// sends, how it accepts and refuses them, and what its delivery reports look like. Types only: each
// provider's emulation.ts implements ProviderEmulation, and the app never loads one.
import type { IncomingHttpHeaders } from "node:http";

/** Query strings and form bodies: a repeated key keeps all its values. */
export type Params = Record<string, string | string[]>;

/** A send as the fake received it, its body already parsed by Content-Type. */
export interface SendRequest {
  method: string;
  pathname: string;
  query: Params;
  headers: IncomingHttpHeaders;
  /** JSON value, form Params, XML object, text, or null without a body. */
  body: unknown;
  /** The capture groups of the route's pattern (Twilio's account SID, Sinch's service plan id). */
  pathParams: readonly string[];
  /** The credential the fake was started with (its apiKey option); null when it checks none. */
  apiKey: string | null;
}

export interface CallbackTarget {
  url: string;
  method: "GET" | "POST";
}

/** What the fake reads out of a send: it records these and keeps them for the send's reports. */
export interface SendFields {
  to: string | null;
  from: string | null;
  text: string | null;
  reference: string | null;
  callback: CallbackTarget | null;
  /** The account the send was made under, echoed in its reports (Twilio's AccountSid). */
  accountSid: string | null;
  /** The secret its reports are signed with (Twilio's auth token). */
  signingKey: string | null;
  /** False when the send asked for no reports (Sinch `delivery_report: "none"`, its default). */
  wantsReports: boolean;
}

/** What the fake remembers of an accepted send, so a later report can name its recipient, sender and account. */
export interface SentMessage {
  id: string;
  /** "generic" or the native kind. */
  provider: string;
  to: string | null;
  from: string | null;
  reference: string | null;
  callbackUrl: string | null;
  callbackMethod: "GET" | "POST";
  accountSid: string | null;
  signingKey: string | null;
  wantsReports: boolean;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Ways a provider refuses a send; the fake's behaviours ask for them. */
export type Failure = "unauthorized" | "rejected" | "rate-limit" | "unavailable";

export interface ErrorSpec {
  status: number;
  code: string | number;
  message: string;
}

/** The reply shape a behaviour asks for ("text", "xml"); providers with one shape ignore it. */
export type ReplyStyle = "json" | "text" | "xml";

/** A unique source per fake provider: a random prefix, so ids differ across restarts, and a counter. */
export interface IdSource {
  /** 12 random hex digits. */
  readonly hex: string;
  /** The same random value as 15 decimal digits. */
  readonly digits: string;
  /** 1, 2, 3 … shared by every emulation of one fake. */
  next(): number;
}

/** How a provider words its reports: the statuses an accepted send goes through, and the format they go out in. */
export interface ReportStyle {
  /** One of the fake's generic formats (json, form, get …) or a key of the emulation's reportFormats. */
  format: string;
  /** Statuses reported before the final one, in order (Twilio: queued, sent). */
  intermediate: readonly string[];
  success: string;
  /** For recipients ending in the fake's failing suffix. */
  failure: string;
  failureReason: string;
}

export interface ReportParts {
  messageId: string;
  status: string;
  reason: string | null;
  recipient: string | null;
  /** The send reported on; undefined for an id the fake never issued. */
  message: SentMessage | undefined;
}

export interface OutgoingReport {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export type ReportBuilder = (url: string, parts: ReportParts) => OutgoingReport;

export interface EmulatedRoute {
  /** null: any method. */
  methods: readonly string[] | null;
  /** As people write it, for listings: "/xms/v1/:plan/batches". */
  path: string;
  /** Matched against the path without its query; capture groups become pathParams. */
  pattern: RegExp;
  /** How to read a body that comes without a Content-Type. */
  bodyFallback: "json" | "form" | "xml" | "text";
}

export interface ProviderEmulation {
  routes: readonly EmulatedRoute[];
  /** A word on how far to trust the emulation ("assumed API"), shown beside its routes. */
  note?: string;
  errors: Record<Failure, ErrorSpec>;
  /** null: the fake's auto-DLR settings decide (generic sends). */
  reports: ReportStyle | null;
  /** The provider's own report formats by name ("twilio", "gupshup-post"); names must not clash with another provider's. */
  reportFormats?: Readonly<Record<string, ReportBuilder>>;
  /** Whether the send carries the fake's credential in this provider's way; asked only when the fake has one. */
  authorized(send: SendRequest, apiKey: string): boolean;
  fields(send: SendRequest): SendFields;
  /** Why the provider would refuse this send (the rest of the error comes from errors.rejected), or null. */
  invalid(fields: SendFields, send: SendRequest): Partial<ErrorSpec> | null;
  newId(ids: IdSource, style: ReplyStyle): string;
  accepted(id: string, fields: SendFields, send: SendRequest, style: ReplyStyle): Reply;
  renderError(spec: ErrorSpec): Reply;
}

/** What a provider's emulation.ts exports; the registry loads it only when the fake provider asks. */
export interface EmulationModule {
  emulation: ProviderEmulation;
}

export type EmulationLoader = () => Promise<EmulationModule>;
