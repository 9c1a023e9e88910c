// Where the connector-template gallery lives.
export const TEMPLATES_PATH = "/settings/channel/sms/templates";
export const templateHref = (templateId: string) => `${TEMPLATES_PATH}/${encodeURIComponent(templateId)}`;
