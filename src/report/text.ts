// The report for people: `file:line:col  severity  message  [rule]`, one line a finding, grouped
// by file, then what was skipped and a count. Colour only where a terminal will show it.
import { escapeControls, hasControls, quote } from '../quote.js';
import { describeRendered, fullMessage, nothingChecked, type Finding, type Report, type Severity } from '../types.js';
import { painter, type Style } from './color.js';
import { plural } from './words.js';

export interface TextOptions {
  color: boolean;
}

const STYLES: Record<Severity | 'dim' | 'bold', Style> = { error: 'red', warning: 'yellow', notice: 'cyan', dim: 'dim', bold: 'bold' };

/** A file name as printed: quoted only when it holds characters that could break the line. */
export function printableFile(file: string): string {
  return hasControls(file) ? quote(file) : file;
}

export function formatText(report: Report, options: TextOptions): string {
  const styled = painter(options.color);
  const paint = (style: keyof typeof STYLES, text: string) => styled(STYLES[style], text);
  const lines: string[] = [];
  let previousFile: string | undefined;
  for (const f of report.findings) {
    if (previousFile !== undefined && f.file !== previousFile) lines.push('');
    previousFile = f.file;
    lines.push(`${position(f)}  ${paint(f.severity, f.severity.padEnd(7))}  ${escapeControls(fullMessage(f))}  ${paint('dim', `[${escapeControls(f.rule)}]`)}`);
  }
  if (report.skipped.length > 0) {
    if (lines.length > 0) lines.push('');
    for (const s of report.skipped) {
      const where = s.line !== undefined ? `${printableFile(s.file)}:${s.line}` : printableFile(s.file);
      lines.push(`${where}  ${paint('dim', 'skipped')}  ${escapeControls(s.reason)}`);
    }
  }
  const unchecked = uncheckedLines(report);
  if (lines.length > 0 && unchecked.length > 0) lines.push('');
  lines.push(...unchecked);
  const rendered = report.rendered ?? [];
  if (rendered.length > 0 || report.notices?.length) {
    if (lines.length > 0) lines.push('');
    for (const r of rendered) lines.push(`${paint('dim', 'rendered')}  ${escapeControls(describeRendered(r))}`);
    for (const n of report.notices ?? []) lines.push(`${paint('notice', 'notice')}  ${n}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(paint('bold', countLine(report)));
  return lines.join('\n') + '\n';
}

/** At most this many kinds are listed; JSON has them all. */
const UNCHECKED_SHOWN = 20;
const UNCHECKED_HEAD = 'Not checked against a schema: ';

/** The resources no schema covered, one kind a line: a blind spot must not look like a clean check. */
export function uncheckedLines(report: Report): string[] {
  const groups = report.summary.unchecked ?? [];
  const lines = groups
    .slice(0, UNCHECKED_SHOWN)
    .map((g, i) => `${i === 0 ? UNCHECKED_HEAD : ' '.repeat(UNCHECKED_HEAD.length)}${g.count} ${printableFile(g.kind)} (${printableFile(g.apiVersion)}): ${g.reason}`);
  if (groups.length > UNCHECKED_SHOWN) lines.push(`${' '.repeat(UNCHECKED_HEAD.length)}… and ${groups.length - UNCHECKED_SHOWN} more kinds (--format json lists them all)`);
  return lines;
}

function position(f: Finding): string {
  return `${printableFile(f.file)}:${f.line}:${f.column}`;
}

export function countLine(report: Report): string {
  const { summary } = report;
  const total = summary.errors + summary.warnings + summary.notices;
  const files = new Set(report.findings.map((f) => f.file)).size;
  const checked = `${plural(summary.files, 'file')}, ${plural(summary.resources, 'resource')}, ${plural(summary.pods, 'pod spec')} checked`;
  const skipped =
    (report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : '') +
    (summary.suppressed > 0 ? `, ${summary.suppressed} suppressed by podlint-ignore` : '');
  // A run that could not read everything must never read like a clean one.
  const incomplete = report.problems.length > 0 ? ` Incomplete: ${plural(report.problems.length, 'path')} could not be checked.` : '';
  if (total === 0 && nothingChecked(report)) return `Nothing checked: every input was skipped (${report.skipped.length} skipped).${incomplete}`;
  if (total === 0) return `No problems found (${checked}${skipped}).${incomplete}`;
  return (
    `${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ` +
    `${plural(summary.notices, 'notice')}) in ${plural(files, 'file')} (${checked}${skipped}).${incomplete}`
  );
}
