// The template variables of DESIGN §1, for the help next to params, headers and body rows.
export const PLACEHOLDERS: Array<{ token: string; meaning: string }> = [
  { token: "{{destination}}", meaning: "recipient number, E.164 (+4670…)" },
  { token: "{{message}}", meaning: "message text" },
  { token: "{{sender}}", meaning: "sender name" },
  { token: "{{sender_type}}", meaning: "promotional or transactional" },
  { token: "{{message_id}}", meaning: "Switchboard's id, for providers that echo a reference" },
  { token: "{{dlr_url}}", meaning: "this connector's delivery-report URL" },
  { token: "{{campaign_id}}", meaning: "campaign, when sent by one" },
  { token: "{{dlt_template_id}}", meaning: "DLT template id (India)" },
  { token: '{{user.first_name | default: "there"}}', meaning: "a recipient attribute, with a default" },
];

export const FILTERS = ["e164", "digits", "national", "url_encode", "json", "base64", "upper", "lower"];
