// What the `@` placeholder picker offers and how it edits a value: the options (built-in variables, recipient
// attributes, campaign values), the `@query` being typed, filtering, and the insertion. Pure functions, so the
// behaviour is tested without a browser; use-placeholder-picker.ts wires them to an input.

export type PlaceholderGroup = "Built-in" | "User attributes" | "Campaign";

export interface PlaceholderOption {
  /** Unique within one picker; also part of the option's element id. */
  id: string;
  group: PlaceholderGroup;
  /** What the list shows and the query matches: `destination`, `user.city`. */
  label: string;
  /** What Enter or a click inserts in place of `@query`. */
  insert: string;
  description: string;
}

const builtIn = (name: string, description: string): PlaceholderOption => ({ id: `builtin-${name}`, group: "Built-in", label: name, insert: `{{${name}}}`, description });

/** The variables every message has, for connector values (params, headers, bodies). */
export const CONNECTOR_BUILT_INS: PlaceholderOption[] = [
  builtIn("destination", "Recipient number, E.164"),
  builtIn("message", "The message text"),
  builtIn("sender", "Sender name"),
  builtIn("sender_type", "promotional or transactional"),
  builtIn("message_id", "Switchboard's id for the message"),
  builtIn("dlr_url", "This connector's delivery-report URL"),
  builtIn("encoding", "gsm7 or ucs2: the alphabet the text needs"),
  builtIn("unicode", "true when the text needs UCS-2"),
  builtIn("segments", "how many parts the message takes"),
  builtIn("oauth_token", "The OAuth 2.0 access token"),
];

/** The variables a message text can use (a campaign's message editor): no transport details. */
export const MESSAGE_BUILT_INS: PlaceholderOption[] = CONNECTOR_BUILT_INS.filter((option) => ["destination", "sender"].includes(option.label));

/** Values a send carries when a campaign makes it. */
export const CAMPAIGN_OPTIONS: PlaceholderOption[] = [
  { id: "campaign-campaign_id", group: "Campaign", label: "campaign_id", insert: "{{campaign_id}}", description: "The campaign's id" },
  { id: "campaign-dlt_template_id", group: "Campaign", label: "dlt_template_id", insert: "{{dlt_template_id}}", description: "The campaign's DLT template id (India)" },
];

/**
 * `{{user.city | default: ""}}`: a recipient attribute with an empty fallback, so a recipient without it does not fail
 * the send. Names that are not plain identifiers use Liquid's bracket form: `{{user["loyalty tier"] | default: ""}}`.
 */
export function userAttributePlaceholder(key: string): string | null {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `{{user.${key} | default: ""}}`;
  if (!key.includes('"')) return `{{user["${key}"] | default: ""}}`;
  if (!key.includes("'")) return `{{user['${key}'] | default: ""}}`;
  return null;
}

export function userAttributeOptions(keys: readonly string[]): PlaceholderOption[] {
  return keys.flatMap((key) => {
    const insert = userAttributePlaceholder(key);
    return insert ? [{ id: `user-${key}`, group: "User attributes" as const, label: `user.${key}`, insert, description: "Recipient attribute, empty when missing" }] : [];
  });
}

export interface Trigger {
  /** Index of the `@`. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

const MAX_QUERY = 40;

/**
 * The `@query` the caret is in, if any. The `@` must start the value or follow something other than a letter or
 * digit, so an e-mail address (`ops@example.com`) does not open the picker; the query has no spaces or braces.
 */
export function findTrigger(value: string, caret: number): Trigger | null {
  const before = value.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1 || caret - at - 1 > MAX_QUERY) return null;
  if (at > 0 && /[A-Za-z0-9]/.test(value[at - 1])) return null;
  const query = before.slice(at + 1);
  if (/[\s@{}]/.test(query)) return null;
  return { start: at, query };
}

/** Options whose name contains the query (any case), those that start with it first, in their original order otherwise. */
export function filterOptions(options: readonly PlaceholderOption[], query: string): PlaceholderOption[] {
  const wanted = query.toLowerCase();
  if (wanted === "") return [...options];
  const score = (option: PlaceholderOption) => {
    const label = option.label.toLowerCase();
    const bare = label.replace(/^user\./, "");
    return bare.startsWith(wanted) || label.startsWith(wanted) ? 0 : label.includes(wanted) ? 1 : -1;
  };
  return options
    .map((option, index) => ({ option, index, score: score(option) }))
    .filter((entry) => entry.score >= 0)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.option);
}

/** The value with `@query` (from the trigger to the caret) replaced by the placeholder, and where the caret goes. */
export function insertPlaceholder(value: string, trigger: Trigger, caret: number, insert: string): { value: string; caret: number } {
  const next = value.slice(0, trigger.start) + insert + value.slice(caret);
  return { value: next, caret: trigger.start + insert.length };
}
