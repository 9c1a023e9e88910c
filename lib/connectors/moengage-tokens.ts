// MoEngage's placeholder tokens as MoEngage writes them: bare words such as `Moesms_message`, with no braces,
// as a whole value or inside text, URLs and raw bodies. Before a template is parsed, each bare token becomes the
// Liquid output `{{Moesms_message}}`, so it is escaped for where it lands exactly like `{{message}}`.
// Pure text handling with no dependencies: the connector form uses it in the browser too.

/** MoEngage token → Switchboard's own variable. */
export const MOENGAGE_ALIASES = {
  Moesms_destination: "destination",
  Moesms_message: "message",
  Moesms_dltTemplateId: "dlt_template_id",
  Moesms_campaignId: "campaign_id",
} as const;

export type MoengageToken = keyof typeof MOENGAGE_ALIASES;

// A token counts only as a whole word: `Moesms_messageId` or `xMoesms_message` are left alone.
const BARE_TOKEN = /(?<![A-Za-z0-9_])Moesms_(?:destination|message|dltTemplateId|campaignId)(?![A-Za-z0-9_])/g;

/**
 * The parts of a template Liquid reads itself: raw and comment blocks (kept exactly), outputs `{{ … }}` and tags
 * `{% … %}`. Raw comes first so `{% raw %}` is not taken for an ordinary tag; a settings value wrapped in raw
 * (lib/providers/kit.ts `literal`) therefore keeps a password that happens to read `Moesms_message`.
 */
const LIQUID_PARTS =
  /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}|\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/** Whether a text mentions a MoEngage token at all (cheap pre-check). */
export function mentionsMoengageToken(text: string): boolean {
  return text.includes("Moesms_");
}

/**
 * Rewrites bare MoEngage tokens outside Liquid's own syntax into `{{token}}`. Text inside `{{ }}`, `{% %}`, raw
 * and comment blocks is never touched. Only the template is rewritten, never a value rendered into it, so a
 * message that contains `Moesms_message` is sent as written.
 */
export function expandMoengageTokens(template: string): string {
  if (!mentionsMoengageToken(template)) return template;
  let out = "";
  let last = 0;
  for (const match of template.matchAll(LIQUID_PARTS)) {
    out += wrapBare(template.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + wrapBare(template.slice(last));
}

function wrapBare(text: string): string {
  return text.replace(BARE_TOKEN, (token) => `{{${token}}}`);
}
