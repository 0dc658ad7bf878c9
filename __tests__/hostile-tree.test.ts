// The committed CLI bundle over a whole hostile repository, in one run, under a memory cap and a
// timeout: it ends, within bounds, without a stack trace; the known-bad manifest in the same tree
// still gets its finding; every hostile file is a finding, a skipped entry or a problem; and
// nothing outside the root is read or printed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessTimesWork, makeHostileTree, SECRET, type HostileTree } from './helpers/hostile-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const HEAP_MB = 512;
const PEAK_RSS_LIMIT = 1024 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

interface Report {
  findings: { rule: string; file: string; message: string; container?: string }[];
  skipped: { file: string; reason: string }[];
  problems: { file?: string; message: string }[];
}

let tree: HostileTree;
let run: { status: number | null; signal: string | null; stdout: string; stderr: string; peakRss: number; ms: number };

beforeAll(() => {
  tree = makeHostileTree();
  // Runs the bundle in this wrapper so the peak RSS of the whole process (worker threads
  // included) can be read when it exits.
  const wrapper = path.join(tree.base, 'measure.mjs');
  fs.writeFileSync(
    wrapper,
    `process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n` +
      `process.argv.splice(1, 1);\nawait import(${JSON.stringify(CLI)});\n`,
  );
  const started = Date.now();
  // (With the young-generation flag given, the CLI runs in this process: its peak RSS is all of it.)
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--max-semi-space-size=4', wrapper, CLI, '--format', 'json'], {
    cwd: tree.repo,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PODLINT_DEBUG: '' },
  });
  const peak = /PEAK_RSS_KB=(\d+)/.exec(child.stderr ?? '');
  run = {
    status: child.status,
    signal: child.signal,
    stdout: child.stdout ?? '',
    stderr: (child.stderr ?? '').replace(/\nPEAK_RSS_KB=\d+\n$/, ''),
    peakRss: peak ? Number(peak[1]) * 1024 : Infinity,
    ms: Date.now() - started,
  };
}, TIMEOUT_MS + 30_000);

afterAll(() => tree?.remove());

test('the run ends by itself, under the memory cap, with exit 2 (some paths could not be read)', () => {
  expect({ signal: run.signal, status: run.status }).toEqual({ signal: null, status: 2 });
  expect(run.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
  expect(run.ms).toBeLessThan(TIMEOUT_MS);
});

test('no stack trace and no internal error', () => {
  expect(run.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
});

test('the known-bad manifest still gets its finding', () => {
  const report = JSON.parse(run.stdout) as Report;
  expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'unique-container-names', file: tree.goodFinding }));
});

test('each bomb is one yaml-syntax finding; deep nesting too', () => {
  const report = JSON.parse(run.stdout) as Report;
  for (const file of [...tree.bombs, 'bombs/kustomization.yaml']) {
    expect([file, report.findings.filter((f) => f.file === file).map((f) => f.rule)]).toEqual([file, ['yaml-syntax']]);
  }
  for (const file of ['deep/flow.yaml', 'deep/maps.yaml']) {
    expect(report.findings.filter((f) => f.file === file).map((f) => f.message)).toEqual([expect.stringMatching(/nested too deeply/)]);
  }
});

test('every hostile file is accounted for: skipped or a problem, naming it and why', () => {
  const report = JSON.parse(run.stdout) as Report;
  const skipped = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
  const problems = Object.fromEntries(report.problems.map((p) => [p.file, p.message]));
  expect(skipped).toMatchObject({
    'big/fifty.yaml': expect.stringMatching(/50 MiB is over the 5 MiB limit/),
    'binary/random.yaml': 'binary file',
    'links/secret.yaml': expect.stringMatching(/leads out of the scanned folder/),
    'links/relative.yaml': expect.stringMatching(/leads out of the scanned folder/),
    'links/passwd.yaml': expect.stringMatching(/leads out of the scanned folder/),
    'zero/zero.yaml': expect.stringMatching(/leads out of the scanned folder/),
    'zero/random.json': expect.stringMatching(/leads out of the scanned folder/),
  });
  expect(problems).toMatchObject({
    '.podlint.yml': expect.stringMatching(/leads out of the repository/),
    'fifos/pipe.yaml': expect.stringMatching(/FIFO/),
    'fifos/kustomization.yaml': expect.stringMatching(/FIFO/),
  });
  // The other files of the tree were checked (or skipped) as usual.
  const files = new Set(report.findings.map((f) => f.file));
  for (const file of ['proto/fields.yaml', 'names/line\nbreak.yaml', `names/\x1b[31mred\u202eevil\x07.yaml`]) expect(files.has(file)).toBe(true);
  expect(report.findings.filter((f) => f.file === 'tags/binary.yaml')).toEqual([]);
});

test('nothing outside the root is read or printed', () => {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
  expect(run.stdout.toLowerCase()).not.toContain(SECRET.toLowerCase().slice(4));
  expect(run.stdout).not.toContain('outside');
  const report = JSON.parse(run.stdout) as Report;
  for (const f of report.findings) expect(f.file.startsWith('..') || f.file.startsWith('/')).toBe(false);
  if (accessTimesWork(tree.base)) {
    // Not opened, not listed: their access times are where the tree left them.
    for (const p of tree.outside) expect([path.relative(tree.base, p), fs.statSync(p).atimeMs]).toEqual([path.relative(tree.base, p), 1_000_000]);
  }
});
