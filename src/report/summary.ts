// The job summary in Markdown: counts per rule and severity, then every finding grouped by file
// with a link to its line at the commit. GitHub refuses a summary over 1 MiB, so it is cut short
// (with a note) before it gets there.
import { describeRendered, fullMessage, type Finding, type Report, type Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { escapeControls } from '../quote.js';
import { plural } from './words.js';

export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Room kept for the note that says the summary was cut, and for GitHub's own framing. */
const RESERVE_BYTES = 4 * 1024;

export interface SummaryLinks {
  /** e.g. https://github.com */
  serverUrl: string;
  /** owner/name */
  repository: string;
  sha: string;
}

export interface SummaryOptions {
  links?: SummaryLinks;
  /** Findings GitHub did not show as annotations (the 10-per-level cap), to say so. */
  hiddenAnnotations?: number;
  /** Lines of context shown above the tables (the fail-on verdict). */
  headline: string;
  limitBytes?: number;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', notice: '🔵' };

/** Text from a manifest, made inert in Markdown and HTML (a table cell, a link text). */
export function escapeMarkdown(text: string): string {
  return escapeControls(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}\[\]()#+!|~])/g, '\\$1');
}

export function formatSummary(report: Report, options: SummaryOptions): string {
  const limit = (options.limitBytes ?? SUMMARY_LIMIT_BYTES) - RESERVE_BYTES;
  const parts: string[] = [`## podlint\n\n${options.headline}\n`];
  const { summary } = report;
  parts.push(
    `Checked ${plural(summary.files, 'file')}, ${plural(summary.resources, 'resource')}, ${plural(summary.pods, 'pod spec')}: ` +
      `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.notices, 'notice')}.\n`,
  );
  if (options.hiddenAnnotations) {
    parts.push(`> GitHub shows at most 10 annotations of each level per step: ${options.hiddenAnnotations} findings are listed here but not annotated.\n`);
  }
  if (report.problems.length > 0) {
    parts.push('### Could not check\n\n' + report.problems.map((p) => `- ${p.file ? `\`${escapeMarkdown(p.file)}\`: ` : ''}${escapeMarkdown(p.message)}`).join('\n') + '\n');
  }
  if (report.rendered?.length || report.notices?.length) {
    const rendered = (report.rendered ?? []).map((r) => `- rendered \`${escapeMarkdown(r.root)}\`: ${escapeMarkdown(describeRendered(r).slice(r.root.length + 1))}`);
    parts.push([...rendered, ...(report.notices ?? []).map((n) => `> ${escapeMarkdown(n)}`)].join('\n') + '\n');
  }
  if (report.findings.length > 0) parts.push(countsTable(report.findings));
  const unchecked = report.summary.unchecked ?? [];
  if (unchecked.length > 0) {
    const rows = unchecked.slice(0, 50).map((g) => `| ${escapeMarkdown(g.kind)} | ${escapeMarkdown(g.apiVersion)} | ${g.count} | ${escapeMarkdown(g.reason)} |`);
    if (unchecked.length > 50) rows.push(`| … | | | and ${unchecked.length - 50} more kinds |`);
    parts.push(`### Not checked against a schema\n\n| Kind | apiVersion | Resources | Why |\n|---|---|---|---|\n${rows.join('\n')}\n`);
  }

  let size = byteLength(parts.join('\n'));
  let shown = 0;
  const byFile = groupByFile(report.findings);
  const body: string[] = [];
  outer: for (const [file, findings] of byFile) {
    const heading = `### \`${escapeMarkdown(file)}\`\n\n| Line | Severity | Rule | Message |\n|---|---|---|---|`;
    let block = heading;
    for (const f of findings) {
      const row = `\n| ${lineLink(f, options.links)} | ${ICON[f.severity]} ${f.severity} | \`${f.rule}\` | ${escapeMarkdown(fullMessage(f))} |`;
      if (size + byteLength(block) + byteLength(row) > limit) {
        if (block !== heading) body.push(block + '\n');
        break outer;
      }
      block += row;
      shown++;
    }
    body.push(block + '\n');
    size += byteLength(block) + 1;
  }
  parts.push(...body);
  if (shown < report.findings.length) {
    parts.push(`> The summary stops here to stay under GitHub's 1 MiB limit: ${report.findings.length - shown} more findings are in the annotations and the SARIF file.\n`);
  }
  if (report.skipped.length > 0) {
    const list = report.skipped.slice(0, 50).map((s) => `- \`${escapeMarkdown(s.file)}\`${s.line ? `:${s.line}` : ''}: ${escapeMarkdown(s.reason)}`);
    if (report.skipped.length > 50) list.push(`- … and ${report.skipped.length - 50} more`);
    parts.push(`<details><summary>${report.skipped.length} files skipped</summary>\n\n${list.join('\n')}\n\n</details>\n`);
  }
  return parts.join('\n');
}

/** Findings per rule and severity, as a Markdown table (rule ids are kebab-case: nothing to escape). */
export function countsTable(findings: readonly Finding[]): string {
  const counts = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const row = counts.get(f.rule) ?? { error: 0, warning: 0, notice: 0 };
    row[f.severity]++;
    counts.set(f.rule, row);
  }
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, c]) => `| \`${rule}\` | ${SEVERITIES.map((s) => c[s]).join(' | ')} |`);
  return `| Rule | Errors | Warnings | Notices |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.file);
    if (list) list.push(f);
    else map.set(f.file, [f]);
  }
  return map;
}

function lineLink(f: Finding, links?: SummaryLinks): string {
  if (!links) return String(f.line);
  const file = f.file.split('/').map(encodeURIComponent).join('/');
  return `[${f.line}](${links.serverUrl}/${links.repository}/blob/${links.sha}/${file}#L${f.line})`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
