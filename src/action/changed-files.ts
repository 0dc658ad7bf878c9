// `only-changed`: keep the findings a pull request is responsible for. The PR's files come from
// the REST API; `files` keeps findings in those files, `lines` only those on lines the PR adds or
// modifies. Whenever the PR's changes cannot be known exactly, every finding is kept (with a
// note): showing too much is safe, hiding a finding is not.
import type { Finding, Report } from '../types.js';
import { plural } from '../report/words.js';
import { addedLines } from './diff.js';
import type { RunContext } from './event.js';
import type { OnlyChanged } from './inputs.js';
import { describeRequestError, MalformedAnswer, type GitHubApi } from './octokit.js';

/** GitHub lists at most this many files of a pull request. */
export const PR_FILES_LIMIT = 3000;
const PER_PAGE = 100;
/** Patch text kept over the whole list; past it a file counts whole (shows more, never hides). */
const MAX_PATCH_CHARS = 64 * 1024 * 1024;

/** The fields podlint reads from GET /repos/{owner}/{repo}/pulls/{n}/files. */
export interface PullRequestFile {
  filename: string;
  status: string;
  /** Absent for binary files and for diffs too large to send. */
  patch?: string;
  changes?: number;
}

/** Each changed file, with the lines it adds or modifies, or 'whole' when they are unknown. */
export type ChangeSet = Map<string, ReadonlySet<number> | 'whole'>;

export function toChangeSet(files: readonly PullRequestFile[]): ChangeSet {
  const changes: ChangeSet = new Map();
  for (const file of files) {
    if (file.status === 'removed') continue; // nothing of it is left to annotate
    // `filename` is the new name of a renamed file.
    if (typeof file.patch === 'string') changes.set(file.filename, addedLines(file.patch));
    else if (file.changes === 0) changes.set(file.filename, new Set()); // a pure rename
    else changes.set(file.filename, 'whole'); // binary or too large for a patch: trust it all
  }
  return changes;
}

/** Whether the PR changed the finding's file (`files`) or one of the lines it spans (`lines`). */
export function isChanged(finding: Finding, changes: ChangeSet, mode: 'files' | 'lines'): boolean {
  const lines = changes.get(finding.file);
  if (lines === undefined) return false;
  if (mode === 'files' || lines === 'whole') return true;
  // A best-match line in a template or patch may not be the line that changed: any changed line
  // of that file may have caused it.
  if (finding.approximate) return lines.size > 0;
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) {
    if (lines.has(line)) return true;
  }
  // A changed values.yaml line that sets the value is as good as the template line itself.
  return (finding.related ?? []).some((r) => {
    const changed = changes.get(r.file);
    return changed === 'whole' || (changed !== undefined && changed.has(r.line));
  });
}

/** The report with only the changed findings, its counts recomputed to match. */
export function keepChanged(report: Report, changes: ChangeSet, mode: 'files' | 'lines'): Report {
  const findings = report.findings.filter((f) => isChanged(f, changes, mode));
  const summary = { ...report.summary, errors: 0, warnings: 0, notices: 0 };
  for (const f of findings) summary[`${f.severity}s`]++;
  return { ...report, findings, summary };
}

export interface Narrowed {
  report: Report;
  /** One line on what was kept and why, for the log and the job summary; none when off. */
  note?: string;
  /** `warning` when the filter could not be applied as asked. */
  level: 'notice' | 'warning';
}

/** Applies `only-changed` to a finished report. Never throws: a failed lookup keeps everything. */
export async function narrowToChanges(report: Report, mode: OnlyChanged, context: RunContext, api: GitHubApi | undefined): Promise<Narrowed> {
  if (mode === 'false') return { report, level: 'notice' };
  const everything = (why: string, level: Narrowed['level'] = 'notice'): Narrowed => ({
    report,
    level,
    note: `only-changed: ${mode} ${why}; every finding is reported.`,
  });
  const pr = context.pullRequest;
  if (!pr) return everything('applies to pull_request and pull_request_target events, not to this ' + (context.eventName ? `${context.eventName} event` : 'run'));
  if (!context.repository) return everything('needs GITHUB_REPOSITORY', 'warning');
  if (!api) return everything("needs a token to list the pull request's files", 'warning');
  if ((pr.changedFiles ?? 0) > PR_FILES_LIMIT) {
    return everything(`cannot see all ${pr.changedFiles} files of pull request #${pr.number} (GitHub lists at most ${PR_FILES_LIMIT})`);
  }
  let files: PullRequestFile[];
  try {
    files = await listPullRequestFiles(api, context.repository, pr.number);
  } catch (error) {
    return everything(`could not list the files of pull request #${pr.number} (${describeRequestError(error)})`, 'warning');
  }
  if (files.length >= PR_FILES_LIMIT) {
    return everything(`cannot see all files of pull request #${pr.number} (GitHub lists at most ${PR_FILES_LIMIT})`);
  }
  const narrowed = keepChanged(report, toChangeSet(files), mode);
  const left = report.findings.length - narrowed.findings.length;
  const where = mode === 'files' ? `in the ${plural(files.length, 'file')} pull request #${pr.number} changes` : `on lines pull request #${pr.number} adds or modifies`;
  return {
    report: narrowed,
    level: 'notice',
    note: `only-changed: ${mode}: reporting the findings ${where}; ${plural(left, 'other finding')} left out.`,
  };
}

/**
 * The PR's files, page by page, up to GitHub's limit. A page shorter than asked is the last one
 * (the Link header is not trusted to say so: a missing one must not hide files). An answer that is
 * not a list of files throws MalformedAnswer: a garbled entry could be any file, so nothing about
 * the PR's changes is known.
 */
export async function listPullRequestFiles(
  api: GitHubApi,
  repository: { owner: string; repo: string },
  number: number,
  maxPatchChars = MAX_PATCH_CHARS,
): Promise<PullRequestFile[]> {
  const files: PullRequestFile[] = [];
  let patchChars = 0;
  for (let page = 1; files.length < PR_FILES_LIMIT; page++) {
    const { data } = await api.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...repository, pull_number: number, per_page: PER_PAGE, page });
    if (!Array.isArray(data)) throw new MalformedAnswer(`page ${page} of the file list is not a list`);
    if (data.length > PER_PAGE) throw new MalformedAnswer(`page ${page} of the file list has ${data.length} entries, not at most ${PER_PAGE}`);
    for (const [i, entry] of data.entries()) {
      const file = asPullRequestFile(entry);
      if (!file) throw new MalformedAnswer(`entry ${(page - 1) * PER_PAGE + i + 1} of the file list is not a file`);
      patchChars += file.patch?.length ?? 0;
      if (patchChars > maxPatchChars) {
        delete file.patch;
        delete file.changes;
      }
      files.push(file);
    }
    if (data.length < PER_PAGE) break;
  }
  return files;
}

/** An entry of the list with the documented shape, reduced to the fields podlint reads. */
function asPullRequestFile(entry: unknown): PullRequestFile | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const { filename, status, patch, changes } = entry as Record<string, unknown>;
  if (typeof filename !== 'string' || filename === '' || typeof status !== 'string') return undefined;
  if (patch != null && typeof patch !== 'string') return undefined;
  if (changes != null && !(typeof changes === 'number' && Number.isSafeInteger(changes) && changes >= 0)) return undefined;
  const file: PullRequestFile = { filename, status };
  if (typeof patch === 'string') file.patch = patch;
  if (typeof changes === 'number') file.changes = changes;
  return file;
}
