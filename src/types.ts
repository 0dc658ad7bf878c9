// The data that crosses every boundary of podlint: findings out of the engine, and what a run
// reports besides them.

export type Severity = 'error' | 'warning' | 'notice';

/** `--fail-on` and the Action's `fail-on`: the least severity that fails the run. */
export type FailOn = Severity | 'never';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

export interface ResourceRef {
  kind: string;
  name?: string;
  namespace?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Relative to the working directory, with `/` separators. */
  file: string;
  /** 1-based; the end is exclusive (the column after the last character), as in SARIF. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: ResourceRef;
  container?: string;
  /** What exactly failed, when the message is a policy's fixed text. */
  detail?: string;
}

/** The message with its detail, for every output a person reads. */
export function fullMessage(f: Finding): string {
  return f.detail ? `${f.message}: ${f.detail}` : f.message;
}

/** A file that was read but deliberately not checked (a Helm template, a file over the limit). */
export interface Skipped {
  file: string;
  line?: number;
  reason: string;
}

/** Something that kept part of the run from happening (an unreadable path): the run is broken. */
export interface RunProblem {
  file?: string;
  message: string;
}

export interface Summary {
  files: number;
  documents: number;
  resources: number;
  pods: number;
  errors: number;
  warnings: number;
  notices: number;
  /** Findings silenced by `# podlint-ignore` comments. */
  suppressed: number;
}

/** What every output says of a rule: built-in rules and the policies that ran alike. */
export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One sentence: the failure the rule prevents. */
  description: string;
  /** One line the user can act on. */
  remediation: string;
  /** Where the rule is explained; by default its section of the README (report/help-uri.ts). */
  helpUri?: string;
}

export interface Report {
  findings: Finding[];
  /** The rules that ran (built-in ones and active policies), for outputs that describe them. */
  rules: readonly RuleMeta[];
  skipped: Skipped[];
  problems: RunProblem[];
  summary: Summary;
}

export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/** Whether any finding reaches the `fail-on` level. */
export function reachesFailOn(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const floor = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= floor);
}
