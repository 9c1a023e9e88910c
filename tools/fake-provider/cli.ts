// Runs the fake SMS provider for local trials and benchmarks: `npm run fake-provider -- --port 4010`.
import { readOptions, USAGE, type CliOptions } from "./cli-options";
import { loadNativeEmulations } from "./routes";
import { createFakeProvider, BEHAVIORS, type DeliveryReportResult, type RecordedRequest } from "./index";

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

/** The first line carries the URL: bench/bench-send.ts reads it from there. */
async function describeEndpoints(url: string): Promise<string> {
  const natives = (await loadNativeEmulations()).flatMap(({ label, emulation }) =>
    emulation.routes.map((route) => `  ${`${label}:`.padEnd(16)}${route.methods?.join("|") ?? "any"} ${route.path}${emulation.note ? ` (${emulation.note})` : ""}`),
  );
  return [
    `Fake SMS provider listening on ${url}`,
    "  Generic sends:  POST /json/send · POST /form/send · GET /get/send · POST /xml/send",
    `                  ?behavior=<${BEHAVIORS.join("|")}> or X-Fake-Behavior; ?delay_ms=<n>`,
    ...natives,
    "  OAuth 2.0:      POST /oauth/token (client credentials)",
    "  Admin:          GET /__admin/requests · GET /__admin/dlrs · POST /__admin/reset",
    "                  GET|POST /__admin/behavior · POST /__admin/auto-dlr · POST /__admin/dlr",
    "                  GET /__admin/oauth · POST /__admin/oauth/revoke",
  ].join("\n");
}

async function main(): Promise<void> {
  let options: CliOptions | null;
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
  console.log(await describeEndpoints(fake.url));

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
