// Regular expressions in policies run on RE2 (re2js): matching time is linear in the input, so a
// pattern such as `^(a+)+$` against a crafted long string cannot hang a run, as it would on
// JavaScript's backtracking engine. (Kubernetes' own CEL uses RE2 as well.)
//
// RE2 has no lookaround and no backreferences, which schemas written for other tools do use
// (`^(?!.*:latest$)`). Such a pattern runs on JavaScript's engine only when it cannot backtrack
// without bound: safe-regex2 finds no nested quantifier, and no quantified group holds an
// alternation (`(a|aa)*`). Anything else is refused when the policy is loaded, with the reason.
import { RE2JS } from 're2js';
import safeRegexModule from 'safe-regex2';

export interface RegExpLike {
  test(input: string): boolean;
  /** ajv keys its compiled patterns by this: it must differ between patterns. */
  toString(): string;
}

// safe-regex2 is CommonJS: its function arrives wrapped once or twice depending on the loader.
const safeRegex = ((safeRegexModule as unknown as { default?: unknown }).default ?? safeRegexModule) as (re: string) => boolean;

/** A group with an alternation, repeated: `(a|aa)*`, `(?:x|y)+`, `(a|b){2,}`. */
const QUANTIFIED_ALTERNATION = /\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)(?:[*+]|\{\d+,)/;

const cache = new Map<string, RegExpLike>();

/** An ajv `code.regExp` engine: JSON Schema patterns are unanchored searches. */
export function re2RegExp(pattern: string, flags: string): RegExpLike {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compile(pattern, flags);
    cache.set(pattern, compiled);
  }
  return compiled;
}
// ajv asks engines for the code that would load them in generated standalone modules.
re2RegExp.code = 'require("re2js").RE2JS';

function compile(pattern: string, flags: string): RegExpLike {
  let re2Error: Error;
  try {
    const re = RE2JS.compile(pattern);
    return { test: (input: string) => re.matcher(input).find(), toString: () => `re2:/${pattern}/` };
  } catch (error) {
    re2Error = error as Error;
  }
  if (!safeRegex(pattern) || QUANTIFIED_ALTERNATION.test(pattern)) {
    throw new Error(
      `the pattern ${JSON.stringify(pattern)} needs a backtracking engine (${re2Error.message}) and could take ` +
        'exponential time on crafted input; rewrite it without lookaround or backreferences, or without nested repetition',
    );
  }
  const re = new RegExp(pattern, flags);
  return { test: (input: string) => re.test(input), toString: () => `js:/${pattern}/` };
}
