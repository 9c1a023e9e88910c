// Checks every answer the API tests get against the OpenAPI document: the operation is found from the route
// handler that answered, and the body must match the documented schema of its status and content type.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { openApiDocument } from "@/lib/api/openapi";
import * as connectors from "@/app/api/v1/connectors/route";
import * as connector from "@/app/api/v1/connectors/[id]/route";
import * as copyAsCustom from "@/app/api/v1/connectors/[id]/copy-as-custom/route";
import * as deliveryFields from "@/app/api/v1/connectors/[id]/delivery-fields/route";
import * as deliveryReports from "@/app/api/v1/connectors/[id]/delivery-reports/route";
import * as deliveryTracking from "@/app/api/v1/connectors/[id]/delivery-tracking/route";
import * as exporter from "@/app/api/v1/connectors/[id]/export/route";
import * as connectorMessages from "@/app/api/v1/connectors/[id]/messages/route";
import * as metrics from "@/app/api/v1/connectors/[id]/metrics/route";
import * as testSend from "@/app/api/v1/connectors/[id]/test/route";
import * as messages from "@/app/api/v1/messages/route";
import * as batch from "@/app/api/v1/messages/batch/route";
import * as message from "@/app/api/v1/messages/[id]/route";
import * as suppressions from "@/app/api/v1/suppressions/route";
import * as suppression from "@/app/api/v1/suppressions/[phone]/route";
import * as duplicate from "@/app/api/v1/connectors/[id]/duplicate/route";
import * as overTime from "@/app/api/v1/connectors/[id]/metrics/over-time/route";
import * as unmatched from "@/app/api/v1/connectors/[id]/unmatched-reports/route";
import * as rematch from "@/app/api/v1/connectors/[id]/unmatched-reports/rematch/route";
import * as attempt from "@/app/api/v1/messages/[id]/attempt/route";
import * as userAttributes from "@/app/api/v1/user-attributes/route";
import * as campaigns from "@/app/api/v1/campaigns/route";
import * as campaign from "@/app/api/v1/campaigns/[id]/route";
import * as campaignStart from "@/app/api/v1/campaigns/[id]/start/route";
import * as campaignPause from "@/app/api/v1/campaigns/[id]/pause/route";
import * as campaignResume from "@/app/api/v1/campaigns/[id]/resume/route";
import * as campaignCancel from "@/app/api/v1/campaigns/[id]/cancel/route";
import * as campaignMetrics from "@/app/api/v1/campaigns/[id]/metrics/route";
import * as campaignRecipients from "@/app/api/v1/campaigns/[id]/recipients/route";
import * as campaignInvalidRows from "@/app/api/v1/campaigns/[id]/invalid-rows/route";
import * as campaignAudience from "@/app/api/v1/campaigns/[id]/audience/route";
import * as campaignPreview from "@/app/api/v1/campaigns/[id]/preview/route";

const ROUTES: Array<[string, Record<string, unknown>]> = [
  ["/api/v1/connectors", connectors],
  ["/api/v1/connectors/{id}", connector],
  ["/api/v1/connectors/{id}/copy-as-custom", copyAsCustom],
  ["/api/v1/connectors/{id}/delivery-fields", deliveryFields],
  ["/api/v1/connectors/{id}/delivery-reports", deliveryReports],
  ["/api/v1/connectors/{id}/delivery-tracking", deliveryTracking],
  ["/api/v1/connectors/{id}/export", exporter],
  ["/api/v1/connectors/{id}/messages", connectorMessages],
  ["/api/v1/connectors/{id}/metrics", metrics],
  ["/api/v1/connectors/{id}/test", testSend],
  ["/api/v1/messages", messages],
  ["/api/v1/messages/batch", batch],
  ["/api/v1/messages/{id}", message],
  ["/api/v1/suppressions", suppressions],
  ["/api/v1/suppressions/{phone}", suppression],
  ["/api/v1/connectors/{id}/duplicate", duplicate],
  ["/api/v1/connectors/{id}/metrics/over-time", overTime],
  ["/api/v1/connectors/{id}/unmatched-reports", unmatched],
  ["/api/v1/connectors/{id}/unmatched-reports/rematch", rematch],
  ["/api/v1/messages/{id}/attempt", attempt],
  ["/api/v1/user-attributes", userAttributes],
  ["/api/v1/campaigns", campaigns],
  ["/api/v1/campaigns/{id}", campaign],
  ["/api/v1/campaigns/{id}/start", campaignStart],
  ["/api/v1/campaigns/{id}/pause", campaignPause],
  ["/api/v1/campaigns/{id}/resume", campaignResume],
  ["/api/v1/campaigns/{id}/cancel", campaignCancel],
  ["/api/v1/campaigns/{id}/metrics", campaignMetrics],
  ["/api/v1/campaigns/{id}/recipients", campaignRecipients],
  ["/api/v1/campaigns/{id}/invalid-rows", campaignInvalidRows],
  ["/api/v1/campaigns/{id}/audience", campaignAudience],
  ["/api/v1/campaigns/{id}/preview", campaignPreview],
];

type Document = ReturnType<typeof openApiDocument>;
const DOCUMENT_ID = "https://switchboard.test/openapi.json";
const document = openApiDocument("http://switchboard.test") as Document & { paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>> };
interface ResponseObject {
  content?: Record<string, { schema: unknown }>;
}

/** Handler → the documented operation it serves (405 handlers and the like serve none). */
const operations = new Map<unknown, { path: string; method: string }>();
for (const [path, module] of ROUTES) {
  for (const [method, handler] of Object.entries(module)) {
    if (document.paths[path]?.[method.toLowerCase()]) operations.set(handler, { path, method: method.toLowerCase() });
  }
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
ajv.addSchema({ ...document, $id: DOCUMENT_ID });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

export const validationCount = { checked: 0 };

/**
 * Throws when the answer does not match the document. Handlers that serve no documented operation (405s, the
 * unknown-path 404) must still answer the documented Error shape.
 */
export function assertDocumented(handler: unknown, status: number, contentType: string | null, body: unknown): void {
  const operation = operations.get(handler);
  if (!operation) {
    if (status >= 400) check("/components/schemas/Error", body, `${status} from an undocumented handler`);
    return;
  }
  const responses = document.paths[operation.path][operation.method].responses;
  const documented = responses[String(status)];
  const label = `${operation.method.toUpperCase()} ${operation.path} → ${status}`;
  if (!documented) throw new Error(`${label} is not documented (documented: ${Object.keys(responses).join(", ")})`);
  if (!documented.content) {
    if (body !== null && body !== "") throw new Error(`${label} documents no body, but one came back`);
    validationCount.checked++;
    return;
  }
  const type = Object.keys(documented.content).find((mediaType) => contentType?.startsWith(mediaType));
  if (!type) throw new Error(`${label} answered ${contentType}, documented: ${Object.keys(documented.content).join(", ")}`);
  const pointer = `/paths/${escape(operation.path)}/${operation.method}/responses/${status}/content/${escape(type)}/schema`;
  check(pointer, body, label);
}

function check(pointer: string, body: unknown, label: string) {
  const validate = validatorFor(pointer);
  if (!validate(body)) {
    throw new Error(`${label} does not match the OpenAPI document: ${ajv.errorsText(validate.errors, { separator: "\n  " })}\n  body: ${JSON.stringify(body).slice(0, 2000)}`);
  }
  validationCount.checked++;
}

export { document as openApi, validatorFor };
