// A `# podlint-ignore` comment that names no rule, or is written so that suppress.ts cannot read
// it, silences nothing, and whoever wrote it believes the finding is handled. Each such comment is
// a finding of its own (`ignore-comment`, a warning), with the nearest rule id when it looks like
// a typo.
import { quote } from '../quote.js';
import { nearest } from '../suggest.js';
import { DIRECTIVE } from './suppress.js';

export const IGNORE_COMMENT = 'ignore-comment';

/** Any comment that starts with the keyword, however the rest is written. */
const MENTION = /(?:^|\s)#\s*podlint-ignore\b/;

export interface IgnoreCommentProblem {
  /** 1-based line and columns of the id (or of the comment) the message is about. */
  line: number;
  column: number;
  endColumn: number;
  message: string;
}

export function checkIgnoreComments(text: string, knownIds: readonly string[]): IgnoreCommentProblem[] {
  if (!text.includes('podlint-ignore')) return [];
  const problems: IgnoreCommentProblem[] = [];
  const known = new Set(knownIds);
  text.split('\n').forEach((line, i) => {
    const mention = MENTION.exec(line);
    if (!mention) return;
    const start = mention.index + mention[0].indexOf('#');
    const directive = DIRECTIVE.exec(line);
    if (!directive) {
      const end = line.replace(/\r$/, '').length;
      problems.push({
        line: i + 1,
        column: start + 1,
        endColumn: end + 1,
        message: 'this podlint-ignore comment cannot be read, so it silences nothing: write "# podlint-ignore" or "# podlint-ignore rule-a, rule-b" (lower-case rule ids, nothing after them)',
      });
      return;
    }
    const ids = directive[1];
    if (!ids) return;
    const idsStart = directive.index + directive[0].indexOf(ids);
    for (const match of ids.matchAll(/[^\s,]+/g)) {
      const id = match[0];
      if (id === '*' || known.has(id)) continue;
      const near = nearest(id, knownIds);
      const column = idsStart + match.index! + 1;
      problems.push({
        line: i + 1,
        column,
        endColumn: column + id.length,
        message: `podlint-ignore names ${quote(id)}, which is no rule, so it silences nothing${near ? `; did you mean ${quote(near)}?` : ''}`,
      });
    }
  });
  return problems;
}
