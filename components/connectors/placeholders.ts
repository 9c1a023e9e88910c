// The template variables (README, "Placeholders"), for the help next to params, headers and body rows. MoEngage's tokens
// work both bare (as MoEngage writes them) and in braces, so configurations copied from MoEngage work unchanged.
export const PLACEHOLDERS: Array<{ token: string; moengage?: string; meaning: string }> = [
  { token: "{{destination}}", moengage: "Moesms_destination", meaning: "recipient number, E.164 (+4670…)" },
  { token: "{{message}}", moengage: "Moesms_message", meaning: "message text" },
  { token: "{{sender}}", meaning: "sender name" },
  { token: "{{sender_type}}", meaning: "promotional or transactional" },
  { token: "{{message_id}}", meaning: "Switchboard's id, for providers that echo a reference" },
  { token: "{{dlr_url}}", meaning: "this connector's delivery-report URL" },
  { token: "{{campaign_id}}", moengage: "Moesms_campaignId", meaning: "campaign, when sent by one" },
  { token: "{{dlt_template_id}}", moengage: "Moesms_dltTemplateId", meaning: "DLT template id (India)" },
  { token: "{{encoding}}", meaning: "gsm7 or ucs2: the alphabet the text needs" },
  { token: "{{unicode}}", meaning: "true when the text needs UCS-2 (e.g. to send coding=2)" },
  { token: "{{segments}}", meaning: "how many parts the message takes" },
  { token: "{{oauth_token}}", meaning: "the OAuth 2.0 access token, when Authentication puts it in a placeholder" },
  { token: '{{user.first_name | default: "there"}}', meaning: "a recipient attribute, with a default" },
];

export const FILTERS = ["e164", "digits", "national", "url_encode", "json", "base64", "upper", "lower"];
