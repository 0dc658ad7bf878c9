// The source layer: between discovery and checking, every input becomes a *source*, manifest
// text plus the way back to repository lines. A plain file is checked where it lies (in worker
// threads for large runs, see parallel.ts); standard input is checked as one text; kustomizations
// and charts are rendered first (kustomize/, helm/) and their findings placed back on the files
// they came from. Rules, policies and reporters never learn which kind of source they look at.
import fs from 'node:fs';
import type { FileJob, FileOutcome } from '../check-file.js';
import { describeFsError, notRegularMessage } from '../fs/read-file.js';
import { toRelative } from '../manifest/discover.js';
import { isKustomizationFile, KustomizeFolders, PatchIndex, SelectorLabelIndex } from '../manifest/kustomize.js';
import { TestSuiteIndex } from '../manifest/test-suites.js';
import type { RunProblem, Skipped } from '../types.js';

export interface PlainFiles {
  jobs: FileJob[];
  problems: RunProblem[];
  /** Test assertion files: expected cluster state, not manifests (test-suites.ts). */
  skipped: Skipped[];
}

/**
 * The files checked one by one; kustomize patches (and chainsaw patches) among them are marked
 * partial objects, test assertions are left out as skipped.
 *
 * `selfReporting`: trust each job to say, once checked, which files it names as a KRM function
 * config (checkFile: FileOutcome.functionPatches; recheckFunctionPatches() then checks those again
 * as patches), so the files of the scan are read once, not a second time here to look for such
 * configs. Only files that are no job here (left out by a glob, a test assertion) are searched up
 * front. A shard must search up front: a config may be in another shard than the files it names.
 */
export function plainFileJobs(
  files: readonly string[],
  cwd: string,
  maxFileSize: number,
  reported: ReadonlySet<string | undefined>,
  assertionGlobs?: readonly string[],
  listings?: ReadonlyMap<string, string[]>,
  selfReporting = false,
): PlainFiles {
  const folders = new KustomizeFolders(cwd, maxFileSize, listings);
  const suites = new TestSuiteIndex({ cwd, files, assertionGlobs, listings });
  const selectorLabels = new SelectorLabelIndex(files.filter(isKustomizationFile), folders);
  const result: PlainFiles = { jobs: [], problems: [], skipped: [] };
  for (const abs of files) {
    // (Named only for a problem or a skip.)
    const file = () => toRelative(cwd, abs);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(abs);
    } catch (error) {
      result.problems.push({ file: file(), message: `cannot read: ${describeFsError(error)}` });
      continue;
    }
    if (!stats.isFile()) {
      result.problems.push({ file: file(), message: notRegularMessage(stats) });
      continue;
    }
    const assertion = suites.assertionReason(abs);
    if (assertion !== undefined) result.skipped.push({ file: file(), reason: assertion });
    else {
      const job: FileJob = { abs, partial: suites.isPartial(abs), size: stats.size };
      if (selectorLabels.has(abs)) job.selectorFromKustomize = true;
      result.jobs.push(job);
    }
  }
  const patches = new PatchIndex(folders, new Set(selfReporting ? result.jobs.map((job) => job.abs) : []));
  for (const job of result.jobs) if (patches.isPatch(job.abs)) job.partial = true;
  // (A kustomization the walk found is reported once, by the walk.)
  result.problems.push(...patches.problems.filter((p) => !reported.has(p.file)));
  return result;
}

/**
 * The jobs that a checked function config names as patches but that were checked as whole
 * objects (plainFileJobs' selfReporting), as patch jobs: to be checked again.
 */
export function recheckFunctionPatches(jobs: readonly FileJob[], outcomes: readonly FileOutcome[]): { index: number; job: FileJob }[] {
  const named = new Set(outcomes.flatMap((o) => o.functionPatches ?? []));
  if (named.size === 0) return [];
  return jobs.flatMap((job, index) => (!job.partial && named.has(job.abs) ? [{ index, job: { ...job, partial: true } }] : []));
}
