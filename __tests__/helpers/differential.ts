// The differential check of the fast reader: every file checked twice, once with the `auto`
// reader (fast-parse.ts first) and once the full way only, must give the same outcome: the same
// findings at the same spans, the same counts, the same skip or problem. Used by the fixture
// test (npm test) and by the corpus sweep (npm run test:corpus).
import fs from 'node:fs';
import path from 'node:path';
import { checkFile, type FileOutcome } from '../../src/check-file.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/fs/read-file.js';
import { discover, toRelative } from '../../src/manifest/discover.js';
import { lint, type LintOptions } from '../../src/lint.js';
import type { Report } from '../../src/types.js';

export interface Differential {
  files: number;
  /** One line per file whose two outcomes differ. */
  mismatches: string[];
  /** Files the fast reader answered for alone. */
  fast: number;
  /** Files read the full way, by reason. */
  full: Record<string, number>;
}

/** Every manifest file under `dirs`, each checked on its own both ways. */
export async function compareReadersPerFile(dirs: readonly string[], cwd: string): Promise<Differential> {
  const result: Differential = { files: 0, mismatches: [], fast: 0, full: {} };
  for (const abs of discover(dirs, { cwd }).files) {
    const job = { abs, partial: false, size: fs.statSync(abs).size };
    const settings = { cwd, maxFileSize: DEFAULT_MAX_FILE_SIZE };
    const auto = await checkFile(job, { ...settings, reader: 'auto' });
    const full = await checkFile(job, { ...settings, reader: 'full' });
    result.files++;
    if (auto.fullReason) result.full[auto.fullReason] = (result.full[auto.fullReason] ?? 0) + 1;
    else if (auto.checked && !auto.skipped) result.fast++;
    const difference = differenceOf(auto, full);
    if (difference) result.mismatches.push(`${toRelative(cwd, abs)}: ${difference}`);
  }
  return result;
}

function differenceOf(auto: FileOutcome, full: FileOutcome): string | undefined {
  const { fullReason: _, ...a } = auto;
  const b = full;
  for (const key of ['checked', 'documents', 'resources', 'pods', 'suppressed'] as const) {
    if (a[key] !== b[key]) return `${key} ${String(a[key])} (auto) vs ${String(b[key])} (full)`;
  }
  const aj = JSON.stringify(a);
  const bj = JSON.stringify(b);
  return aj === bj ? undefined : `findings, skip or problem differ:\n  auto ${aj.slice(0, 600)}\n  full ${bj.slice(0, 600)}`;
}

/** One whole run both ways (kustomize patches, sorting and summary included). */
export async function compareReadersWhole(options: LintOptions): Promise<{ auto: Report; full: Report }> {
  const auto = await lint({ ...options, reader: 'auto' });
  const full = await lint({ ...options, reader: 'full' });
  return { auto, full };
}

/** A report without what differs from run to run: the reading statistics and render times. */
export function withoutReading(report: Report): Omit<Report, 'reading'> {
  const { reading: _, ...rest } = report;
  if (rest.rendered) rest.rendered = rest.rendered.map((r) => ({ ...r, millis: 0, ...(r.checkMillis === undefined ? {} : { checkMillis: 0 }) }));
  return rest;
}

export const relativeTo = (cwd: string, dir: string): string => path.relative(cwd, dir) || '.';
