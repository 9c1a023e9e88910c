// Configurations that save but cannot work as meant: a request that never carries the recipient or the text, an
// OAuth token that is fetched but never sent. Not errors (a provider may take the recipient from elsewhere), so
// they never block a save; they are shown in the form, returned with the connector and with every test send.
// Pure functions over loosely typed values: the form checks its unsaved values with the same code.
import { referencedVariables } from "./template-references";
import { hasNoHost } from "./url-problem";

export interface ConnectorWarning {
  /** The part of the configuration it is about (`request`, `request.auth`). */
  field: string;
  message: string;
}

interface Row {
  value?: string;
  secret?: boolean;
}

/** A request as the form holds it or as it is stored: any part may be missing. */
export interface RequestLike {
  url?: string;
  params?: Row[];
  headers?: Row[];
  body?: { type?: string; fields?: Row[]; content?: string };
  auth?: { type?: string; placement?: string; password?: string; clientSecret?: string };
}

/**
 * What a request uses, over every place a value can go. Secret rows are left out: stored ones are encrypted, and
 * a secret is no place for a placeholder anyway.
 */
export function requestVariables(request: RequestLike): Set<string> {
  const body = request.body;
  const rows = [...(request.params ?? []), ...(request.headers ?? []), ...(body?.type === "form" || body?.type === "json" ? (body.fields ?? []) : [])];
  const templates = [request.url ?? "", ...rows.filter((row) => !row.secret).map((row) => row.value ?? ""), body?.type === "raw" ? (body.content ?? "") : ""];
  const names = new Set<string>();
  for (const template of templates) for (const name of referencedVariables(template)) names.add(name);
  return names;
}

export function requestWarnings(request: RequestLike): ConnectorWarning[] {
  const used = requestVariables(request);
  const warnings: ConnectorWarning[] = [];
  if (request.url !== undefined && hasNoHost(request.url)) {
    warnings.push({ field: "request.url", message: "The API URL has no host yet: fill it in and save before sending (every connector needs its own host)." });
  }
  if (!used.has("destination")) {
    warnings.push({
      field: "request",
      message: "The request never carries the recipient: use {{destination}} (or Moesms_destination) in the URL, a parameter, a header or the body.",
    });
  }
  if (!used.has("message")) {
    warnings.push({
      field: "request",
      message: "The request never carries the message text: use {{message}} (or Moesms_message) in the URL, a parameter, a header or the body.",
    });
  }
  const auth = request.auth;
  if (auth?.type === "oauth2" && !auth.clientSecret) warnings.push({ field: "request.auth.clientSecret", message: "The OAuth client secret is empty: enter it, or every token request fails." });
  if (auth?.type === "basic" && !auth.password) warnings.push({ field: "request.auth.password", message: "The Basic authentication password is empty." });
  const oauthPlaceholder = auth?.type === "oauth2" && auth.placement === "placeholder";
  if (oauthPlaceholder && !used.has("oauth_token")) {
    warnings.push({ field: "request.auth", message: "The OAuth token is fetched but never sent: put {{oauth_token}} where the provider expects it, or send it as the Authorization header." });
  }
  if (!oauthPlaceholder && used.has("oauth_token")) {
    warnings.push({ field: "request.auth", message: "{{oauth_token}} is empty unless Authentication is OAuth 2.0 with the token sent as a placeholder." });
  }
  return warnings;
}
