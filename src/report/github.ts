// Workflow commands (`::error file=…::message`) that GitHub turns into annotations. Values are
// escaped by the toolkit's rules, so no manifest text can end a command early or start another.
import { escapeControls } from '../quote.js';
import type { Finding } from '../types.js';
import { fullMessage, severityRank } from '../types.js';

/** GitHub shows this many annotations of each level per step. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Left to GitHub's own escaping (%0D, %0A), which the runner undoes in the annotation. */
const LINE_BREAKS = '\r\n';

const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', notice: 'notice' };

export function workflowCommand(f: Finding): string {
  const props: [string, string | number][] = [
    ['file', f.file],
    ['line', f.line],
    ['endLine', f.endLine],
  ];
  // GitHub reads columns only for an annotation on one line.
  if (f.line === f.endLine) props.push(['col', f.column], ['endColumn', f.endColumn]);
  props.push(['title', f.rule]);
  // Controls escaped first: the log is a terminal too, and GitHub's escaping leaves ESC alone.
  const rendered = props.map(([k, v]) => `${k}=${escapeProperty(escapeControls(String(v), LINE_BREAKS))}`).join(',');
  return `::${COMMAND[f.severity]} ${rendered}::${escapeData(escapeControls(fullMessage(f), LINE_BREAKS))}`;
}

/** Most severe first, so the findings GitHub does show are the ones that matter most. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function formatGithub(findings: readonly Finding[]): string {
  return bySeverity(findings).map((f) => workflowCommand(f) + '\n').join('');
}

/** How many findings GitHub will not show as annotations of one step. */
export function hiddenAnnotations(findings: readonly Finding[]): number {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return Object.values(counts).reduce((sum, n) => sum + Math.max(0, n - ANNOTATIONS_SHOWN_PER_LEVEL), 0);
}
