/**
 * Fake SMS provider for tests, benchmarks and local trials: a real node:http server that answers like SMS
 * providers, records what it receives and calls delivery-report (DLR) URLs back. Tests start it on port 0
 * with createFakeProvider(); the README's "The fake SMS provider" section describes it for people.
 *
 *   server.ts            reads, routes, answers and records requests (bodies.ts, history.ts)
 *   generic.ts           sends in any shape to /json/send, /form/send, /get/send, /xml/send; generic report formats
 *   routes.ts            the route table: the generic routes, then each registry provider's emulation
 *                        (lib/providers/<kind>/emulation.ts, built from lib/providers/emulation-kit.ts)
 *   behaviors.ts         ok, text, xml, slow, error-200, maintenance, unauthorized, rate-limit, unavailable
 *   oauth.ts             POST /oauth/token (client credentials), counted; tokens required on generic sends on request
 *   delivery-reports.ts  reports on demand and automatic ones (autoDlr), recorded with the app's answer
 *   admin.ts             the /__admin/ API
 *   cli.ts               `npm run fake-provider` (flags in cli-options.ts)
 */
export { createFakeProvider } from "./server";
export {
  BEHAVIORS,
  GENERIC_DLR_FORMATS,
  type AutoDlrOptions,
  type Behavior,
  type DeliveryReportInput,
  type DeliveryReportResult,
  type DlrFormat,
  type FakeProvider,
  type FakeProviderOptions,
  type GenericDlrFormat,
  type Params,
  type ProviderName,
  type RecordedRequest,
  type RouteName,
  type SentMessage,
  type SetBehaviorOptions,
} from "./types";
