// Regular expressions in policies run on RE2 (re2js): matching time is linear in the input, so a
// pattern such as `^(a+)+$` against a crafted long string cannot hang a run, as it would on
// JavaScript's backtracking engine. RE2 has no lookaround or backreferences; a policy that uses
// them is refused when it is loaded, with the reason. (Kubernetes' own CEL uses RE2 as well.)
import { RE2JS } from 're2js';

export interface RegExpLike {
  test(input: string): boolean;
  /** ajv keys its compiled patterns by this: it must differ between patterns. */
  toString(): string;
}

const cache = new Map<string, RegExpLike>();

/** An ajv `code.regExp` engine: JSON Schema patterns are unanchored searches. */
export function re2RegExp(pattern: string, _flags: string): RegExpLike {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const re = RE2JS.compile(pattern);
    compiled = { test: (input: string) => re.matcher(input).find(), toString: () => `re2:/${pattern}/` };
    cache.set(pattern, compiled);
  }
  return compiled;
}
// ajv asks engines for the code that would load them in generated standalone modules.
re2RegExp.code = 'require("re2js").RE2JS';
