// The admin API under /__admin/ (never recorded): what was received and reported, the behaviour, and
// reports on demand. Bodies are JSON and checked; a bad one is a 400 that says why.
import { z } from "zod";
import type { Params, Reply } from "@/lib/providers/emulation";
import type { BehaviorState } from "./behaviors";
import type { OAuthState } from "./oauth";
import type { AutoDlrConfig } from "./delivery-reports";
import { firstScalar, isHttpUrl, jsonReply } from "@/lib/providers/emulation-kit";
import {
  BEHAVIORS,
  GENERIC_DLR_FORMATS,
  MAX_DELAY_MS,
  MAX_QUEUED_BEHAVIORS,
  type AutoDlrOptions,
  type Behavior,
  type DeliveryReportInput,
  type DeliveryReportResult,
  type RecordedRequest,
  type SetBehaviorOptions,
} from "./types";

export const ADMIN_PREFIX = "/__admin/";

/** What the admin API reads and drives: the server. */
export interface AdminTarget {
  readonly received: readonly RecordedRequest[];
  readonly deliveryReports: readonly DeliveryReportResult[];
  readonly autoDlr: AutoDlrConfig | null;
  behaviorState(): BehaviorState;
  setBehavior(behavior: Behavior, options?: SetBehaviorOptions): void;
  setAutoDlr(options: AutoDlrOptions | false): void;
  /** Whether a report about this message has somewhere to go. */
  hasReportUrl(input: Pick<DeliveryReportInput, "messageId" | "url">): boolean;
  sendDeliveryReport(input: DeliveryReportInput): Promise<DeliveryReportResult>;
  oauthState(): OAuthState;
  revokeTokens(): void;
  reset(): void;
}

const delaySchema = z.number().int().min(0).max(MAX_DELAY_MS);
const statusWordSchema = z.string().min(1).max(100);
const httpUrlSchema = z.string().max(2048).refine(isHttpUrl, "must be an http(s) URL");

const behaviorBodySchema = z.object({
  behavior: z.enum(BEHAVIORS),
  slowMs: delaySchema.optional(),
  times: z.number().int().min(1).max(MAX_QUEUED_BEHAVIORS).optional(),
});

const autoDlrBodySchema = z.object({
  enabled: z.boolean().optional(),
  status: statusWordSchema.optional(),
  failureStatus: statusWordSchema.optional(),
  reason: z.string().max(500).optional(),
  format: z.enum(GENERIC_DLR_FORMATS).optional(),
  delayMs: delaySchema.optional(),
  intermediate: z.array(statusWordSchema).max(10).optional(),
});

/** `formats`: the generic ones and those the loaded emulations define. */
function dlrBodySchema(formats: readonly string[]) {
  return z.object({
    messageId: z.string().min(1).max(200),
    status: statusWordSchema,
    reason: z.string().max(500).optional(),
    url: httpUrlSchema.optional(),
    format: z.enum(formats as [string, ...string[]]).optional(),
    delayMs: delaySchema.optional(),
    recipient: z.string().max(50).optional(),
  });
}

class AdminInputError extends Error {}

function parseAdminBody<T>(schema: z.ZodType<T>, raw: string): T {
  let value: unknown;
  try {
    value = raw === "" ? {} : JSON.parse(raw);
  } catch {
    throw new AdminInputError("body must be JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminInputError(z.prettifyError(parsed.error));
  return parsed.data;
}

function lastItems<T>(items: readonly T[], query: Params): T[] {
  const limit = Number(firstScalar(query.limit) ?? NaN);
  return Number.isInteger(limit) && limit >= 0 ? items.slice(Math.max(0, items.length - limit)) : [...items];
}

export class AdminApi {
  private readonly dlrBody: ReturnType<typeof dlrBodySchema>;

  constructor(
    private readonly target: AdminTarget,
    reportFormats: readonly string[],
  ) {
    this.dlrBody = dlrBodySchema(reportFormats);
  }

  /** `pathname` starts with ADMIN_PREFIX. */
  async reply(method: string, pathname: string, query: Params, raw: string): Promise<Reply> {
    try {
      return await this.act(`${method} ${pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, "")}`, query, raw);
    } catch (error) {
      if (!(error instanceof AdminInputError)) throw error;
      return jsonReply(400, { error: error.message });
    }
  }

  private async act(action: string, query: Params, raw: string): Promise<Reply> {
    const target = this.target;
    switch (action) {
      case "GET health":
        return jsonReply(200, { ok: true });
      case "GET requests":
        return jsonReply(200, { count: target.received.length, requests: lastItems(target.received, query) });
      case "GET dlrs":
        return jsonReply(200, { count: target.deliveryReports.length, reports: lastItems(target.deliveryReports, query) });
      case "POST reset":
        target.reset();
        return jsonReply(200, { ok: true });
      case "GET behavior":
        return jsonReply(200, target.behaviorState());
      case "POST behavior": {
        const body = parseAdminBody(behaviorBodySchema, raw);
        target.setBehavior(body.behavior, { slowMs: body.slowMs, times: body.times });
        return jsonReply(200, target.behaviorState());
      }
      case "POST auto-dlr": {
        const { enabled, ...rest } = parseAdminBody(autoDlrBodySchema, raw);
        target.setAutoDlr(enabled === false ? false : rest);
        return jsonReply(200, { autoDlr: target.autoDlr });
      }
      case "GET oauth":
        return jsonReply(200, target.oauthState());
      case "POST oauth/revoke":
        target.revokeTokens();
        return jsonReply(200, target.oauthState());
      case "POST dlr":
        return this.deliveryReport(parseAdminBody(this.dlrBody, raw));
      default:
        return jsonReply(404, { error: `no admin action ${action}` });
    }
  }

  private async deliveryReport(input: DeliveryReportInput): Promise<Reply> {
    if (!this.target.hasReportUrl(input)) throw new AdminInputError(`no callback URL known for message ${input.messageId}; pass "url"`);
    if (input.delayMs) {
      // Deferred: the caller learns the outcome from GET /__admin/dlrs, not from this reply.
      this.target.sendDeliveryReport(input).catch(() => {});
      return jsonReply(202, { scheduled: true, delayMs: input.delayMs });
    }
    return jsonReply(200, await this.target.sendDeliveryReport(input));
  }
}
