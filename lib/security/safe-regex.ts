// Regular expressions that users write (a sent-id pattern, an accepted check, delivery-report extractors) run
// on RE2 semantics: matching time is linear in the text, so no pattern can stall the process the way a
// backtracking engine does on `(a+)+$`. Patterns RE2 cannot run (backreferences, lookaround) are refused
// when the connector is saved, with a message the form shows under the field.
import { RE2JS } from "re2js";

export interface UserPattern {
  /** The first match's capture groups (index 0 is the whole match), or null. */
  exec(text: string): Array<string | null> | null;
  test(text: string): boolean;
  groupCount: number;
}

const compiled = new Map<string, UserPattern>();

export class UnsupportedPatternError extends Error {}

/** Compiles once per pattern (and flags) and keeps it; throws UnsupportedPatternError with a readable reason. */
export function userPattern(pattern: string, options: { caseInsensitive?: boolean } = {}): UserPattern {
  const key = `${options.caseInsensitive ? "i" : ""}/${pattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    throw new UnsupportedPatternError(describeSyntaxError(error));
  }
  const groupCount = re.groupCount();
  const matcher: UserPattern = {
    groupCount,
    exec(text) {
      const match = re.matcher(text);
      if (!match.find()) return null;
      return Array.from({ length: groupCount + 1 }, (_, index) => match.group(index));
    },
    test(text) {
      return re.matcher(text).find();
    },
  };
  if (compiled.size > 5000) compiled.clear();
  compiled.set(key, matcher);
  return matcher;
}

/** Why a pattern cannot be used, or null; `groups` demands exactly that many capture groups. */
export function patternProblem(pattern: string, groups?: number): string | null {
  let compiledPattern: UserPattern;
  try {
    compiledPattern = userPattern(pattern);
  } catch (error) {
    return error instanceof UnsupportedPatternError ? error.message : "Not a valid regular expression";
  }
  if (groups !== undefined && compiledPattern.groupCount !== groups) {
    return groups === 1 ? "Use exactly one capture group ( … ) around the value" : `Use exactly ${groups} capture groups`;
  }
  return null;
}

function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (/\(\?[=!<]|lookahead|lookbehind/i.test(message)) return "Lookahead and lookbehind ((?=…), (?!…), (?<=…)) are not supported: patterns run on a linear-time engine";
  if (/\\[1-9]|backreference|invalid escape sequence: `\\[1-9]/i.test(message)) return "Backreferences (\\1) are not supported: patterns run on a linear-time engine";
  const detail = message.replace(/^error parsing regexp:\s*/i, "");
  return detail ? `Not a valid regular expression: ${detail}` : "Not a valid regular expression";
}
