// `npm run bench`: podlint's speed next to the floor and next to Monokle, on one folder.
//
//   floor    node scripts/parse-floor.mjs PATH           find + read + parse with `yaml`, nothing else
//   podlint  node dist/cli/index.js PATH --format json   the built CLI; its report goes to a temp
//                                                        file, read only after the clock stops to
//                                                        check the run linted the same files, then
//                                                        thrown away
// dist/ (the CLI door dist/cli/ and the bundle it imports) is copied to a temp folder first and run from there,
// so a rebuild of dist/ while the bench runs cannot change or remove it mid-way.
//   monokle  node scripts/bench-monokle.mjs PATH --json  @monokle/validation on the same files
//
// Each is a whole child process: one warm-up each, then N counted runs (default 5), interleaved
// (floor podlint monokle floor podlint monokle ...) so that drift of the machine hits all alike.
// Wall time is measured around each child; peak RSS comes from GNU time (`/usr/bin/time -f
// '%e %M'`), left out with a note when that is missing. Targets: podlint <= 1.2x the floor and
// <= 0.5x Monokle (medians). Exit 0 whether or not the targets are met; non-zero only when
// something failed to run.
//
// Usage: node scripts/bench.mjs [PATH] [--runs N] [--json]
//   PATH defaults to ../shared/corpus/real from the project root.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const GNU_TIME = '/usr/bin/time';
const TARGET_FLOOR = 1.2;
const TARGET_MONOKLE = 0.5;

const args = process.argv.slice(2);
let target = path.resolve(ROOT, '../shared/corpus/real');
let runs = 5;
let json = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--json') json = true;
  else if (arg === '--runs' || arg.startsWith('--runs=')) {
    const value = arg === '--runs' ? args[++i] : arg.slice('--runs='.length);
    runs = Number(value);
    if (!Number.isInteger(runs) || runs < 1) die(`--runs takes a whole number of at least 1, not ${JSON.stringify(value)}`);
  } else if (arg === '-h' || arg === '--help') {
    console.log('Usage: node scripts/bench.mjs [PATH] [--runs N] [--json]');
    process.exit(0);
  } else if (arg.startsWith('-')) die(`unknown option ${arg}`);
  else target = path.resolve(arg);
}

if (!fs.existsSync(CLI)) die(`${path.relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
if (!fs.existsSync(target)) die(`no such file or folder: ${target}`);

const notes = [];
const hasGnuTime = checkGnuTime();
if (!hasGnuTime) notes.push(`${GNU_TIME} (GNU time) is missing or not GNU: wall time only, no peak RSS`);

const tools = [
  { name: 'floor', argv: [path.join(ROOT, 'scripts/parse-floor.mjs'), target], ok: [0], stdout: 'capture' },
  { name: 'podlint', argv: [null, target, '--format', 'json'], ok: [0, 1], stdout: 'file' }, // 1: findings
  { name: 'monokle', argv: [path.join(ROOT, 'scripts/bench-monokle.mjs'), target, '--json'], ok: [0], stdout: 'capture' },
];
for (const tool of tools) Object.assign(tool, { wall: [], rss: [] });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true })); // die() exits too
try {
  const distCopy = path.join(tmp, 'dist');
  try {
    fs.cpSync(path.join(ROOT, 'dist'), distCopy, { recursive: true });
  } catch (error) {
    die(`cannot copy dist/ (being rebuilt?): ${error.message}`);
  }
  tools[1].argv[0] = path.join(distCopy, path.relative(path.join(ROOT, 'dist'), CLI));
  if (!fs.existsSync(tools[1].argv[0])) die(`${path.relative(ROOT, CLI)} vanished while being copied (a rebuild?): run the bench again`);
  for (let round = 0; round <= runs; round++) {
    const warmUp = round === 0;
    for (const tool of tools) {
      progress(`${warmUp ? 'warm-up' : `run ${round}/${runs}`}: ${tool.name} ...`);
      // podlint's report goes to a file, not a pipe, and is only read after the clock stops: to show
      // its counts and to be sure each run really linted (exit 1 is also node's "cannot find module").
      const keepReport = tool.stdout === 'file' ? path.join(tmp, `${tool.name}.out`) : undefined;
      const result = runOnce(tool, keepReport);
      if (keepReport) checkReport(tool, keepReport, result);
      progress(` ${result.wall.toFixed(2)} s${result.rss !== undefined ? `, ${mib(result.rss).toFixed(0)} MiB` : ''}\n`);
      if (warmUp) tool.seen = describeOutput(tool, result.stdout, result.report);
      else {
        tool.wall.push(result.wall);
        if (result.rss !== undefined) tool.rss.push(result.rss);
      }
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const stats = Object.fromEntries(
  tools.map((t) => [
    t.name,
    {
      medianSeconds: round3(median(t.wall)),
      minSeconds: round3(Math.min(...t.wall)),
      maxSeconds: round3(Math.max(...t.wall)),
      medianPeakRssMiB: t.rss.length ? round1(mib(median(t.rss))) : null,
      wallSeconds: t.wall.map(round3),
      peakRssMiB: t.rss.map((k) => round1(mib(k))),
      saw: t.seen,
    },
  ]),
);
const podlintOverFloor = stats.podlint.medianSeconds / stats.floor.medianSeconds;
const podlintOverMonokle = stats.podlint.medianSeconds / stats.monokle.medianSeconds;
const monokleSaw = stats.monokle.saw;
if (monokleSaw && !monokleSaw.plugins.includes('kubernetes-schema')) {
  notes.push('monokle runs yaml-syntax and resource-links; its kubernetes-schema plugin is off: it fetches schemas over the network at run time, and there is none here');
}
if (monokleSaw?.unreadableCrds) notes.push(`monokle could not read the schema of ${monokleSaw.unreadableCrds} CRDs (no openAPIV3Schema in their default version); bench-monokle.mjs skips those instead of crashing`);
const counts = new Set([stats.floor.saw?.files, stats.podlint.saw?.files, monokleSaw?.files]);
if (counts.size !== 1) notes.push(`the three did not see the same number of files: floor ${stats.floor.saw?.files}, podlint ${stats.podlint.saw?.files}, monokle ${monokleSaw?.files}`);

const report = {
  path: target,
  runs,
  node: process.version,
  tools: stats,
  ratios: {
    podlintOverFloor: round3(podlintOverFloor),
    podlintOverMonokle: round3(podlintOverMonokle),
  },
  targets: {
    podlintOverFloor: { max: TARGET_FLOOR, met: podlintOverFloor <= TARGET_FLOOR },
    podlintOverMonokle: { max: TARGET_MONOKLE, met: podlintOverMonokle <= TARGET_MONOKLE },
  },
  notes,
};

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const rows = [
    ['', 'median s', 'min s', 'max s', 'peak RSS MiB'],
    ...tools.map((t) => {
      const s = stats[t.name];
      return [t.name, s.medianSeconds.toFixed(2), s.minSeconds.toFixed(2), s.maxSeconds.toFixed(2), s.medianPeakRssMiB === null ? '-' : s.medianPeakRssMiB.toFixed(0)];
    }),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`\n${target}: ${runs} runs each after one warm-up, interleaved (node ${process.version})\n`);
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
  console.log('');
  console.log(`floor    saw ${stats.floor.saw?.text ?? '?'}`);
  console.log(`podlint  saw ${stats.podlint.saw?.text ?? '?'}`);
  console.log(`monokle  saw ${monokleSaw?.text ?? '?'}`);
  console.log('');
  const verdict = (met) => (met ? 'met' : 'NOT met');
  console.log(`podlint / floor    ${podlintOverFloor.toFixed(2)}x   (target <= ${TARGET_FLOOR}x: ${verdict(report.targets.podlintOverFloor.met)})`);
  console.log(`podlint / monokle  ${podlintOverMonokle.toFixed(2)}x   (target <= ${TARGET_MONOKLE}x: ${verdict(report.targets.podlintOverMonokle.met)})`);
  for (const note of notes) console.log(`note: ${note}`);
}

function runOnce(tool, keepReport) {
  const timeFile = path.join(tmp, 'time.txt');
  const command = hasGnuTime ? GNU_TIME : process.execPath;
  const argv = hasGnuTime ? ['-f', '%e %M', '-o', timeFile, process.execPath, ...tool.argv] : tool.argv;
  let out = 'ignore';
  let fd;
  if (keepReport) out = fd = fs.openSync(keepReport, 'w');
  else if (tool.stdout === 'capture') out = 'pipe';
  const started = process.hrtime.bigint();
  const child = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', out, 'pipe'], maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (fd !== undefined) fs.closeSync(fd);
  if (child.error) die(`${tool.name} could not be started: ${child.error.message}`);
  if (child.signal) die(`${tool.name} was killed by ${child.signal}\n${child.stderr ?? ''}`);
  if (!tool.ok.includes(child.status)) die(`${tool.name} exited with status ${child.status}\n${(child.stderr ?? '').trim()}`);
  let rss;
  if (hasGnuTime) {
    // GNU time writes "Command exited with non-zero status N" first when the child did.
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const match = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last);
    if (!match) die(`cannot read GNU time's output for ${tool.name}: ${JSON.stringify(last)}`);
    rss = Number(match[2]); // KiB
  }
  return { wall, rss, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

function describeOutput(tool, stdout, report) {
  if (tool.name === 'floor') {
    const match = /(\d+) files, (\d+) documents/.exec(stdout);
    if (!match) die(`the floor printed no counts: ${JSON.stringify(stdout.slice(0, 200))}`);
    return { files: Number(match[1]), documents: Number(match[2]), text: match[0] };
  }
  if (tool.name === 'podlint') {
    const summary = report.summary;
    return {
      ...summary,
      text: `${summary.files} files, ${summary.documents} documents, ${summary.resources} resources, ${summary.errors} errors, ${summary.warnings} warnings`,
    };
  }
  let result;
  try {
    result = JSON.parse(stdout.trim().split('\n').pop());
  } catch {
    die(`bench-monokle.mjs printed no JSON: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const byPlugin = Object.entries(result.problemsByPlugin).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    ...result,
    text: `${result.files} files (${result.filesWithResources} with resources), ${result.resources} resources, ${result.problems} problems (${byPlugin || 'none'}); plugins ${result.plugins.join(', ')}`,
  };
}

/** Reads podlint's JSON report of one run; a run that printed none, or saw other files, failed. */
function checkReport(tool, file, result) {
  try {
    result.report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    die(`${tool.name} printed no JSON report (${error.message})\n${result.stderr.trim()}`);
  }
  const files = result.report?.summary?.files;
  if (typeof files !== 'number') die(`${tool.name}'s report has no summary.files`);
  if (tool.seen && files !== tool.seen.files) die(`${tool.name} saw ${files} files, but ${tool.seen.files} in its warm-up`);
  fs.rmSync(file, { force: true });
}

function checkGnuTime() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%e %M', process.execPath, '-e', ''], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+(\.\d+)? \d+\s*$/m.test(probe.stderr);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mib(kib) {
  return kib / 1024;
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

function round3(x) {
  return Math.round(x * 1000) / 1000;
}

function progress(text) {
  process.stderr.write(text);
}

function die(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}
