// The labels, hints and controls of each native connector's settings. Which fields are secret or
// advanced, the sender types and the defaults come from the preset (NativeProviderInfo); this file adds
// what a person needs to fill them in. Field names match the presets' settings schemas.

export interface FieldOption {
  value: string;
  label: string;
  hint?: string;
}

interface BaseField {
  /** Settings key, or a dotted path inside a group ("deliveryReport.statusField"). */
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

export type SettingField =
  | (BaseField & { control: "text"; placeholder?: string; mono?: boolean; showWhen?: { field: string; equals: string } })
  | (BaseField & { control: "secret" })
  /** Without options: the preset's sender types (Twilio's long code, short code …). */
  | (BaseField & { control: "select"; options?: FieldOption[] })
  | (BaseField & { control: "list"; noun: string; placeholder?: string })
  | (BaseField & { control: "group"; fields: SettingField[] });

const baseUrl = (hint: string, placeholder?: string, optional = true): SettingField => ({
  name: "baseUrl",
  control: "text",
  label: "API base URL",
  hint,
  placeholder,
  mono: true,
  optional,
});

/** Delivery reports of providers whose callbacks are not documented: where the id, status and reason sit. */
const deliveryReport: SettingField = {
  name: "deliveryReport",
  control: "group",
  label: "Delivery report fields",
  hint: "Where the provider's delivery reports keep the message id, the status and the reason. Any status neither delivered nor pending counts as not delivered.",
  fields: [
    { name: "deliveryReport.messageIdField", control: "text", label: "Message id field", mono: true },
    { name: "deliveryReport.statusField", control: "text", label: "Status field", mono: true },
    { name: "deliveryReport.reasonField", control: "text", label: "Failure reason field", mono: true, optional: true },
    { name: "deliveryReport.successValues", control: "list", label: "Delivered statuses", noun: "delivered status", placeholder: "Add a status" },
    { name: "deliveryReport.pendingValues", control: "list", label: "Pending statuses", noun: "pending status", placeholder: "Add a status", optional: true },
  ],
};

export const PROVIDER_FIELDS: Record<string, SettingField[]> = {
  twilio: [
    { name: "accountSid", control: "text", label: "Account SID", hint: "Twilio Console → Account info. AC followed by 32 letters and digits.", placeholder: "AC…", mono: true },
    { name: "authToken", control: "secret", label: "Auth token", hint: "Sends the messages and verifies the signature of Twilio's status callbacks." },
    { name: "senderType", control: "select", label: "Sender type" },
    {
      name: "messagingServiceSid",
      control: "text",
      label: "Messaging Service SID",
      hint: "Twilio Console → Messaging → Services. Twilio picks the sending number from the service.",
      placeholder: "MG…",
      mono: true,
      showWhen: { field: "senderType", equals: "messaging_service" },
    },
    baseUrl("Leave as https://api.twilio.com unless you send through a proxy or a test double.", "https://api.twilio.com"),
  ],
  sinch: [
    {
      name: "region",
      control: "select",
      label: "Region",
      hint: "Where your service plan lives (Sinch dashboard → SMS → APIs).",
      options: [
        { value: "us", label: "United States (us)" },
        { value: "eu", label: "Europe (eu)" },
        { value: "au", label: "Australia (au)" },
        { value: "br", label: "Brazil (br)" },
        { value: "ca", label: "Canada (ca)" },
      ],
    },
    { name: "servicePlanId", control: "text", label: "Service plan ID", hint: "Sinch dashboard → SMS → APIs.", mono: true },
    { name: "apiToken", control: "secret", label: "API token", hint: "Sent as a Bearer token." },
    baseUrl("Empty: the region's URL, https://<region>.sms.api.sinch.com.", "https://<region>.sms.api.sinch.com"),
  ],
  gupshup: [
    { name: "userId", control: "text", label: "User ID", hint: "Your Gupshup Enterprise account's user id.", mono: true },
    { name: "password", control: "secret", label: "Password", hint: "The account's API password." },
    { name: "senderMask", control: "text", label: "Sender mask", hint: "The sender ID used when a message names no sender, e.g. TESTIN.", mono: true },
    {
      name: "messageType",
      control: "select",
      label: "Message type",
      hint: "Messages outside the GSM-7 alphabet (emoji, most non-Latin scripts) need Unicode text.",
      options: [
        { value: "TEXT", label: "Text (TEXT)" },
        { value: "Unicode_Text", label: "Unicode text (Unicode_Text)" },
      ],
    },
    { name: "dltTemplateId", control: "text", label: "DLT template ID", hint: "India: the registered template. A campaign's own template ID wins.", optional: true, mono: true },
    { name: "principalEntityId", control: "text", label: "Principal entity ID", hint: "India: your DLT entity ID.", optional: true, mono: true },
    {
      name: "method",
      control: "select",
      label: "Request method",
      hint: "GET sends the fields as URL parameters, POST as a form body.",
      options: [
        { value: "GET", label: "GET (URL parameters)" },
        { value: "POST", label: "POST (form body)" },
      ],
    },
    {
      name: "unknownStatus",
      control: "select",
      label: "UNKNOWN status counts as",
      hint: "Gupshup reports UNKNOWN when the operator never confirmed the message.",
      options: [
        { value: "failure", label: "Not delivered" },
        { value: "pending", label: "Pending (leave the message as sent)" },
      ],
    },
    baseUrl("Leave as https://enterprise.smsgupshup.com unless you send through a proxy or a test double.", "https://enterprise.smsgupshup.com"),
  ],
  kaleyra: [
    {
      name: "region",
      control: "select",
      label: "Region",
      options: [
        { value: "default", label: "Global (api.kaleyra.io)" },
        { value: "in", label: "India (api.in.kaleyra.io)" },
        { value: "eu", label: "Europe (api.eu.kaleyra.io)" },
      ],
    },
    { name: "sid", control: "text", label: "SID", hint: "Kaleyra console → Developers → API keys.", mono: true },
    { name: "apiKey", control: "secret", label: "API key", hint: "Sent in the api-key header." },
    { name: "sender", control: "text", label: "Sender ID", hint: "Your registered sender ID, used when a message names no sender.", mono: true },
    {
      name: "messageType",
      control: "select",
      label: "Message type",
      options: [
        { value: "DEFAULT", label: "Default (DEFAULT)" },
        { value: "MKT", label: "Promotional (MKT)" },
        { value: "TXN", label: "Transactional (TXN)" },
        { value: "OTP", label: "One-time password (OTP)" },
      ],
    },
    { name: "templateId", control: "text", label: "Template ID", hint: "DLT template (India). A campaign's own template ID wins.", optional: true, mono: true },
    baseUrl("Empty: the region's URL.", "https://api.kaleyra.io"),
    { name: "idPath", control: "text", label: "Message id path", hint: "Where the send reply carries the message id (some accounts answer data[0].id).", mono: true },
    deliveryReport,
  ],
  "ics-mobile": [
    baseUrl("Ask ICS Mobile for it: there is no public default.", undefined, false),
    { name: "token", control: "secret", label: "Bearer token", hint: "Sent as Authorization: Bearer …" },
    { name: "username", control: "text", label: "Username", mono: true },
    { name: "password", control: "secret", label: "Password" },
    { name: "type", control: "select", label: "Type" },
    { name: "sender", control: "text", label: "Sender ID", hint: "Used when a message names no sender.", mono: true },
    { name: "path", control: "text", label: "Endpoint path", hint: "Appended to the base URL.", placeholder: "/ics/v1/messages", mono: true },
    {
      name: "numberFormat",
      control: "select",
      label: "Recipient format",
      options: [
        { value: "e164", label: "E.164 with + (+15551234567)" },
        { value: "digits", label: "Digits only (15551234567)" },
      ],
    },
    {
      name: "fields",
      control: "group",
      label: "Request field names",
      hint: "The JSON body's field names; a path such as message.text builds a nested object.",
      fields: [
        { name: "fields.username", control: "text", label: "Username field", mono: true },
        { name: "fields.password", control: "text", label: "Password field", mono: true },
        { name: "fields.type", control: "text", label: "Type field", mono: true },
        { name: "fields.sender", control: "text", label: "Sender field", mono: true },
        { name: "fields.to", control: "text", label: "Recipient field", mono: true },
        { name: "fields.message", control: "text", label: "Message field", mono: true },
        { name: "fields.callbackUrl", control: "text", label: "Callback URL field", mono: true },
      ],
    },
    { name: "idPath", control: "text", label: "Message id path", hint: "Where the send reply carries the message id.", mono: true },
    { name: "acceptedPath", control: "text", label: "Accepted status path", hint: "Empty: any 2xx reply counts as accepted.", optional: true, mono: true },
    { name: "acceptedValues", control: "list", label: "Accepted values", noun: "accepted value", placeholder: "Add a value", hint: "Values at the accepted status path that mean the send was accepted." },
    deliveryReport,
  ],
};

/** The provider's fields, in form order; any settings field a preset names but this file does not describe gets a plain text box. */
export function fieldsFor(kind: string, known: { secretFields: string[]; advancedFields: string[] }): SettingField[] {
  const fields = [...(PROVIDER_FIELDS[kind] ?? [])];
  const described = new Set(fields.map((field) => field.name));
  for (const name of [...known.secretFields, ...known.advancedFields]) {
    if (described.has(name)) continue;
    described.add(name);
    fields.push(known.secretFields.includes(name) ? { name, control: "secret", label: name } : { name, control: "text", label: name, mono: true });
  }
  return fields;
}

/** Every leaf setting path (groups opened), for placing the server's field errors. */
export function leafFields(fields: SettingField[]): SettingField[] {
  return fields.flatMap((field) => (field.control === "group" ? leafFields(field.fields) : [field]));
}

/** A fresh form's value of each field: the preset's default, else empty. */
export function initialSettings(fields: SettingField[], defaults: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = structuredClone(defaults);
  for (const field of fields) {
    if (settings[field.name] !== undefined) continue;
    if (field.control === "group") {
      settings[field.name] = Object.fromEntries(field.fields.map((sub) => [sub.name.split(".").pop(), sub.control === "list" ? [] : ""]));
    } else {
      settings[field.name] = field.control === "list" ? [] : "";
    }
  }
  return settings;
}
