// Where the findings go on the pull request, by the `annotations` input:
//   auto      the check run when the token may write checks; else workflow commands
//   checks    the check run, or the step fails
//   commands  workflow commands (GitHub shows 10 per level per step)
//   off       neither
import { core, loadCore } from './core.js';
import { formatGithub, hiddenAnnotations } from '../report/github.js';
import type { Finding, RuleMeta } from '../types.js';
import { plural } from '../report/words.js';
import { publishCheckRun, type CheckRunOutput, type CheckRunProgress } from './checks.js';
import type { RunContext } from './event.js';
import type { AnnotationMode } from './inputs.js';
import { describeRequestError, httpStatus, type GitHubApi } from './octokit.js';
import { StepError } from './step-error.js';

export interface Annotated {
  channel: 'checks' | 'commands' | 'off';
  /** Findings printed as workflow commands that GitHub will not show (over 10 per level). */
  hidden: number;
  /** Why the findings are not (all) in the check run, for the job summary; none when they are. */
  note?: string;
}

export interface AnnotateOptions {
  mode: AnnotationMode;
  findings: readonly Finding[];
  /** The rules that ran, for the remediation line of each annotation. */
  rules: readonly RuleMeta[];
  context: RunContext;
  api?: GitHubApi;
  conclusion: 'success' | 'failure';
  output: CheckRunOutput;
  /** The check run's name (checks.ts checkRunName); `podlint` when unset. */
  checkName?: string;
  /** Where workflow commands go: the runner reads them from stdout. */
  print?: (text: string) => void;
}

export async function annotate(options: AnnotateOptions): Promise<Annotated> {
  await loadCore();
  const { mode, context } = options;
  if (mode === 'off') return { channel: 'off', hidden: 0 };
  if (mode === 'commands') return printCommands(options);

  const target = context.repository && context.sha ? { ...context.repository, headSha: context.sha } : undefined;
  if (mode === 'checks') {
    if (!options.api) throw new StepError('annotations: checks needs a token (the "token" input is empty)');
    if (!target) throw new StepError('annotations: checks needs GITHUB_REPOSITORY and a commit (GITHUB_SHA)');
  }
  if (!options.api || !target) return printCommands(options);

  const progress: CheckRunProgress = { annotated: 0 };
  try {
    const id = await publishCheckRun(options.api, { ...target, conclusion: options.conclusion, output: options.output, findings: options.findings, rules: options.rules, name: options.checkName }, progress);
    core().info(`podlint: check run ${id} on ${target.headSha} holds ${plural(options.findings.length, 'annotation')}`);
    return { channel: 'checks', hidden: 0 };
  } catch (error) {
    const why = describeRequestError(error);
    const total = options.findings.length;
    if (progress.id !== undefined) {
      // The run exists with the first findings; the rest still reach the diff, as commands.
      const rest = options.findings.slice(progress.annotated);
      const held = `check run ${progress.id} holds ${progress.annotated} of the ${plural(total, 'finding')}`;
      if (mode === 'checks') throw new StepError(`could not finish the check run (${why}): ${held}`);
      const note = `The ${held}: the API failed before the rest (${why}); the other ${plural(rest.length, 'finding')} went out as workflow commands.`;
      core().warning(`podlint: ${note}`);
      return printCommands({ ...options, findings: rest }, note);
    }
    if (mode === 'checks') throw new StepError(`could not create the check run: ${why}`);
    const printed = `${plural(total, 'finding')} printed as workflow commands instead`;
    const status = httpStatus(error);
    if (status === 403 || status === 404) {
      core().warning(
        `podlint: the token may not create check runs here (${why}), as on a pull request from a fork; ` +
          `${printed}. Grant "checks: write" to get every finding on the diff.`,
      );
      return printCommands(options, `The token may not create check runs here (${why}); ${printed}.`);
    }
    core().warning(`podlint: could not create the check run (${why}); ${printed}.`);
    return printCommands(options, `Could not create the check run (${why}); ${printed}.`);
  }
}

function printCommands(options: AnnotateOptions, note?: string): Annotated {
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  print(formatGithub(options.findings));
  const hidden = hiddenAnnotations(options.findings);
  if (hidden > 0) {
    core().notice(`podlint: ${plural(hidden, 'finding')} not shown as annotations (GitHub shows 10 errors, 10 warnings and 10 notices per step); the job summary lists every finding.`);
  }
  return { channel: 'commands', hidden, ...(note ? { note } : {}) };
}
