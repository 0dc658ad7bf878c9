// Checking files on every core. Parsing YAML is nearly all of podlint's time and each file is
// independent, so large runs share the files out to worker threads. A worker runs the same bundle
// as the main thread (the entry point hands its own file to lint()), so there is no second build.
import os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkFile, detachCrd, detachOutcome, SharedStrings, type FileJob, type FileOutcome, type FileSettings } from './check-file.js';
import { CrdIndex } from './crd/index-of-crds.js';

/** Below this many bytes a worker's start-up (~50 ms) costs more than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
const BYTES_PER_THREAD = 2 * 1024 * 1024;
const MAX_THREADS = 8;

interface WorkerInput {
  podlintWorker: true;
  jobs: FileJob[];
  settings: FileSettings;
}

/** How many threads (this one included) a run of this size deserves; PODLINT_THREADS=N decides instead. */
export function threadCount(jobs: readonly FileJob[]): number {
  const bytes = jobs.reduce((sum, job) => sum + job.size, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const asked = Number(process.env.PODLINT_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_THREADS, Math.max(1, jobs.length));
  // On two cores a second thread did not shorten the corpus run (3.2 s either way, npm run bench)
  // and cost 100 MiB: its start and its own copy of the schemas eat what it saves.
  if (cores <= 2 || bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.ceil(bytes / BYTES_PER_THREAD), jobs.length));
}

/**
 * Outcomes in the order of `jobs`, whichever thread checked them. `scanStart`: the jobs are the
 * first files of the scan, in its order (see checkInTurn).
 */
export async function checkFiles(jobs: readonly FileJob[], settings: FileSettings, workerScript?: string, scanStart = false): Promise<FileOutcome[]> {
  const count = workerScript ? threadCount(jobs) : 1;
  if (count === 1) return checkInTurn(jobs, settings, scanStart);
  const shares = shareOut(jobs, count);
  // The workers start first; this thread, already loaded and warm, checks the first share
  // meanwhile instead of waiting idle (one bundle load fewer than a worker per core).
  const workers = shares.slice(1).map((share) => runWorker(workerScript!, share.map((i) => jobs[i]!), settings));
  const own = checkInTurn(shares[0]!.map((i) => jobs[i]!), settings);
  const results = await Promise.all([own, ...workers]);
  const outcomes: FileOutcome[] = new Array(jobs.length);
  shares.forEach((share, t) => share.forEach((jobIndex, k) => (outcomes[jobIndex] = results[t]![k]!)));
  return outcomes;
}

/**
 * One file after the other, so only one file's parse tree is alive at a time. What outlives a file
 * is its outcome, detached from the file's text (detachOutcome); the CRDs it holds (kept for the
 * scan-wide check) are shared with an equal CRD an earlier file held, so that copies of one CRD
 * (vendored installs, an x10 corpus) are kept once.
 */
async function checkInTurn(jobs: readonly FileJob[], settings: FileSettings, scanStart = false): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  // The distinct CRDs of the files checked so far, in their order.
  const crds = new CrdIndex([]);
  const strings = new SharedStrings();
  // They also serve the files after them, so that a custom resource whose CRD came earlier is
  // checked at once (check-text.ts). Only when the jobs are where the scan starts, in its order:
  // the first CRD in scan order must win, as it does in check-with-crds.ts. A thread's share of
  // the files is no such prefix.
  const earlierCrds = scanStart && settings.defer ? crds : undefined;
  const fileSettings = earlierCrds ? { ...settings, earlierCrds } : settings;
  for (const job of jobs) {
    const { crds: found, ...outcome } = await checkFile(job, fileSettings);
    const kept = detachOutcome(outcome, strings);
    if (found?.length) {
      kept.crds = found.map((entry) => {
        let shared = crds.find(entry);
        if (!shared) crds.add((shared = detachCrd(entry)));
        return shared;
      });
    }
    outcomes.push(kept);
  }
  return outcomes;
}

/** Largest files first, each to the least loaded thread: even shares for uneven files. */
function shareOut(jobs: readonly FileJob[], count: number): number[][] {
  const shares: number[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.size - jobs[a]!.size);
  for (const i of order) {
    const w = load.indexOf(Math.min(...load));
    shares[w]!.push(i);
    load[w]! += jobs[i]!.size + 4096; // a small file still costs a read
  }
  return shares;
}

function runWorker(script: string, jobs: FileJob[], settings: FileSettings): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const input: WorkerInput = { podlintWorker: true, jobs, settings };
    const worker = new Worker(script, {
      workerData: input,
      stdout: false,
      stderr: false,
    });
    let settled = false;
    worker.once('message', (outcomes: FileOutcome[]) => {
      settled = true;
      resolve(outcomes);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a worker thread stopped (exit code ${code}) before it reported`));
    });
  });
}

/** True in a worker started by checkFiles(): the entry point then only serves it. */
export function isPodlintWorker(): boolean {
  return !isMainThread && (workerData as WorkerInput | undefined)?.podlintWorker === true;
}

export async function serveWorker(): Promise<void> {
  const { jobs, settings } = workerData as WorkerInput;
  parentPort!.postMessage(await checkInTurn(jobs, settings));
}
