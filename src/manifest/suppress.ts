// Inline suppression for people who cannot add annotations (vendored manifests, generated files):
// a comment `# podlint-ignore rule-a, rule-b` on the line before the offending line, or at the
// end of it, silences those rules there. Without rule ids it silences every rule on that line.
export const DIRECTIVE = /(?:^|\s)#\s*podlint-ignore(?:[ \t]+([a-z0-9*][a-z0-9*, \t-]*))?[ \t]*\r?$/;

/** Rule ids silenced per 1-based line; `*` silences all. */
export type Suppressions = Map<number, Set<string>>;

export function findSuppressions(text: string): Suppressions {
  const result: Suppressions = new Map();
  if (!text.includes('podlint-ignore')) return result;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const ids = match[1] ? match[1].split(/[\s,]+/).filter(Boolean) : ['*'];
    // A comment alone on its line speaks of the next line; a trailing one of its own line.
    const target = line.trimStart().startsWith('#') ? i + 2 : i + 1;
    const set = result.get(target) ?? new Set<string>();
    for (const id of ids) set.add(id);
    result.set(target, set);
  });
  return result;
}

export function isSuppressed(suppressions: Suppressions, line: number, rule: string): boolean {
  const ids = suppressions.get(line);
  return ids !== undefined && (ids.has(rule) || ids.has('*'));
}
