// The fake provider's HTTP server: reads each request, routes it to the generic shapes or a provider's
// emulation, answers by the current behaviour, records it, and hands accepted sends to the reports.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { IdSource, Params, Reply, SendFields, SendRequest, SentMessage } from "@/lib/providers/emulation";
import { ADMIN_PREFIX, AdminApi, type AdminTarget } from "./admin";
import { Behaviors, clampDelay, failureReply, isBehavior, outcomeOf, type BehaviorState } from "./behaviors";
import { bodyKindOf, parseBody, readBody, splitUrl, type ParsedBody } from "./bodies";
import { DeliveryReports, withAutoDlrDefaults, type AutoDlrConfig } from "./delivery-reports";
import { firstScalar, header, isHttpUrl, jsonReply } from "@/lib/providers/emulation-kit";
import { CALLBACK_KEYS, genericEmulation, normalizeKey } from "./generic";
import { History, notify, Timers } from "./history";
import { kannelEmulation, scriptedEmulation, type ScriptedRoute } from "./gateways";
import { TOKEN_PATH, TokenIssuer, type OAuthOptions, type OAuthState } from "./oauth";
import { loadNativeEmulations, RouteTable, type GatewayEmulation, type NativeEmulation, type Route } from "./routes";
import {
  MAX_DELAY_MS,
  type AutoDlrOptions,
  type Behavior,
  type DeliveryReportInput,
  type DeliveryReportResult,
  type FakeProvider,
  type FakeProviderOptions,
  type ProviderName,
  type RecordedRequest,
  type RouteName,
  type SetBehaviorOptions,
} from "./types";

const MAX_BODY_BYTES = 1024 * 1024;
const RECORDED_BODY_CHARS = 16 * 1024;
const DEFAULT_MAX_RECORDED = 10_000;
const DEFAULT_WAIT_MS = 5_000;
const DEFAULT_SLOW_MS = 2_000;
const DEFAULT_FAILING_SUFFIX = "0000";

interface ResolvedOptions {
  host: string;
  port: number;
  apiKey: string | null;
  behavior: Behavior;
  slowMs: number;
  dlrUrl: string | null;
  autoDlr: AutoDlrConfig | null;
  callbackKeys: ReadonlySet<string>;
  scripted: ScriptedRoute[];
  failingSuffix: string;
  record: boolean;
  maxRecorded: number;
  oauth: OAuthOptions | null;
  onRequest: ((request: RecordedRequest) => void) | null;
  onDeliveryReport: ((report: DeliveryReportResult) => void) | null;
}

function resolveOptions(options: FakeProviderOptions): ResolvedOptions {
  if (options.behavior !== undefined && !isBehavior(options.behavior)) throw new Error(`Unknown behavior "${options.behavior}"`);
  if (options.dlrUrl !== undefined && !isHttpUrl(options.dlrUrl)) throw new Error(`dlrUrl must be an http(s) URL, got "${options.dlrUrl}"`);
  return {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    apiKey: options.apiKey ?? null,
    behavior: options.behavior ?? "ok",
    slowMs: Math.min(Math.max(0, options.slowMs ?? DEFAULT_SLOW_MS), MAX_DELAY_MS),
    dlrUrl: options.dlrUrl ?? null,
    autoDlr: options.autoDlr ? withAutoDlrDefaults(options.autoDlr) : null,
    callbackKeys: new Set([...CALLBACK_KEYS, ...(options.callbackFields ?? []).map(normalizeKey)]),
    scripted: options.scripted ?? [],
    failingSuffix: options.failingSuffix ?? DEFAULT_FAILING_SUFFIX,
    record: options.record ?? true,
    maxRecorded: Math.max(1, options.maxRecorded ?? DEFAULT_MAX_RECORDED),
    oauth: options.oauth ?? null,
    onRequest: options.onRequest ?? null,
    onDeliveryReport: options.onDeliveryReport ?? null,
  };
}

/** Cheap unique ids: a random prefix keeps them unique across restarts, one counter for every shape. */
function idSource(): IdSource {
  const hex = randomBytes(6).toString("hex");
  let counter = 0;
  return { hex, digits: BigInt(`0x${hex}`).toString().padStart(15, "0"), next: () => ++counter };
}

function describeRequest(request: RecordedRequest): string {
  return `${request.method} ${request.path} → ${request.status}`;
}

/** What every recorded request has, whether or not it reached an emulation. */
interface Incoming {
  method: string;
  pathname: string;
  query: Params;
  headers: IncomingHttpHeaders;
  raw: string;
  parsed: ParsedBody;
}

/** What became of a request: the part of its record that routing and answering decide. */
interface RequestOutcome {
  route: RouteName;
  provider: ProviderName | null;
  status: number;
  behavior?: Behavior;
  fields?: SendFields;
  messageId?: string | null;
}

class FakeProviderServer implements FakeProvider, AdminTarget {
  url = "";
  port = 0;

  private readonly server: Server;
  private readonly routes: RouteTable;
  private readonly admin: AdminApi;
  private readonly requests: History<RecordedRequest>;
  private readonly reports: DeliveryReports;
  private readonly behaviors: Behaviors;
  // Kept even with record:false (small objects, bounded) so a later DLR can find its recipient.
  private readonly messages = new Map<string, SentMessage>();
  private readonly ids = idSource();
  private readonly tokens: TokenIssuer;
  private readonly replyTimers = new Timers();
  private requestSeq = 0;
  private closed = false;

  constructor(
    private readonly options: ResolvedOptions,
    natives: readonly NativeEmulation[],
  ) {
    const gateways: GatewayEmulation[] = [
      ...options.scripted.map((route) => ({ kind: `scripted:${route.path}` as const, name: "scripted" as const, emulation: scriptedEmulation(route) })),
      { kind: "kannel", name: "kannel", emulation: kannelEmulation },
    ];
    this.routes = new RouteTable(genericEmulation(options.callbackKeys), natives, gateways);
    this.requests = new History(options.maxRecorded, options.record, describeRequest);
    this.reports = new DeliveryReports(options, this.routes);
    this.behaviors = new Behaviors(options);
    this.tokens = new TokenIssuer(options.oauth);
    this.admin = new AdminApi(this, this.reports.formats);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.failInternally(res, error));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.port = address.port;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${this.port}`;
  }

  get received(): readonly RecordedRequest[] {
    return this.requests.items;
  }

  get deliveryReports(): readonly DeliveryReportResult[] {
    return this.reports.history.items;
  }

  get autoDlr(): AutoDlrConfig | null {
    return this.reports.autoDlr;
  }

  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return this.requests.waitFor(predicate, timeoutMs, "request");
  }

  waitForDeliveryReport(predicate: (report: DeliveryReportResult) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<DeliveryReportResult> {
    return this.reports.history.waitFor(predicate, timeoutMs, "delivery report");
  }

  get tokenRequests(): number {
    return this.tokens.requests;
  }

  oauthState(): OAuthState {
    return this.tokens.state();
  }

  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  sentMessage(id: string): SentMessage | undefined {
    return this.messages.get(id);
  }

  setBehavior(behavior: Behavior, options?: SetBehaviorOptions): void {
    this.behaviors.set(behavior, options);
  }

  behaviorState(): BehaviorState {
    return this.behaviors.state();
  }

  setAutoDlr(options: AutoDlrOptions | false): void {
    this.reports.setAutoDlr(options);
  }

  hasReportUrl(input: Pick<DeliveryReportInput, "messageId" | "url">): boolean {
    return this.reports.urlFor(input, this.messages.get(input.messageId)) !== null;
  }

  sendDeliveryReport(input: DeliveryReportInput): Promise<DeliveryReportResult> {
    return this.reports.send(input, this.messages.get(input.messageId));
  }

  reset(): void {
    this.requests.clear();
    this.messages.clear();
    this.reports.reset();
    this.behaviors.reset();
    this.tokens.reset();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.replyTimers.cancelAll();
    const reportsClosed = this.reports.close();
    this.requests.rejectWaiters(new Error("Fake provider closed"));
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await Promise.all([stopped, reportsClosed]);
  }

  // ── request handling ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const { pathname, query } = splitUrl(req.url ?? "/");
    const read = await readBody(req, MAX_BODY_BYTES);
    if (read.kind === "aborted") return;
    if (pathname.startsWith(ADMIN_PREFIX)) {
      if (read.kind !== "ok") return this.reply(res, jsonReply(413, { error: "body too large" }, { connection: "close" }));
      return this.reply(res, await this.admin.reply(method, pathname, query, read.raw));
    }
    const base = { method, pathname, query, headers: req.headers };
    if (read.kind === "too-large") {
      const error = `body over ${MAX_BODY_BYTES} bytes`;
      this.record({ ...base, raw: "", parsed: { body: undefined, error } }, { route: "unmatched", provider: null, status: 413 });
      return this.reply(res, jsonReply(413, { error }, { connection: "close" }));
    }
    if (pathname === TOKEN_PATH) {
      const parsed = parseBody(read.raw, bodyKindOf(header(req.headers, "content-type"), "form"));
      const requested = query.behavior ?? header(req.headers, "x-fake-behavior");
      const reply = this.tokens.reply(method, req.headers, parsed.body, typeof requested === "string" ? requested : null);
      this.record({ ...base, raw: read.raw, parsed }, { route: "oauth", provider: null, status: reply.status });
      // ?delay_ms= slows the token endpoint too: tests use it to have many workers wait for one token request.
      const delay = clampDelay(firstScalar(query.delay_ms) ?? header(req.headers, "x-fake-delay-ms"));
      if (delay) return void this.replyTimers.later(delay, () => this.reply(res, reply));
      return this.reply(res, reply);
    }
    const match = this.routes.match(method, pathname);
    if (!match) {
      const parsed = parseBody(read.raw, bodyKindOf(header(req.headers, "content-type"), "text"));
      this.record({ ...base, raw: read.raw, parsed }, { route: "unmatched", provider: null, status: 404 });
      return this.reply(res, jsonReply(404, { error: `no fake endpoint at ${method} ${pathname}` }));
    }
    const parsed = parseBody(read.raw, bodyKindOf(header(req.headers, "content-type"), match.route.bodyFallback));
    this.handleSend(res, { ...base, raw: read.raw, parsed }, match.route, match.pathParams);
  }

  private handleSend(res: ServerResponse, incoming: Incoming, route: Route, pathParams: string[]): void {
    const recorded = { route: route.name, provider: route.provider };
    const selected = this.behaviors.select(incoming.query, incoming.headers);
    if ("error" in selected) {
      this.record(incoming, { ...recorded, status: 400 });
      return this.reply(res, jsonReply(400, { error: selected.error }));
    }
    if (incoming.parsed.error) {
      this.record(incoming, { ...recorded, status: 400, behavior: selected.behavior });
      return this.reply(res, jsonReply(400, { error: incoming.parsed.error }));
    }
    const { method, pathname, query, headers } = incoming;
    const send: SendRequest = { method, pathname, query, headers, body: incoming.parsed.body, pathParams, apiKey: this.options.apiKey };
    const fields = route.emulation.fields(send);
    const decision = this.decide(route, send, fields, selected.behavior);
    this.record(incoming, { ...recorded, status: decision.reply.status, behavior: selected.behavior, fields, messageId: decision.message?.id ?? null });
    const finish = () => {
      this.reply(res, decision.reply);
      if (decision.message) this.reports.afterAccepted(decision.message);
    };
    const delay = selected.delayMs ?? (selected.behavior === "slow" ? this.behaviors.slowMs : 0);
    if (delay > 0) this.replyTimers.later(delay, finish);
    else finish();
  }

  /** Credentials first (a real provider refuses a bad key before anything else), then behaviour, then validation. */
  private decide(route: Route, send: SendRequest, fields: SendFields, behavior: Behavior): { reply: Reply; message: SentMessage | null } {
    const { emulation } = route;
    if (this.options.apiKey !== null && !emulation.authorized(send, this.options.apiKey)) {
      return { reply: failureReply(emulation, "unauthorized"), message: null };
    }
    // With OAuth on, a generic send needs a live token from /oauth/token: a revoked one gets the provider's 401.
    if (this.tokens.required && route.provider === "generic" && !this.tokens.accepts(send)) {
      return { reply: failureReply(emulation, "unauthorized"), message: null };
    }
    const outcome = outcomeOf(behavior);
    if (!outcome.accept) return { reply: "reply" in outcome ? outcome.reply : failureReply(emulation, outcome.failure), message: null };
    const invalid = emulation.invalid(fields, send);
    if (invalid) return { reply: failureReply(emulation, "rejected", invalid), message: null };
    const id = emulation.newId(this.ids, outcome.style);
    const message = this.remember({
      id,
      provider: route.provider,
      to: fields.to,
      from: fields.from,
      reference: fields.reference,
      callbackUrl: fields.callback?.url ?? null,
      callbackMethod: fields.callback?.method ?? "POST",
      accountSid: fields.accountSid,
      signingKey: fields.signingKey,
      wantsReports: fields.wantsReports,
    });
    return { reply: emulation.accepted(id, fields, send, outcome.style), message };
  }

  private remember(message: SentMessage): SentMessage {
    this.messages.set(message.id, message);
    if (this.messages.size > this.options.maxRecorded) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
    return message;
  }

  private record(incoming: Incoming, outcome: RequestOutcome): void {
    const truncated = incoming.raw.length > RECORDED_BODY_CHARS;
    const entry: RecordedRequest = {
      seq: ++this.requestSeq,
      at: Date.now(),
      method: incoming.method,
      path: incoming.pathname,
      query: incoming.query,
      headers: incoming.headers,
      rawBody: truncated ? incoming.raw.slice(0, RECORDED_BODY_CHARS) : incoming.raw,
      body: truncated ? undefined : incoming.parsed.body,
      parseError: incoming.parsed.error,
      truncated,
      route: outcome.route,
      provider: outcome.provider,
      behavior: outcome.behavior ?? null,
      status: outcome.status,
      messageId: outcome.messageId ?? null,
      to: outcome.fields?.to ?? null,
      text: outcome.fields?.text ?? null,
      callbackUrl: outcome.fields?.callback?.url ?? null,
    };
    this.requests.push(entry);
    notify(this.options.onRequest, entry);
  }

  private reply(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up while a slow reply waited
    res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
    res.end(reply.body);
  }

  private failInternally(res: ServerResponse, error: unknown): void {
    // A bug in the fake must show up in the test that hit it, not hang it.
    console.error("[fake-provider] internal error", error);
    if (!res.headersSent) this.reply(res, jsonReply(500, { error: "fake provider internal error" }));
  }
}

export async function createFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const resolved = resolveOptions(options);
  const server = new FakeProviderServer(resolved, await loadNativeEmulations());
  await server.listen();
  return server;
}
