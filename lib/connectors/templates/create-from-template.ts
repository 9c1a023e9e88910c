// "New connector from a template": the user's values go into the template's configuration, and the result is
// created like any custom connector (validated, secrets sealed), delivery mapping included.
import type { Actor } from "@/lib/accounts/permissions";
import { NotFoundError, ValidationError, type FieldIssue } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { createConnector } from "../save-connector";
import type { ConnectorView } from "../schema";
import { findConnectorTemplate } from "./index";
import { templateConnectorInputSchema } from "./template-input";
import type { ConnectorTemplate } from "./template-schema";

/** `<<key>>`, or `<<basic:user_key:password_key>>` for an HTTP Basic credential (base64 of "user:password"). */
const TOKEN = /<<(?:basic:([a-z][a-z0-9_]*):([a-z][a-z0-9_]*)|([a-z][a-z0-9_]*))>>/g;

/**
 * The template's connector with the user's values in place. Values are checked first: required ones present, URLs
 * http(s), and none that would read as a placeholder ({{ or {%) once in the configuration.
 */
export function fillTemplate(template: ConnectorTemplate, given: Record<string, string>): Record<string, unknown> {
  const values: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  for (const input of template.inputs) {
    let value = (given[input.key] ?? "").trim() || (input.default ?? "");
    const field = `inputs.${input.key}`;
    if (value === "") issues.push({ field, message: `${input.label} is required` });
    else if (/\{\{|\{%/.test(value)) issues.push({ field, message: "Must not contain {{ or {%" });
    else if (input.kind === "url") {
      value = value.replace(/\/+$/, "");
      if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(value) || !URL.canParse(value)) issues.push({ field, message: "Enter a URL such as https://sms.example.com" });
    }
    values[input.key] = value;
  }
  if (issues.length) throw new ValidationError(issues);
  const fill = (text: string) =>
    text.replace(TOKEN, (token, user: string | undefined, password: string | undefined, key: string | undefined) => {
      if (user && password) return Buffer.from(`${values[user] ?? ""}:${values[password] ?? ""}`).toString("base64");
      return key !== undefined && key in values ? values[key] : token;
    });
  return deepMap(template.connector, fill) as Record<string, unknown>;
}

function deepMap(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === "string") return fill(value);
  if (Array.isArray(value)) return value.map((item) => deepMap(item, fill));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepMap(item, fill)]));
  return value;
}

export async function createConnectorFromTemplate(actor: Actor, templateId: string, raw: unknown): Promise<ConnectorView> {
  const template = findConnectorTemplate(templateId);
  if (!template) throw new NotFoundError("Connector template");
  const input = parseInput(templateConnectorInputSchema, raw);
  const connector = fillTemplate(template, input.inputs);
  return createConnector(actor, { ...connector, kind: "custom", name: input.name, senders: [{ ...input.sender, default: true }] });
}
