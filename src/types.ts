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
  /** Set when the finding comes from a rendered kustomization or chart (src/source/). */
  source?: FindingSource;
  /** The line is the best match in a template or base, not the exact node. */
  approximate?: true;
  /** Other places that explain the finding (the values.yaml line a template value came from). */
  related?: RelatedLocation[];
}

export interface FindingSource {
  kind: 'kustomize' | 'helm';
  /** The kustomization's or chart's folder, relative to the working directory. */
  root: string;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
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
}

export interface Report {
  findings: Finding[];
  /** The rules that ran (built-in ones and active policies), for outputs that describe them. */
  rules: readonly RuleMeta[];
  skipped: Skipped[];
  problems: RunProblem[];
  summary: Summary;
  /**
   * How the checked files were read: `fast` by the fast reader alone, `full` the full way, by
   * reason (check-text.ts). Not part of any output; for the bench and the differential test.
   */
  reading?: { fast: number; full: Record<string, number> };
  /** Set when the run checked one shard of the work (`--shard K/N`, shard.ts). */
  shard?: { index: number; count: number };
  /** Kustomizations and charts: which were rendered, with what, and which could not be. */
  rendered?: RenderedRoot[];
  /** Sentences for people about what was not rendered and how to get the tool. */
  notices?: string[];
}

export interface RenderedRoot {
  kind: 'kustomize' | 'helm';
  /** The folder, relative to the working directory. */
  root: string;
  /** The tool and its version, "helm v3.17.2", "kubectl v1.32.3 (kustomize v5.5.0)". */
  tool: string;
  /** Resources in the rendered output; undefined when the render failed. */
  resources?: number;
  /** Milliseconds the render took. */
  millis: number;
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
