// The CLI's flags, read into createFakeProvider options; kept apart from cli.ts so tests can read them.
import { parseArgs } from "node:util";
import { BEHAVIORS, GENERIC_DLR_FORMATS, type Behavior, type FakeProviderOptions, type GenericDlrFormat } from "./types";

export const USAGE = `Usage: npm run fake-provider -- [options]
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
  --oauth-client <id:secret> POST /oauth/token accepts only this client, and generic sends need its token
  --oauth-expires-in <s>     expires_in of the tokens it issues (default 3600)
  --no-record                keep no history (benchmarks); the admin API then lists nothing
  --quiet                    no per-request log lines
  --help`;

export class UsageError extends Error {}

export type CliOptions = FakeProviderOptions & { quiet: boolean };

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

/** null for --help; throws on a bad flag with a one-line reason. */
export function readOptions(argv: string[]): CliOptions | null {
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
      "oauth-client": { type: "string" },
      "oauth-expires-in": { type: "string" },
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
    oauth: oauthOptions(values["oauth-client"], values["oauth-expires-in"]),
    record: !values["no-record"],
    quiet: values.quiet ?? false,
  };
}

function oauthOptions(client: string | undefined, expiresIn: string | undefined): CliOptions["oauth"] {
  if (client === undefined && expiresIn === undefined) return undefined;
  const colon = client?.indexOf(":") ?? -1;
  if (client !== undefined && colon < 1) throw new UsageError(`--oauth-client must be <id>:<secret>, got "${client}"`);
  return {
    ...(client !== undefined ? { clientId: client.slice(0, colon), clientSecret: client.slice(colon + 1) } : {}),
    ...(expiresIn !== undefined ? { expiresIn: integer("oauth-expires-in", expiresIn, 3600, 86_400 * 30) } : {}),
  };
}
