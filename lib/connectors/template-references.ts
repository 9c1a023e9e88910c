// Which variables a template refers to, read from its text alone (no Liquid engine), so the connector form can
// run the same checks in the browser as the server does. Bare MoEngage tokens count as their own variables.
import { expandMoengageTokens, MOENGAGE_ALIASES, type MoengageToken } from "./moengage-tokens";

// Raw and comment blocks first (their content is not code), then outputs and tags.
const PARTS = /(\{%-?\s*(?:raw|comment)\s*-?%\}[\s\S]*?\{%-?\s*end(?:raw|comment)\s*-?%\})|\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const STRING_LITERAL = /"[^"]*"|'[^']*'/g;
// A name that starts an expression: not a property (`.x`) and not a filter argument's key.
const IDENTIFIER = /(?<![\w.$])([A-Za-z_]\w*)/g;

/**
 * The top-level variable names a template uses, with MoEngage's names mapped to Switchboard's own
 * (`Moesms_message` → `message`). Filter and tag names are included too; callers look up the names they care about.
 */
export function referencedVariables(template: string): Set<string> {
  const names = new Set<string>();
  for (const match of expandMoengageTokens(template).matchAll(PARTS)) {
    if (match[1] !== undefined) continue;
    const code = (match[2] ?? match[3] ?? "").replace(STRING_LITERAL, '""');
    for (const [, name] of code.matchAll(IDENTIFIER)) names.add(MOENGAGE_ALIASES[name as MoengageToken] ?? name);
  }
  return names;
}
