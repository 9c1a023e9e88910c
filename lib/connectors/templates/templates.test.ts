// Every connector template is a connector Switchboard can save and send with, and its delivery mapping reads the
// report the provider's documentation shows: delivered, failed with the reason recorded, matched by the right id.
// (tests/connector-templates.test.ts runs each one against the fake provider, end to end.)
import { describe, expect, it } from "vitest";
import { connectorInputSchema, deliveryTrackingSchema } from "@/lib/connectors/schema";
import { buildRequest, validateRequestTemplates } from "@/lib/connectors/request";
import { SAMPLE_VARIABLES } from "@/lib/connectors/template";
import { parseCallback } from "@/lib/delivery/parse-callback";
import { resolveStatus } from "@/lib/delivery/resolve-status";
import { trackingWarnings } from "@/lib/delivery/warnings";
import type { SentMessage } from "@/lib/providers/emulation";
import { scriptedEmulation } from "@/tools/fake-provider/gateways";
import { fillTemplate } from "./create-from-template";
import { CONNECTOR_TEMPLATES, findConnectorTemplate, templateSummaries, type ConnectorTemplate } from "./index";

const EXPECTED = ["kannel", "jasmin", "vonage", "plivo", "infobip", "telnyx", "messagebird", "msg91", "textlocal"];

function sampleInputs(template: ConnectorTemplate): Record<string, string> {
  return Object.fromEntries(template.inputs.map((input) => [input.key, input.kind === "url" ? (input.default ?? "https://gateway.example.com") : `${input.key}-value`]));
}

function connectorOf(template: ConnectorTemplate) {
  return connectorInputSchema.parse({ ...fillTemplate(template, sampleInputs(template)), name: template.name, senders: [{ name: "ACME", type: "transactional" }] });
}

/** The example report as the provider would send it about message `id` (provider's) / `reference` (ours). */
function exampleReport(template: ConnectorTemplate, status: string, reason: string | undefined) {
  const route = { path: "/x", reply: template.examples.reply, report: template.examples.report };
  const build = scriptedEmulation(route).reportFormats!["scripted:/x"];
  const message = { reference: "msg_ours_1" } as SentMessage;
  const outgoing = build("https://switchboard.example/sms/dlr/custom/pub", { messageId: "prov-1", status, reason: reason ?? null, recipient: "15551234567", message });
  const url = new URL(outgoing.url);
  const [report] = parseCallback({ method: outgoing.method, contentType: outgoing.headers["content-type"] ?? null, query: url.search, body: outgoing.body ?? "" }).reports;
  return report;
}

describe("the connector-template gallery", () => {
  it("has the gateways and providers people ask for, each valid against the template schema", () => {
    expect(CONNECTOR_TEMPLATES.map((template) => template.id)).toEqual(EXPECTED);
    expect(templateSummaries().map((summary) => Object.keys(summary))).toEqual(EXPECTED.map(() => ["id", "name", "kind", "summary"]));
    expect(findConnectorTemplate("nope")).toBeNull();
  });
});

describe.each(CONNECTOR_TEMPLATES.map((template) => [template.id, template] as const))("template %s", (_id, template) => {
  it("fills into a connector Switchboard can save, with templates that render", () => {
    const connector = connectorOf(template);
    expect(validateRequestTemplates(connector.request)).toEqual([]);
    expect(deliveryTrackingSchema.parse(connector.deliveryTracking)).toEqual(connector.deliveryTracking);
    expect(trackingWarnings(connector as Parameters<typeof trackingWarnings>[0])).toEqual([]);
    const built = buildRequest(connector, { ...SAMPLE_VARIABLES, message: "Привет" }).request;
    expect(built.url.startsWith("http")).toBe(true);
    expect(JSON.stringify(connector)).not.toMatch(/<<\w+/);
  });

  it("reads the provider's delivered and failed reports as documented", () => {
    const tracking = connectorOf(template).deliveryTracking!;
    const byOurs = tracking.matchBy === "message-id";
    const ids = byOurs ? { providerMessageId: null, messageId: "msg_ours_1" } : { providerMessageId: "prov-1", messageId: null };
    expect(resolveStatus(exampleReport(template, template.examples.delivered.status, ""), tracking)).toMatchObject({ ok: true, ...ids, outcome: "delivered", reason: null });
    const { status, reason, recorded } = template.examples.failed;
    expect(resolveStatus(exampleReport(template, status, reason), tracking)).toMatchObject({ ok: true, ...ids, outcome: "undelivered", reason: recorded });
  });

  it("marks where it assumes, naming the connector's fields", () => {
    const connector = connectorOf(template);
    for (const { field } of template.assumptions) {
      const [section] = field.split(".");
      expect(Object.keys(connector), field).toContain(section);
    }
  });
});

describe("filling a template", () => {
  const kannel = findConnectorTemplate("kannel")!;

  it("names the inputs that are missing or unusable", () => {
    expect(() => fillTemplate(kannel, { base_url: "ftp://x", username: "", password: "{{x}}" })).toThrow(
      expect.objectContaining({
        details: [
          { field: "inputs.base_url", message: "Enter a URL such as https://sms.example.com" },
          { field: "inputs.username", message: "sendsms username is required" },
          { field: "inputs.password", message: "Must not contain {{ or {%" },
        ],
      }),
    );
  });

  it("puts the values in place, trims a trailing slash and builds a Basic credential", () => {
    const filled = fillTemplate(kannel, { base_url: "http://kannel.local:13013/", username: "sb", password: "pw" }) as { request: { url: string; params: Array<{ key: string; value: string }> } };
    expect(filled.request.url).toBe("http://kannel.local:13013/cgi-bin/sendsms");
    expect(filled.request.params.find((row) => row.key === "password")?.value).toBe("pw");
    const plivo = fillTemplate(findConnectorTemplate("plivo")!, { auth_id: "MAXXX", auth_token: "tok" }) as { request: { url: string; headers: Array<{ value: string }> } };
    expect(plivo.request.url).toBe("https://api.plivo.com/v1/Account/MAXXX/Message/");
    expect(plivo.request.headers[0].value).toBe(`Basic ${Buffer.from("MAXXX:tok").toString("base64")}`);
  });

  it("gives Kannel coding=2 and charset UTF-8 only the way {{unicode}} says", () => {
    const connector = connectorOf(kannel);
    const coding = (message: string) => new URL(buildRequest(connector, { ...SAMPLE_VARIABLES, message }).request.url).searchParams.get("coding");
    expect(coding("Hello")).toBe("0");
    expect(coding("Привет")).toBe("2");
    const dlrUrl = new URL(buildRequest(connector, SAMPLE_VARIABLES).request.url).searchParams.get("dlr-url");
    expect(dlrUrl).toBe(`${SAMPLE_VARIABLES.dlrUrl}?type=%d&ref=${SAMPLE_VARIABLES.messageId}&answer=%A`);
  });
});
