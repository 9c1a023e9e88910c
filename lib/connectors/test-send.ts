// Send Test SMS: one real send with the form's values — saved or not — and everything the provider
// said, for the request inspector. With a saved connector it is recorded as a test message, so its
// delivery report can be matched later.
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createMessages, markFailed, markSent } from "@/lib/messages/lifecycle";
import { tryNormalizePhone } from "@/lib/messages/phone";
import { attemptJson, sentRecord } from "@/lib/messages/process-send";
import { countSegments } from "@/lib/messages/segments";
import { outboundGuard } from "@/lib/security/outbound";
import { parseInput } from "@/lib/validation";
import { attemptSend } from "./attempt";
import type { TokenExchange } from "./oauth";
import { freshTokenSource } from "./oauth-token-store";
import type { BuiltRequest } from "./request";
import { pickSender } from "./runtime";
import { nativeConnectorInputSchema, prepareNative } from "@/lib/providers/settings";
import { connectorInputSchema, DEFAULT_MAX_SEGMENTS, sendersSchema, type ConnectorInput, type ConnectorRequest } from "./schema";
import { sealRequest, unsealRequest } from "./secret-rows";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { deliveryReportUrl } from "@/lib/delivery/report-url";
import { requestWarnings, type ConnectorWarning } from "./warnings";

export const testSendSchema = z.object({
  to: z.string().trim().min(1, "Enter a mobile number").max(32),
  /** Optional country calling code for a number typed without one, e.g. "+46" or "46". */
  countryCode: z.string().trim().regex(/^\+?\d{1,4}$/, "Use a country calling code such as +46").optional().or(z.literal("")),
  message: z.string().min(1, "Enter a message").max(1600),
  sender: z.string().trim().max(50).optional(),
  /** The form's current values; without them the saved connector is used. */
  connector: z.unknown().optional(),
});

export interface TestSendResult {
  request: BuiltRequest | null;
  response: { status: number; headers: Record<string, string>; body: string } | null;
  sentId: string | null;
  messageId: string | null;
  error: string | null;
  note: string | null;
  durationMs: number;
  /** What in the tested configuration cannot work as meant, as the connector's save would report it. */
  warnings: ConnectorWarning[];
  /** OAuth 2.0 connectors: the token request made for the test and its reply, secrets and token masked. */
  tokenExchanges: TokenExchange[];
}

interface TestConfig {
  /** Plain (secrets decrypted): this never leaves the server. */
  request: ConnectorRequest;
  response: ConnectorInput["response"];
  timeoutMs: number;
  maxSegments: number;
  senders: Array<{ name: string; type: "promotional" | "transactional"; default: boolean }>;
}

/** The configuration to test: the form's values (custom or native), with masked secrets falling back to the saved ones. */
function resolveTestConfig(
  values: unknown,
  stored: { kind: string; timeoutMs: number; senders: Array<{ name: string; type: "promotional" | "transactional"; isDefault: boolean }> } | null,
  storedConfig: ReturnType<typeof readStoredConfig> | null,
): TestConfig | null {
  if (values !== undefined) {
    if (typeof values === "object" && values !== null && "kind" in values && values.kind !== "custom") {
      const native = parseInput(nativeConnectorInputSchema, values);
      const senders = parseInput(sendersSchema, native.senders);
      const prepared = prepareNative(native.kind, native.settings, senders, storedConfig?.provider?.settings ?? null);
      return { request: prepared.config.request, response: prepared.config.response, timeoutMs: native.timeoutMs, maxSegments: native.maxSegments ?? storedConfig?.maxSegments ?? DEFAULT_MAX_SEGMENTS, senders };
    }
    const custom = parseInput(connectorInputSchema, values);
    return { request: unsealRequest(sealRequest(custom.request, storedConfig?.request ?? null)), response: custom.response, timeoutMs: custom.timeoutMs, maxSegments: custom.maxSegments, senders: custom.senders };
  }
  if (!stored || !storedConfig) return null;
  return {
    request: unsealRequest(storedConfig.request),
    response: storedConfig.response,
    timeoutMs: stored.timeoutMs,
    maxSegments: storedConfig.maxSegments,
    senders: stored.senders.map((s) => ({ name: s.name, type: s.type, default: s.isDefault })),
  };
}

export async function testSend(actor: Actor, connectorId: string | null, raw: unknown): Promise<TestSendResult> {
  requirePermission(actor, "configure");
  const input = parseInput(testSendSchema, raw);
  const stored = connectorId
    ? await db().connector.findFirst({
        where: { id: connectorId, workspaceId: actor.workspaceId },
        select: { id: true, kind: true, publicId: true, name: true, config: true, timeoutMs: true, throughputPerSecond: true, senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
      })
    : null;
  if (connectorId && !stored) throw new NotFoundError("Connector");
  const storedConfig = stored ? readStoredConfig(stored.config) : null;

  const form = resolveTestConfig(input.connector, stored, storedConfig);
  if (!form) throw new ValidationError([{ field: "connector", message: "Send the connector's values, or test a saved connector" }]);
  const request = form.request;
  const senders = form.senders.map((s) => ({ name: s.name, type: s.type, isDefault: s.default }));
  const sender = pickSender({ senders }, input.sender);
  if (!sender) throw new ValidationError([{ field: "sender", message: `No sender named "${input.sender}"` }]);

  const typed = input.countryCode && !input.to.startsWith("+") ? `+${input.countryCode.replace("+", "")}${input.to.replace(/^0+/, "")}` : input.to;
  const to = tryNormalizePhone(typed);
  if (!to) throw new ValidationError([{ field: "to", message: "Invalid mobile number" }]);

  const { segments, encoding } = countSegments(input.message);
  // A saved connector's test is recorded like any message (isTest), so its delivery report can be matched later.
  const [message] = stored
    ? await createMessages([
        { workspaceId: actor.workspaceId, connectorId: stored.id, senderName: sender.name, senderType: sender.type, to, body: input.message, isTest: true, segments, encoding, status: "sending", detail: "Test SMS" },
      ])
    : [null];

  const dlrUrl = stored ? deliveryReportUrl(stored.kind, stored.publicId) : undefined;
  const guard = outboundGuard();
  // A test always asks for a new token, so it shows (and proves) the token exchange; it never touches the shared one.
  const tokens = request.auth?.type === "oauth2" ? freshTokenSource(request.auth, { guard, timeoutMs: form.timeoutMs }) : undefined;
  const result = await attemptSend(
    { request, response: form.response, timeoutMs: form.timeoutMs, maxSegments: form.maxSegments, tokens },
    { destination: to, message: input.message, sender: sender.name, senderType: sender.type, messageId: message?.id ?? "test", dlrUrl, user: {} },
    { guard },
  );

  if (message) {
    if (result.outcome === "sent") await markSent([sentRecord(message.id, result)]);
    else await markFailed([{ id: message.id, reason: result.reason ?? "Failed", ...attemptJson(result) }]);
  }

  return {
    request: result.request,
    response: result.response,
    sentId: result.sentId,
    messageId: message?.id ?? null,
    error: result.outcome === "sent" ? null : result.reason,
    note: result.note,
    durationMs: result.durationMs,
    warnings: requestWarnings(request),
    tokenExchanges: result.tokenExchanges,
  };
}
