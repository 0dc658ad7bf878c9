// SARIF 2.1.0 for code scanning: every rule's metadata, every finding with its full region and a
// fingerprint that survives lines moving, so an alert stays one alert across commits.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { fullMessage, type Finding, type Report, type RuleMeta, type Severity } from '../types.js';
import { INFORMATION_URI, VERSION } from '../version.js';
import { helpUri } from './help-uri.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', notice: 'note' };

export interface SarifOptions {
  /** Code scanning keeps one analysis per category: see sarifCategory(). */
  category?: string;
}

/**
 * `runs[].automationDetails.id` for a run over these paths with this config: code scanning
 * replaces an analysis only by one of the same category, so two podlint steps over different
 * folders (or with different configs) in one repository keep their own alerts. The id ends in
 * `/`: all of it is the category, with no run id after it.
 */
export function sarifCategory(paths: readonly string[], config?: string): string {
  const what = paths.length > 0 ? paths.map((p) => p.replace(/(.)\/+$/, '$1')).join(',') : '.';
  return `podlint/${what}${config ? `;config=${config}` : ''}/`;
}

/** Each shard of a matrix uploads its own run: its own category keeps them apart. */
function categoryOf(report: Report, options: SarifOptions): string {
  const shard = report.shard ? `shard-${report.shard.index}-of-${report.shard.count}/` : '';
  if (options.category === undefined) return shard ? `podlint/${shard}` : sarifCategory(['.']);
  return `${options.category}${shard}`;
}

export function toSarif(report: Report, options: SarifOptions = {}): Log {
  const { rules } = report;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        automationDetails: { id: categoryOf(report, options) },
        tool: {
          driver: {
            name: 'podlint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map(describeRule),
          },
        },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            toolExecutionNotifications: [
              ...report.problems.map((p) => notification('error', p.message, p.file)),
              ...report.skipped.map((s) => notification('note', `skipped: ${s.reason}`, s.file, s.line)),
              ...(report.notices ?? []).map((n) => notification('note', n)),
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => toResult(f, index.get(f.rule), seen)),
      },
    ],
  };
}

function describeRule(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description.replace(/[.:].*$/s, '') },
    fullDescription: { text: rule.description },
    helpUri: helpUri(rule),
    help: { text: rule.remediation, markdown: `**${rule.id}**: ${rule.description}\n\nFix: ${rule.remediation}` },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

function toResult(f: Finding, ruleIndex: number | undefined, seen: Map<string, number>): Result {
  const base = fingerprintOf(f);
  const occurrence = (seen.get(base) ?? 0) + 1;
  seen.set(base, occurrence);
  const result: Result = {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: fullMessage(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'podlintFinding/v1': `${base}:${occurrence}` },
  };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  if (f.related?.length) {
    result.relatedLocations = f.related.map((r, id) => ({
      id,
      message: { text: r.message },
      physicalLocation: {
        artifactLocation: { uri: toUri(r.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
      },
    }));
  }
  if (f.source || f.approximate) result.properties = { ...(f.source ? { source: f.source } : {}), ...(f.approximate ? { approximate: true } : {}) };
  return result;
}

/** Rule, file, resource, container and message, less the line numbers that move with edits. */
function fingerprintOf(f: Finding): string {
  const r = f.resource;
  const key = [f.rule, f.file, r?.kind, r?.namespace, r?.name, f.container, f.message.replace(/\bline \d+/g, 'line')].join('\0');
  return crypto().createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** node:crypto, loaded when a report needs it: loading it took 14 ms of every run's start. */
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function notification(level: 'error' | 'note', text: string, file?: string, line?: number) {
  return {
    level,
    message: { text },
    ...(file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' }, ...(line ? { region: { startLine: line } } : {}) } }] }
      : {}),
  };
}

export function formatSarif(report: Report, options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}
