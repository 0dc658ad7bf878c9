// The Action door: read the inputs, run lint(), keep the findings the PR is responsible for
// (`only-changed`), report them where reviewers look (a check run or workflow commands, the job
// summary, SARIF), set the outputs and fail the step when a finding reaches `fail-on`.
// A broken run (a bad input or config, an unreadable path) fails too, and says it is broken.
import fs from 'node:fs';
import { core, loadCore } from './action/core.js';
import { annotate, type Annotated } from './action/annotate.js';
import { narrowToChanges } from './action/changed-files.js';
import { checkRunName, checkRunOutput } from './action/checks.js';
import { readRunContext, type RunContext } from './action/event.js';
import { readInputs, type ActionInputs } from './action/inputs.js';
import { apiLimitsFromEnv } from './action/api-limits.js';
import { createGitHubApi, type GitHubApi } from './action/octokit.js';
import { writeSarifFile } from './action/sarif-file.js';
import { StepError } from './action/step-error.js';
import { ConfigError, loadConfig } from './config.js';
import { lint } from './lint.js';
import { ALL_RULES } from './rules/index.js';
import { formatSarif, sarifCategory } from './report/sarif.js';
import { escapeMarkdown, formatSummary } from './report/summary.js';
import { plural } from './report/words.js';
import { escapeControls } from './quote.js';
import { nothingChecked, reachesFailOn, type FailOn, type Report } from './types.js';

export async function run(workerScript?: string): Promise<void> {
  let inputs: ActionInputs | undefined;
  let context: RunContext | undefined;
  await loadCore();
  try {
    // Masked before anything else runs, so no later line of the log can show it.
    const token = core().getInput('token');
    if (token) core().setSecret(token);
    inputs = readInputs(core().getInput);
    context = readRunContext(process.env, process.cwd());
    const config = loadConfig({ cwd: context.workspace, file: inputs.config });
    const kubernetesVersion = inputs.kubernetesVersion ?? config.lintOptions.kubernetesVersion;
    const report = await lint({ ...config.lintOptions, paths: inputs.paths, cwd: context.workspace, workerScript, kubernetesVersion, shard: inputs.shard });
    const api = needsApi(inputs, context) ? await createGitHubApi(inputs.token, { limits: apiLimitsFromEnv(process.env) }) : undefined;
    const narrowed = await narrowToChanges(report, inputs.onlyChanged, context, api);
    if (narrowed.note) core()[narrowed.level](`podlint: ${narrowed.note}`);
    await publish(narrowed.report, inputs, context, api, narrowed.note ? [narrowed.note] : []);
  } catch (error) {
    if (error instanceof StepError || error instanceof ConfigError) {
      if (inputs && context) writeSarif(brokenRun(error.message), inputs, context);
      core().setFailed(`podlint: ${error.message}`);
      return;
    }
    // A stack trace is for podlint's developers: only in a run with step debugging on.
    if (core().isDebug()) core().debug((error as Error)?.stack ?? String(error));
    core().setFailed(`podlint: internal error: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The API is needed for a check run, or for the PR's files; never without a token. */
function needsApi(inputs: ActionInputs, context: RunContext): boolean {
  if (!inputs.token) return false;
  const checks = inputs.annotations === 'auto' || inputs.annotations === 'checks';
  const changes = inputs.onlyChanged !== 'false' && context.pullRequest !== undefined;
  return checks || changes;
}

async function publish(report: Report, inputs: ActionInputs, context: RunContext, api: GitHubApi | undefined, notes: string[]): Promise<void> {
  const failing = reachesFailOn(report.findings, inputs.failOn);
  const broken = report.problems.length > 0;
  const headline = verdict(report, inputs.failOn, failing);

  // Local results are written even when the check run fails, so the step still leaves them.
  let annotated: Annotated = { channel: 'off', hidden: 0 };
  let annotationFailure: string | undefined;
  try {
    annotated = await annotate({
      mode: inputs.annotations,
      findings: report.findings,
      rules: report.rules,
      context,
      api,
      conclusion: failing || broken ? 'failure' : 'success',
      output: checkRunOutput(report.findings, headline, notes),
      checkName: checkRunName(inputs.shard),
    });
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    annotationFailure = error.message;
  }

  writeSarif(report, inputs, context);
  core().setOutput('errors', report.summary.errors);
  core().setOutput('warnings', report.summary.warnings);
  core().setOutput('notices', report.summary.notices);
  core().setOutput('findings', report.findings.length);
  writeSummary(report, headline, notes, annotated, context);

  for (const p of report.problems) core().error(`podlint could not check ${escapeControls(p.file ?? 'the run')}: ${escapeControls(p.message)}`);
  if (broken) core().setFailed(`podlint: the run is incomplete: ${plural(report.problems.length, 'path')} could not be checked`);
  else if (annotationFailure) core().setFailed(`podlint: ${annotationFailure}`);
  else if (failing) core().setFailed(`podlint: ${headline}`);
  else core().info(`podlint: ${headline}`);
}

/** One line: whether the step fails and why; a broken run never reads like a clean one. */
function verdict(report: Report, failOn: FailOn, failing: boolean): string {
  const { errors, warnings, notices } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notices, 'notice')}`;
  const problems = report.problems.length;
  const incomplete = problems > 0 ? `The run is incomplete: could not check ${plural(problems, 'path')}. ` : '';
  if (failing) {
    const reaching = report.findings.filter((f) => reachesFailOn([f], failOn)).length;
    return `${incomplete}${plural(reaching, 'finding')} at or above fail-on level "${failOn}" (${counts}).`;
  }
  if (report.findings.length === 0 && nothingChecked(report)) return `${incomplete}Nothing was checked: every input was skipped (${plural(report.skipped.length, 'file')}).`;
  if (report.findings.length === 0) return problems > 0 ? `${incomplete}No findings in the files that were checked.` : 'No problems found.';
  if (failOn === 'never') return `${incomplete}${counts}; fail-on is "never", so the step does not fail on findings.`;
  return `${incomplete}No finding reaches fail-on level "${failOn}" (${counts}).`;
}

/** SARIF on every run that got as far as reading its inputs, with zero results too; a failure is one line. */
function writeSarif(report: Report, inputs: ActionInputs, context: RunContext): void {
  if (!inputs.sarifFile) return;
  const result = writeSarifFile(inputs.sarifFile, context.workspace, formatSarif(report, { category: sarifCategory(inputs.paths, inputs.config) }));
  if ('failure' in result) {
    // The findings went out all the same; the step fails, as a run that left no SARIF.
    core().error(`podlint: ${result.failure}`);
    process.exitCode = core().ExitCode.Failure;
    return;
  }
  core().setOutput('sarif-file', result.written);
}

/** A run stopped before linting (a bad config): SARIF says so rather than showing a clean run. */
function brokenRun(message: string): Report {
  return {
    findings: [],
    rules: ALL_RULES,
    skipped: [],
    problems: [{ message }],
    summary: { files: 0, documents: 0, resources: 0, pods: 0, errors: 0, warnings: 0, notices: 0, suppressed: 0 },
  };
}

function writeSummary(report: Report, headline: string, notes: string[], annotated: Annotated, context: RunContext): void {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const links = context.repository && context.sha ? { serverUrl: context.serverUrl, repository: `${context.repository.owner}/${context.repository.repo}`, sha: context.sha } : undefined;
  const lines = [headline, ...[...notes, ...(annotated.note ? [annotated.note] : [])].map((note) => `\n> ${escapeMarkdown(note)}`)];
  if (annotated.channel === 'checks') lines.push(`\nEvery finding is an annotation of the \`podlint\` check run on ${context.sha?.slice(0, 7)}.`);
  fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, formatSummary(report, { headline: lines.join('\n'), links, hiddenAnnotations: annotated.hidden }));
}
