// The Action door: read the inputs, run lint(), report where reviewers look (annotations, the
// job summary, SARIF), set the outputs and fail the step when a finding reaches `fail-on`.
// A broken run (bad input or config, an unreadable path) fails too, and says it is broken.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { ConfigError, loadConfig } from './config.js';
import { lint } from './lint.js';
import { formatGithub, hiddenAnnotations } from './report/github.js';
import { formatSarif } from './report/sarif.js';
import { formatSummary } from './report/summary.js';
import { plural } from './report/words.js';
import { reachesFailOn, type FailOn, type Report } from './types.js';

const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
const ANNOTATIONS = ['auto', 'checks', 'commands', 'off'] as const;
type AnnotationMode = (typeof ANNOTATIONS)[number];

class InputError extends Error {}

export interface ActionInputs {
  paths: string[];
  config?: string;
  failOn: FailOn;
  sarifFile?: string;
  annotations: AnnotationMode;
}

/** `paths` is newline- or comma-separated; blank entries are dropped. */
export function splitPaths(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function readInputs(): ActionInputs {
  const token = core.getInput('token');
  if (token) core.setSecret(token);
  return {
    paths: splitPaths(core.getInput('paths') || '.'),
    config: core.getInput('config') || undefined,
    failOn: oneOf('fail-on', core.getInput('fail-on') || 'error', FAIL_ON),
    sarifFile: core.getInput('sarif-file') || undefined,
    annotations: oneOf('annotations', core.getInput('annotations') || 'auto', ANNOTATIONS),
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}

export async function run(workerScript?: string): Promise<void> {
  try {
    const inputs = readInputs();
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const config = loadConfig({ cwd: workspace, file: inputs.config });
    const report = await lint({ ...config.lintOptions, paths: inputs.paths, cwd: workspace, workerScript });
    publish(report, inputs, workspace);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError) {
      core.setFailed(`podlint: ${error.message}`);
      return;
    }
    core.setFailed(`podlint: internal error: ${(error as Error)?.message ?? String(error)}`);
  }
}

function publish(report: Report, inputs: ActionInputs, workspace: string): void {
  const { summary } = report;
  if (inputs.annotations !== 'off') process.stdout.write(formatGithub(report.findings));
  const hidden = inputs.annotations === 'off' ? 0 : hiddenAnnotations(report.findings);
  if (hidden > 0) core.notice(`podlint: ${hidden} findings are not shown as annotations (GitHub shows 10 per level); the job summary lists them all.`);

  if (inputs.sarifFile) {
    const target = path.resolve(workspace, inputs.sarifFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, formatSarif(report));
    core.setOutput('sarif-file', target);
  }

  core.setOutput('errors', summary.errors);
  core.setOutput('warnings', summary.warnings);
  core.setOutput('notices', summary.notices);
  core.setOutput('findings', report.findings.length);

  const failing = reachesFailOn(report.findings, inputs.failOn);
  const headline = verdict(report, inputs.failOn, failing);
  writeSummary(report, headline, hidden);
  if (report.problems.length > 0) {
    for (const p of report.problems) core.error(`podlint could not check ${p.file ?? 'the run'}: ${p.message}`);
    core.setFailed(`podlint: the run is incomplete: ${plural(report.problems.length, 'path')} could not be checked`);
  } else if (failing) {
    core.setFailed(`podlint: ${headline}`);
  } else {
    core.info(`podlint: ${headline}`);
  }
}

function verdict(report: Report, failOn: FailOn, failing: boolean): string {
  const { errors, warnings, notices } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notices, 'notice')}`;
  if (failing) {
    const reaching = report.findings.filter((f) => reachesFailOn([f], failOn)).length;
    return `${plural(reaching, 'finding')} at or above fail-on level "${failOn}" (${counts}).`;
  }
  return report.findings.length === 0 ? 'No problems found.' : `No finding reaches fail-on level "${failOn}" (${counts}).`;
}

function writeSummary(report: Report, headline: string, hidden: number): void {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = process.env;
  const links =
    GITHUB_REPOSITORY && GITHUB_SHA
      ? { serverUrl: GITHUB_SERVER_URL || 'https://github.com', repository: GITHUB_REPOSITORY, sha: GITHUB_SHA }
      : undefined;
  fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, formatSummary(report, { headline, links, hiddenAnnotations: hidden }));
}
