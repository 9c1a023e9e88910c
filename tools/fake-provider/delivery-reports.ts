// Delivery reports the fake sends back: on demand, or automatically after each accepted send, in the
// generic formats or a provider's own, to the send's callback URL or the dlrUrl option. Each one is
// recorded with the app's answer.
import { Agent, request } from "undici";
import type { OutgoingReport, ReportParts, ReportStyle, SentMessage } from "@/lib/providers/emulation";
import { readCapped } from "./bodies";
import { digitsOnly } from "@/lib/providers/emulation-kit";
import { buildGenericReport } from "./generic";
import { History, notify, Timers } from "./history";
import type { RouteTable } from "./routes";
import { GENERIC_DLR_FORMATS, MAX_DELAY_MS, type AutoDlrOptions, type DeliveryReportInput, type DeliveryReportResult, type DlrFormat, type GenericDlrFormat } from "./types";

const RESPONSE_BODY_CHARS = 16 * 1024;

export type AutoDlrConfig = Required<AutoDlrOptions>;
const DEFAULT_AUTO_DLR: AutoDlrConfig = {
  status: "delivered",
  failureStatus: "undelivered",
  reason: "Absent subscriber",
  format: "json",
  delayMs: 0,
  intermediate: [],
};

/**
 * Spreading the options over the defaults would let a key that is present but undefined (the CLI passes
 * every flag, given or not) wipe its default: a report format of undefined builds no report at all.
 */
export function withAutoDlrDefaults(options: AutoDlrOptions): AutoDlrConfig {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as AutoDlrOptions;
  return { ...DEFAULT_AUTO_DLR, ...given };
}

function isGenericFormat(format: string): format is GenericDlrFormat {
  return (GENERIC_DLR_FORMATS as readonly string[]).includes(format);
}

function describeReport(report: DeliveryReportResult): string {
  return `${report.format} ${report.reportStatus} ${report.messageId} → ${report.responseStatus ?? report.error}`;
}

export interface DeliveryReportSettings {
  dlrUrl: string | null;
  failingSuffix: string;
  autoDlr: AutoDlrConfig | null;
  record: boolean;
  maxRecorded: number;
  onDeliveryReport: ((report: DeliveryReportResult) => void) | null;
}

export class DeliveryReports {
  readonly history: History<DeliveryReportResult>;
  /** Every format a report can be sent in: the generic ones, then the providers' own. */
  readonly formats: readonly string[];
  autoDlr: AutoDlrConfig | null;

  private readonly timers = new Timers();
  private readonly agent = new Agent({ connections: 64, headersTimeout: 10_000, bodyTimeout: 10_000, connect: { timeout: 5_000 } });
  private readonly abort = new AbortController();
  private seq = 0;
  private closed = false;

  constructor(
    private readonly settings: DeliveryReportSettings,
    private readonly routes: RouteTable,
  ) {
    this.history = new History(settings.maxRecorded, settings.record, describeReport);
    this.formats = [...GENERIC_DLR_FORMATS, ...routes.reportFormats.keys()];
    this.autoDlr = settings.autoDlr;
  }

  setAutoDlr(options: AutoDlrOptions | false): void {
    this.autoDlr = options ? withAutoDlrDefaults(options) : null;
  }

  urlFor(input: Pick<DeliveryReportInput, "url">, message: SentMessage | undefined): string | null {
    return input.url ?? message?.callbackUrl ?? this.settings.dlrUrl;
  }

  async send(input: DeliveryReportInput, message: SentMessage | undefined): Promise<DeliveryReportResult> {
    const url = this.urlFor(input, message);
    if (!url) throw new Error(`No callback URL for message ${input.messageId}: pass url, or start the fake with dlrUrl`);
    const format = input.format ?? this.styleFor(message?.provider ?? "generic").format;
    if (!this.formats.includes(format)) throw new Error(`Unknown report format "${format}"; use one of ${this.formats.join(", ")}`);
    if (input.delayMs && !(await this.timers.sleep(Math.min(input.delayMs, MAX_DELAY_MS)))) {
      throw new Error("Delivery report cancelled by reset() or close()");
    }
    const parts = { messageId: input.messageId, status: input.status, reason: input.reason ?? null, recipient: input.recipient ?? message?.to ?? null, message };
    return this.dispatch(format, url, parts);
  }

  /** After an accepted send: the intermediate statuses, then success, or failure for a failing recipient. */
  afterAccepted(message: SentMessage): void {
    const url = message.callbackUrl ?? this.settings.dlrUrl;
    if (!this.autoDlr || !url || !message.wantsReports) return;
    const style = this.styleFor(message.provider);
    const final = this.isFailingRecipient(message.to) ? { status: style.failure, reason: style.failureReason } : { status: style.success, reason: null };
    const steps = [...style.intermediate.map((status) => ({ status, reason: null })), final];
    this.timers.later(this.autoDlr.delayMs, () => {
      this.runSteps(style.format, url, message, steps).catch((error: unknown) => console.error("[fake-provider] automatic report failed", error));
    });
  }

  reset(): void {
    this.history.clear();
    this.timers.cancelAll();
    this.autoDlr = this.settings.autoDlr;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timers.cancelAll();
    this.abort.abort();
    this.history.rejectWaiters(new Error("Fake provider closed"));
    await this.agent.destroy();
  }

  private styleFor(provider: string): ReportStyle {
    const native = this.routes.reportStyleOf(provider);
    if (native) return native;
    const config = this.autoDlr ?? DEFAULT_AUTO_DLR;
    return { format: config.format, intermediate: config.intermediate, success: config.status, failure: config.failureStatus, failureReason: config.reason };
  }

  private isFailingRecipient(to: string | null): boolean {
    return this.settings.failingSuffix !== "" && digitsOnly(to).endsWith(this.settings.failingSuffix);
  }

  /** One after the other, so the app sees queued → sent → delivered in that order, as Twilio sends them. */
  private async runSteps(format: DlrFormat, url: string, message: SentMessage, steps: ReadonlyArray<{ status: string; reason: string | null }>): Promise<void> {
    for (const step of steps) {
      if (this.closed) return;
      await this.dispatch(format, url, { messageId: message.id, status: step.status, reason: step.reason, recipient: message.to, message });
    }
  }

  private build(format: DlrFormat, url: string, parts: ReportParts): OutgoingReport {
    if (isGenericFormat(format)) return buildGenericReport(format, url, parts);
    const build = this.routes.reportFormats.get(format);
    if (!build) throw new Error(`Unknown report format "${format}"`);
    return build(url, parts);
  }

  private async dispatch(format: DlrFormat, url: string, parts: ReportParts): Promise<DeliveryReportResult> {
    const outgoing = this.build(format, url, parts);
    let responseStatus: number | null = null;
    let responseBody = "";
    let error: string | null = null;
    try {
      const response = await request(outgoing.url, {
        method: outgoing.method,
        headers: outgoing.headers,
        body: outgoing.body ?? undefined,
        dispatcher: this.agent,
        signal: this.abort.signal,
      });
      responseStatus = response.statusCode;
      responseBody = await readCapped(response.body, RESPONSE_BODY_CHARS);
    } catch (caught) {
      error = (caught as Error).message;
    }
    const result: DeliveryReportResult = {
      seq: ++this.seq,
      at: Date.now(),
      messageId: parts.messageId,
      reportStatus: parts.status,
      format,
      method: outgoing.method,
      url: outgoing.url,
      requestHeaders: outgoing.headers,
      requestBody: outgoing.body,
      responseStatus,
      responseBody,
      error,
    };
    this.history.push(result);
    notify(this.settings.onDeliveryReport, result);
    return result;
  }
}
