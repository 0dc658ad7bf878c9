// lint(): the whole pipeline from paths to a report. Both doors (the CLI and the Action) call it
// and differ only in how they read options and where they send the result.
import path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from './fs/read-file.js';
import type { Reader, RuleSettings } from './check-text.js';
import type { FileJob, FileOutcome, FileSettings } from './check-file.js';
import { discover, toRelative } from './manifest/discover.js';
import { checkFiles } from './parallel.js';
import { plainFileJobs, recheckFunctionPatches } from './source/plan.js';
import { DEFAULT_RENDER, type RenderSettings } from './source/roots.js';
import { mergeAcrossRoots, renderNotices, startRenders } from './source/run-roots.js';
import { checkStdin } from './source/stdin-source.js';
import { limitNotices } from './source/render-limits.js';
import { DEFAULT_STDIN_NAME, STDIN_ARG, type StdinInput } from './source/stdin.js';
import { policyMeta, type Policy } from './policy/policy.js';
import { ALL_RULES } from './rules/index.js';
import { resolveDeferred, type DeferredSource } from './check-with-crds.js';
import type { SchemaFolder } from './crd/catalog.js';
import { shardOfKey, unitsOfShard, type Shard } from './shard.js';
import type { Finding, Report, RunProblem, UncheckedGroup } from './types.js';

export { DEFAULT_MAX_FILE_SIZE };

export interface LintOptions {
  /** Files, folders or globs; `.` when empty. */
  paths: readonly string[];
  /** What paths are relative to, and what findings' files are relative to. */
  cwd?: string;
  /** Globs of files left out. */
  ignore?: readonly string[];
  rules?: RuleSettings;
  /** Policies to apply, with the severity each reports at. */
  policies?: readonly Policy[];
  /** Bytes; larger files are reported as skipped. */
  maxFileSize?: number;
  /** Problems found before the run (a config or policy file that could not be read). */
  problems?: readonly RunProblem[];
  /** Globs (relative to cwd) of test assertion files: listed as skipped, never checked. */
  testAssertions?: readonly string[];
  /**
   * The running bundle's own file: lets large runs check files in worker threads that run it
   * again (see parallel.ts). Without it everything runs in this thread.
   */
  workerScript?: string;
  /** What `-` among the paths reads: standard input's text, read by the door. */
  stdin?: StdinInput;
  /** Whether and how kustomizations and charts are rendered (config `render:`). */
  render?: Partial<RenderSettings>;
  /** The Kubernetes version the manifests target, `1.N` (default: the newest the schemas know). */
  kubernetesVersion?: string;
  /** `full` turns the fast reader off (check-text.ts); for the differential test. */
  reader?: Reader;
  /** Folders of JSON schemas for custom resources, in the CRDs-catalog layout (crd/catalog.ts). */
  schemaFolders?: readonly SchemaFolder[];
  /** Check only this shard's share of the work (shard.ts); standard input goes to shard 1. */
  shard?: Shard;
}

export async function lint(options: LintOptions): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const readsStdin = options.paths.includes(STDIN_ARG);
  const paths = options.paths.filter((p) => p !== STDIN_ARG);
  // `podlint -` reads standard input only; `podlint - k8s/` reads both.
  const discovered = readsStdin && paths.length === 0 ? { files: [], problems: [], skipped: [] } : discover(paths, { cwd, ignore: options.ignore });
  const { shard } = options;
  const inShard = (file: string) => !shard || shardOfKey(file, shard.count) === shard.index;
  if (shard) {
    discovered.problems = discovered.problems.filter((p) => p.file === undefined || inShard(p.file));
    discovered.skipped = discovered.skipped.filter((s) => inShard(s.file));
  }
  const report: Report = {
    findings: [],
    skipped: [...discovered.skipped],
    problems: [...(options.problems ?? []), ...discovered.problems],
    rules: [...ALL_RULES, ...(options.policies ?? []).map(policyMeta)],
    summary: { files: 0, documents: 0, resources: 0, pods: 0, errors: 0, warnings: 0, notices: 0, suppressed: 0, unchecked: [] },
    reading: { fast: 0, full: {} },
  };
  if (shard) report.shard = shard;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const reported = new Set([...report.problems, ...report.skipped].map((p) => p.file));
  const settings = {
    cwd,
    rules: options.rules,
    policies: options.policies,
    maxFileSize,
    kubernetesVersion: options.kubernetesVersion,
    reader: options.reader,
    schemaFolders: options.schemaFolders,
  };
  // Plain files and standard input hand back the custom resources whose CRD may be elsewhere
  // in the scan; they are checked once every file has been read (check-with-crds.ts).
  const deferring = { ...settings, defer: true };
  const sources: DeferredSource[] = [];
  // Renders start first and run while the plain files are checked.
  const render = { ...DEFAULT_RENDER, ...options.render };
  const pick = shard && ((units: Parameters<typeof unitsOfShard>[0]) => unitsOfShard(units, shard, (abs) => toRelative(cwd, abs)));
  const renders = await startRenders(discovered.files, cwd, render, settings, pick);
  const plainFiles = discovered.files.filter((f) => !renders.consumed.has(f) && (!shard || inShard(toRelative(cwd, f))));
  const listings = discovered.listings;
  delete discovered.listings; // (the walk's folder listings serve plainFileJobs, and no longer)
  const plain = await checkPlainFiles(plainFiles, { cwd, maxFileSize, reported, testAssertions: options.testAssertions, listings, selfReporting: !shard }, deferring, options.workerScript);
  report.problems.push(...plain.problems);
  report.skipped.push(...plain.skipped);
  const outcomes: FileOutcome[] = plain.outcomes;
  sources.push(...plain.sources);
  if (readsStdin && (!shard || shard.index === 1)) {
    const name = options.stdin?.name ?? DEFAULT_STDIN_NAME;
    if (options.stdin === undefined) report.problems.push({ file: name, message: 'standard input was not read' });
    else {
      // Plain standard input hands back custom resources for the scan's CRDs; piped helm output
      // is placed on its chart's files and checked like a render.
      const outcome = await checkStdin(options.stdin.text, name, renders.plan.files, settings, deferring);
      outcomes.push(outcome);
      sources.push({ outcome, file: name, text: options.stdin.text });
    }
  }
  const roots = await renders.done;
  const scanned = new Set(discovered.files);
  // A root that did not render: its files are checked one by one, as without the tool.
  const skippedTemplates = new Set(roots.flatMap((r) => r.fallbackSkipped ?? []));
  for (const file of [...skippedTemplates].filter((f) => scanned.has(f)).sort()) {
    report.skipped.push({ file: toRelative(cwd, file), reason: 'Helm template of a chart that did not render' });
  }
  const fallback = roots.flatMap((r) => r.fallback ?? []).filter((f) => scanned.has(f) && !skippedTemplates.has(f));
  if (fallback.length > 0) {
    const again = plainFileJobs([...new Set(fallback)].sort(), cwd, maxFileSize, reported, options.testAssertions);
    report.problems.push(...again.problems);
    report.skipped.push(...again.skipped);
    const checked = await checkFiles(again.jobs, deferring, options.workerScript);
    sources.push(...withDeferred(checked, again.jobs));
    outcomes.push(...checked);
  }
  for (const root of roots) {
    outcomes.push(root.outcome);
    if (!root.fallback) report.summary.files += [...root.unit.files].filter((f) => scanned.has(f)).length;
  }
  if (roots.length > 0) report.rendered = roots.map((r) => r.rendered);
  const notices = [...renderNotices(renders.plan), ...limitNotices(roots.flatMap((r) => (r.limited ? [r.limited] : [])))];
  if (notices.length > 0) report.notices = notices;
  resolveDeferred(sources, outcomes, settings);
  for (const outcome of outcomes) {
    if (outcome.skipped) report.skipped.push(outcome.skipped);
    if (outcome.skippedDocuments) report.skipped.push(...outcome.skippedDocuments);
    if (outcome.problem) report.problems.push(outcome.problem);
    if (outcome.checked) report.summary.files++;
    report.summary.documents += outcome.documents;
    report.summary.resources += outcome.resources;
    report.summary.pods += outcome.pods;
    report.summary.suppressed += outcome.suppressed;
    if (outcome.checked && outcome.fullReason) report.reading!.full[outcome.fullReason] = (report.reading!.full[outcome.fullReason] ?? 0) + 1;
    else if (outcome.checked && !outcome.skipped && options.reader !== 'full') report.reading!.fast++;
    for (const finding of outcome.findings) report.findings.push(finding);
    for (const group of outcome.unchecked ?? []) addUnchecked(report.summary.unchecked!, group);
  }
  report.findings = mergeAcrossRoots(report.findings);
  report.findings.sort(compareFindings);
  report.summary.unchecked!.sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  // Said only when there is something to say: a run every schema covered keeps the plain summary.
  if (report.summary.unchecked!.length === 0) delete report.summary.unchecked;
  for (const f of report.findings) report.summary[`${f.severity}s`]++;
  return report;
}

interface PlainFileOptions {
  cwd: string;
  maxFileSize: number;
  reported: ReadonlySet<string | undefined>;
  testAssertions?: readonly string[];
  listings?: ReadonlyMap<string, string[]>;
  selfReporting: boolean;
}

/**
 * Checks the plain files one by one (plainFileJobs), then checks again, as patches, the files a
 * function config checked after them names as patches. What outlives the check is the outcomes,
 * and the jobs of those that left custom resources for another file's CRD: a run keeps little
 * per clean file, however large the repository.
 */
async function checkPlainFiles(files: readonly string[], options: PlainFileOptions, settings: FileSettings, workerScript?: string) {
  const { jobs, problems, skipped } = plainFileJobs(files, options.cwd, options.maxFileSize, options.reported, options.testAssertions, options.listings, options.selfReporting);
  const outcomes = await checkFiles(jobs, settings, workerScript, true);
  const latePatches = recheckFunctionPatches(jobs, outcomes);
  const rechecked = latePatches.length > 0 ? await checkFiles(latePatches.map((a) => a.job), settings, workerScript) : [];
  latePatches.forEach(({ index, job }, k) => {
    jobs[index] = job;
    outcomes[index] = rechecked[k]!;
  });
  return { outcomes, problems, skipped, sources: withDeferred(outcomes, jobs) };
}

/** The sources resolveDeferred needs: outcomes that left custom resources for another file's CRD. */
function withDeferred(outcomes: readonly FileOutcome[], jobs: readonly FileJob[]): DeferredSource[] {
  return outcomes.flatMap((outcome, i) => (outcome.deferred?.length ? [{ outcome, job: jobs[i]! }] : []));
}

/** Counts of one apiVersion, kind and reason add up across files. */
function addUnchecked(groups: UncheckedGroup[], group: UncheckedGroup): void {
  const same = groups.find((g) => g.apiVersion === group.apiVersion && g.kind === group.kind && g.reason === group.reason);
  if (same) same.count += group.count;
  else groups.push({ ...group });
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
