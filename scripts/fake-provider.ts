// Runs the fake SMS provider for local demos and benchmarks: `npm run fake-provider -- --port 4010`.
import { parseArgs } from "node:util";
import {
  BEHAVIORS,
  GENERIC_DLR_FORMATS,
  createFakeProvider,
  type Behavior,
  type DeliveryReportResult,
  type FakeProviderOptions,
  type GenericDlrFormat,
  type RecordedRequest,
} from "../e2e/fake-provider/server";

const USAGE = `Usage: tsx scripts/fake-provider.ts [options]
  --port <n>                 port to listen on (default 4010; 0 picks a free one)
  --host <addr>              address to bind (default 127.0.0.1)
  --api-key <key>            refuse sends without this key (401 in each provider's shape)
  --behavior <b>             default reply: ${BEHAVIORS.join(", ")} (default ok)
  --slow-ms <n>              delay of the "slow" behaviour (default 2000)
  --auto-dlr <status>        send a delivery report after each accepted send, with this status
  --dlr-failure-status <s>   status for recipients ending in 0000 (default undelivered)
  --dlr-format <f>           ${GENERIC_DLR_FORMATS.join(", ")} (default json)
  --dlr-delay <ms>           wait before an automatic report (default 0)
  --dlr-url <url>            where reports go when a send names no callback URL
  --callback-field <name>    another field that carries a callback URL (repeatable)
  --no-record                keep no history (benchmarks); the admin API then lists nothing
  --quiet                    no per-request log lines
  --help`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}, got "${value}"`);
  return number;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

function readOptions(argv: string[]): (FakeProviderOptions & { quiet: boolean }) | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      behavior: { type: "string" },
      "slow-ms": { type: "string" },
      "auto-dlr": { type: "string" },
      "dlr-failure-status": { type: "string" },
      "dlr-format": { type: "string" },
      "dlr-delay": { type: "string" },
      "dlr-url": { type: "string" },
      "callback-field": { type: "string", multiple: true },
      "no-record": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return null;
  const format = oneOf<GenericDlrFormat>("dlr-format", values["dlr-format"], GENERIC_DLR_FORMATS);
  const autoDlrStatus = values["auto-dlr"];
  return {
    port: integer("port", values.port, 4010, 65_535),
    host: values.host,
    apiKey: values["api-key"],
    behavior: oneOf<Behavior>("behavior", values.behavior, BEHAVIORS),
    slowMs: integer("slow-ms", values["slow-ms"], 2_000, 60_000),
    dlrUrl: values["dlr-url"],
    autoDlr:
      autoDlrStatus === undefined
        ? false
        : { status: autoDlrStatus, failureStatus: values["dlr-failure-status"], format, delayMs: integer("dlr-delay", values["dlr-delay"], 0, 60_000) },
    callbackFields: values["callback-field"],
    record: !values["no-record"],
    quiet: values.quiet ?? false,
  };
}

function time(): string {
  return new Date().toISOString().slice(11, 23);
}

function requestLine(request: RecordedRequest): string {
  const details = [request.behavior, request.messageId && `id=${request.messageId}`, request.to && `to=${request.to}`, request.parseError].filter(Boolean);
  return `${time()} ${request.method} ${request.path} ${request.status} ${details.join(" ")}`.trimEnd();
}

function reportLine(report: DeliveryReportResult): string {
  return `${time()} DLR ${report.format} ${report.reportStatus} ${report.messageId} → ${report.method} ${report.url} ${report.responseStatus ?? `failed: ${report.error}`}`;
}

function describeEndpoints(url: string): string {
  return [
    `Fake SMS provider listening on ${url}`,
    "  Generic sends:  POST /json/send · POST /form/send · GET /get/send · POST /xml/send",
    `                  ?behavior=<${BEHAVIORS.join("|")}> or X-Fake-Behavior; ?delay_ms=<n>`,
    "  Twilio:         POST /2010-04-01/Accounts/:sid/Messages.json",
    "  Sinch:          POST /xms/v1/:plan/batches",
    "  Gupshup:        GET|POST /GatewayAPI/rest",
    "  Kaleyra:        POST /v1/:sid/messages",
    "  ICS Mobile:     POST /ics/v1/messages (assumed API)",
    "  Admin:          GET /__admin/requests · GET /__admin/dlrs · POST /__admin/reset",
    "                  GET|POST /__admin/behavior · POST /__admin/auto-dlr · POST /__admin/dlr",
  ].join("\n");
}

async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    // parseArgs and our own checks both explain themselves in one line.
    console.error(`fake-provider: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!options) {
    console.log(USAGE);
    return;
  }
  const { quiet, ...providerOptions } = options;
  const fake = await createFakeProvider({
    ...providerOptions,
    onRequest: quiet ? undefined : (request) => console.log(requestLine(request)),
    onDeliveryReport: quiet ? undefined : (report) => console.log(reportLine(report)),
  });
  console.log(describeEndpoints(fake.url));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    fake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("fake-provider: could not close cleanly", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`fake-provider: ${(error as Error).message}`);
  process.exit(1);
});
