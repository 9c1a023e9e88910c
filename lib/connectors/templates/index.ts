// The connector-template gallery: every template file of this folder, checked against the template schema when
// loaded (a broken file fails at start and in tests, never in a user's hands), in the order the gallery shows.
import infobip from "./infobip.json";
import jasmin from "./jasmin.json";
import kannel from "./kannel.json";
import messagebird from "./messagebird.json";
import msg91 from "./msg91.json";
import plivo from "./plivo.json";
import telnyx from "./telnyx.json";
import textlocal from "./textlocal.json";
import vonage from "./vonage.json";
import { connectorTemplateSchema, type ConnectorTemplate, type TemplateSummary } from "./template-schema";

export type { ConnectorTemplate, TemplateInput, TemplateSummary } from "./template-schema";

export const CONNECTOR_TEMPLATES: readonly ConnectorTemplate[] = [kannel, jasmin, vonage, plivo, infobip, telnyx, messagebird, msg91, textlocal].map((file) =>
  connectorTemplateSchema.parse(file),
);

export function findConnectorTemplate(id: string): ConnectorTemplate | null {
  return CONNECTOR_TEMPLATES.find((template) => template.id === id) ?? null;
}

export function templateSummaries(): TemplateSummary[] {
  return CONNECTOR_TEMPLATES.map(({ id, name, kind, summary }) => ({ id, name, kind, summary }));
}
