// The check run: one run named `podlint` on the commit the findings belong to, every finding an
// annotation that GitHub draws on the pull request's diff. The Checks API takes 50 annotations per
// request, so the run is created with the first 50 and the rest are appended by updates. The run
// is created already completed, with its conclusion: if an update fails later, the verdict
// reviewers see is still the right one.
import { countsTable, escapeMarkdown } from '../report/summary.js';
import { fullMessage, type Finding, type RuleMeta, type Severity } from '../types.js';
import { MalformedAnswer, type GitHubApi } from './octokit.js';
import { formatShard, type Shard } from '../shard.js';

export const CHECK_NAME = 'podlint';
export const ANNOTATIONS_PER_REQUEST = 50;
/** The API's limits on an annotation's fields and a check run's summary. */
const MAX_TITLE = 255;
const MAX_TEXT = 64 * 1024 - 1024;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
  raw_details?: string;
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' };
export function toAnnotation(f: Finding, remediation?: string): CheckAnnotation {
  const annotation: CheckAnnotation = {
    path: f.file,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: LEVEL[f.severity],
    title: cut(f.rule, MAX_TITLE),
    message: cut(fullMessage(f), MAX_TEXT),
  };
  // The API accepts columns only for an annotation on one line.
  if (f.line === f.endLine) {
    annotation.start_column = f.column;
    annotation.end_column = f.endColumn;
  }
  if (remediation) annotation.raw_details = `Fix: ${remediation}`;
  return annotation;
}

export interface CheckRunOutput {
  title: string;
  /** Markdown. */
  summary: string;
}

export interface CheckRun {
  owner: string;
  repo: string;
  headSha: string;
  conclusion: 'success' | 'failure';
  output: CheckRunOutput;
  findings: readonly Finding[];
  /** The rules that ran, for each annotation's remediation line. */
  rules: readonly RuleMeta[];
  /** The check run's name: CHECK_NAME, or one per shard (checkRunName). */
  name?: string;
}

/** One check run per shard of a matrix, each under its own name, so none replaces another. */
export function checkRunName(shard?: Shard): string {
  return shard ? `${CHECK_NAME} (shard ${formatShard(shard)})` : CHECK_NAME;
}

/** How far publishCheckRun got, read by the caller when it throws: the first `annotated` findings are in run `id`. */
export interface CheckRunProgress {
  id?: number;
  annotated: number;
}

/** Creates the check run with every finding; resolves to its id. Throws what the API throws. */
export async function publishCheckRun(api: GitHubApi, run: CheckRun, progress: CheckRunProgress = { annotated: 0 }): Promise<number> {
  const remediation = new Map(run.rules.map((rule) => [rule.id, rule.remediation]));
  const batches = inBatches(run.findings.map((f) => toAnnotation(f, remediation.get(f.rule))), ANNOTATIONS_PER_REQUEST);
  const output = { title: cut(run.output.title, MAX_TITLE), summary: cut(run.output.summary, MAX_TEXT) };
  const created = await api.request('POST /repos/{owner}/{repo}/check-runs', {
    owner: run.owner,
    repo: run.repo,
    name: run.name ?? CHECK_NAME,
    head_sha: run.headSha,
    status: 'completed',
    conclusion: run.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...output, annotations: batches[0] ?? [] },
  });
  const id = (created.data as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new MalformedAnswer('the API answered without a check run id');
  progress.id = id;
  progress.annotated = batches[0]?.length ?? 0;
  for (const batch of batches.slice(1)) {
    // Annotations sent with an update are added to the run's, not put in their place.
    await api.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner: run.owner,
      repo: run.repo,
      check_run_id: id,
      output: { ...output, annotations: batch },
    });
    progress.annotated += batch.length;
  }
  return id;
}

/** The check run's title and Markdown summary: the verdict and counts per rule. */
export function checkRunOutput(findings: readonly Finding[], headline: string, notes: readonly string[]): CheckRunOutput {
  const lines = [escapeMarkdown(headline), ''];
  for (const note of notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  if (findings.length > 0) {
    lines.push(countsTable(findings).trimEnd(), '', 'Each finding is an annotation on its line; the job summary lists them all.');
  }
  return { title: headline, summary: lines.join('\n') };
}

function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
