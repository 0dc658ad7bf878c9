// `podlint rules`: every rule podlint knows with its default severity and what it checks, and
// `podlint rules ID`: one rule's explanation, its fix and where it is documented.
import { PACK } from '../policy/pack.js';
import { policyMeta } from '../policy/policy.js';
import { quote } from '../quote.js';
import { helpUri } from '../report/help-uri.js';
import { ALL_RULES } from '../rules/index.js';
import { nearest } from '../suggest.js';
import type { RuleMeta } from '../types.js';

export const PACK_RULES: readonly RuleMeta[] = PACK.map(policyMeta);

export function formatRuleList(): string {
  const width = Math.max(...[...ALL_RULES, ...PACK_RULES].map((r) => r.id.length));
  const row = (r: RuleMeta) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${firstSentence(r.description)}`;
  return [
    `${'rule'.padEnd(width)}  default  checks`,
    ...ALL_RULES.map(row),
    '',
    'Policies of the built-in pack, off until the config names them (rules: { ID: warning }):',
    ...PACK_RULES.map(row),
    '',
    'podlint rules ID explains one rule and its fix.',
    '',
  ].join('\n');
}

/** One rule's text, or undefined with a did-you-mean message for an unknown id. */
export function formatRuleHelp(id: string): { text?: string; error?: string } {
  const rule = [...ALL_RULES, ...PACK_RULES].find((r) => r.id === id);
  if (!rule) {
    const near = nearest(id, [...ALL_RULES, ...PACK_RULES].map((r) => r.id));
    return { error: `unknown rule id ${quote(id)}${near ? ` (did you mean ${quote(near)}?)` : ''}; "podlint rules" lists them` };
  }
  const pack = PACK_RULES.includes(rule) ? ', a policy of the built-in pack, off until the config names it' : '';
  return { text: `${rule.id} (default: ${rule.defaultSeverity}${pack})\n\n${rule.description}\n\nFix: ${rule.remediation}\n\nMore: ${helpUri(rule)}\n` };
}

function firstSentence(text: string): string {
  const match = /^(.*?[.:])(\s|$)/s.exec(text);
  return (match ? match[1]! : text).replace(/[.:]$/, '');
}
