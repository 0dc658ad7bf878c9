// `npm run bench`: podlint's speed and memory next to the floor and next to Monokle, on one folder
// and on a synthetic copy of it ten times over (to show how time and memory grow with the repo).
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
// Wall time is measured around each child; CPU seconds (user + system, all threads) and peak RSS
// come from GNU time (`/usr/bin/time -f '%e %U %S %M'`), left out with a note when that is missing.
// Targets: podlint <= 0.35x the floor's wall time and <= 0.5x Monokle's (medians); peak RSS <= 250
// MiB on the folder and on the 10x copy at most 1.3x that of the folder.
//
// The 10x copy: the folder's manifest files laid out ten times (x0/ ... x9/) in a temp folder,
// as hard links (a plain copy where the file system refuses), never inside the project. Only the
// floor and podlint run there (Monokle would take minutes), `--x10-runs` times each (default 2; 1 with `--runs 1`),
// interleaved, after the folder's runs. `--no-x10` leaves it out.
//
// Every child runs on Node 24, the runtime action.yml declares and the targets are set for: the
// machine's Node when it is 24, else the pinned one scripts/node-runtimes.mjs fetches (as `npm test`
// does). `--node PATH` picks another; without Node 24 the bench runs on the current Node, and says so.
//
// Exit 0 whether or not the targets are met; non-zero only when something failed to run.
//
// Usage: node scripts/bench.mjs [PATH] [--runs N] [--x10-runs N] [--no-x10] [--node PATH] [--json]
//   PATH defaults to ../shared/corpus/real from the project root.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findManifestFiles } from './manifest-files.mjs';
import { nodeRuntimes } from './node-runtimes.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const GNU_TIME = '/usr/bin/time';
const TARGET_FLOOR = 0.35;
const TARGET_MONOKLE = 0.5;
const TARGET_RSS_MIB = 250;
const TARGET_X10_RSS_GROWTH = 1.3;
const SCALE = 10;

const args = process.argv.slice(2);
let target = path.resolve(ROOT, '../shared/corpus/real');
let runs = 5;
let x10Runs; // default: 2, or 1 when --runs is 1
let json = false;
let nodeArg;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--json') json = true;
  else if (arg === '--node' || arg.startsWith('--node=')) nodeArg = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
  else if (arg === '--no-x10') x10Runs = 0;
  else if (/^--(x10-)?runs(=|$)/.test(arg)) {
    const name = arg.replace(/=.*/, '');
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1) die(`${name} takes a whole number of at least 1, not ${JSON.stringify(value)}`);
    if (name === '--runs') runs = count;
    else x10Runs = count;
  } else if (arg === '-h' || arg === '--help') {
    console.log('Usage: node scripts/bench.mjs [PATH] [--runs N] [--x10-runs N] [--no-x10] [--node PATH] [--json]');
    process.exit(0);
  } else if (arg.startsWith('-')) die(`unknown option ${arg}`);
  else target = path.resolve(arg);
}

x10Runs ??= Math.min(2, runs);
if (!fs.existsSync(CLI)) die(`${path.relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
if (!fs.existsSync(target)) die(`no such file or folder: ${target}`);

const notes = [];
const { node: NODE, version: NODE_VERSION } = pickNode();
const hasGnuTime = checkGnuTime();
if (!hasGnuTime) notes.push(`${GNU_TIME} (GNU time) is missing or not GNU: wall time only, no CPU seconds or peak RSS`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true })); // die() exits too

const makeTools = (folder, suffix, names) =>
  [
    { name: 'floor', argv: [path.join(ROOT, 'scripts/parse-floor.mjs'), folder], ok: [0], stdout: 'capture' },
    { name: 'podlint', argv: [null, folder, '--format', 'json'], ok: [0, 1], stdout: 'file' }, // 1: findings
    { name: 'monokle', argv: [path.join(ROOT, 'scripts/bench-monokle.mjs'), folder, '--json'], ok: [0], stdout: 'capture' },
  ]
    .filter((t) => names.includes(t.name))
    .map((t) => ({ ...t, name: `${t.name}${suffix}`, kind: t.name, wall: [], cpu: [], rss: [] }));

const tools = makeTools(target, '', ['floor', 'podlint', 'monokle']);
let x10Tools = [];
try {
  const distCopy = path.join(tmp, 'dist');
  try {
    fs.cpSync(path.join(ROOT, 'dist'), distCopy, { recursive: true });
  } catch (error) {
    die(`cannot copy dist/ (being rebuilt?): ${error.message}`);
  }
  const cliEntry = path.join(distCopy, path.relative(path.join(ROOT, 'dist'), CLI));
  if (!fs.existsSync(cliEntry)) die(`${path.relative(ROOT, CLI)} vanished while being copied (a rebuild?): run the bench again`);
  for (const tool of tools) if (tool.kind === 'podlint') tool.argv[0] = cliEntry;
  measure(tools, runs, true);
  if (x10Runs > 0) {
    const x10 = path.join(tmp, 'x10');
    const how = layOutCopies(target, x10, SCALE);
    if (how === 'copies') notes.push('the 10x copy is made of plain copies (the file system refused hard links)');
    x10Tools = makeTools(x10, '@x10', ['floor', 'podlint']);
    for (const tool of x10Tools) if (tool.kind === 'podlint') tool.argv[0] = cliEntry;
    measure(x10Tools, x10Runs, false);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** Interleaved rounds (a b c a b c ...), the first one a warm-up unless `warmUp` is false. */
function measure(list, count, warmUp) {
  for (let round = warmUp ? 0 : 1; round <= count; round++) {
    for (const tool of list) {
      progress(`${round === 0 ? 'warm-up' : `run ${round}/${count}`}: ${tool.name} ...`);
      // podlint's report goes to a file, not a pipe, and is only read after the clock stops: to show
      // its counts and to be sure each run really linted (exit 1 is also node's "cannot find module").
      const keepReport = tool.stdout === 'file' ? path.join(tmp, `${tool.kind}.out`) : undefined;
      const result = runOnce(tool, keepReport);
      if (keepReport) checkReport(tool, keepReport, result);
      const cpu = result.cpu !== undefined ? `, ${result.cpu.toFixed(2)} s CPU` : '';
      progress(` ${result.wall.toFixed(2)} s${cpu}${result.rss !== undefined ? `, ${mib(result.rss).toFixed(0)} MiB` : ''}\n`);
      if (!tool.seen) tool.seen = describeOutput(tool, result.stdout, result.report);
      if (round > 0) {
        tool.wall.push(result.wall);
        if (result.cpu !== undefined) tool.cpu.push(result.cpu);
        if (result.rss !== undefined) tool.rss.push(result.rss);
      }
    }
  }
}

/** The manifest files of `from`, `times` times over under `to` (x0/, x1/, ...): hard links where possible. */
function layOutCopies(from, to, times) {
  const files = findManifestFiles(from);
  const base = fs.statSync(from).isDirectory() ? from : path.dirname(from);
  let how = 'links';
  for (let copy = 0; copy < times; copy++) {
    for (const file of files) {
      const dest = path.join(to, `x${copy}`, path.relative(base, file));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      try {
        if (how === 'links') fs.linkSync(file, dest);
        else fs.copyFileSync(file, dest);
      } catch {
        how = 'copies';
        fs.copyFileSync(file, dest);
      }
    }
  }
  return how;
}

const statsOf = (t) => ({
  medianSeconds: round3(median(t.wall)),
  minSeconds: round3(Math.min(...t.wall)),
  maxSeconds: round3(Math.max(...t.wall)),
  medianCpuSeconds: t.cpu.length ? round3(median(t.cpu)) : null,
  medianPeakRssMiB: t.rss.length ? round1(mib(median(t.rss))) : null,
  wallSeconds: t.wall.map(round3),
  cpuSeconds: t.cpu.map(round3),
  peakRssMiB: t.rss.map((k) => round1(mib(k))),
  saw: t.seen,
});
const stats = Object.fromEntries([...tools, ...x10Tools].map((t) => [t.name, statsOf(t)]));
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : round3(a / b));
const podlintOverFloor = stats.podlint.medianSeconds / stats.floor.medianSeconds;
const podlintOverMonokle = stats.podlint.medianSeconds / stats.monokle.medianSeconds;
const rss = stats.podlint.medianPeakRssMiB;
const x10 = stats['podlint@x10'];
const x10RssGrowth = x10 ? ratio(x10.medianPeakRssMiB, rss) : null;
const monokleSaw = stats.monokle.saw;
if (monokleSaw && !monokleSaw.plugins.includes('kubernetes-schema')) {
  notes.push('monokle runs yaml-syntax and resource-links; its kubernetes-schema plugin is off: it fetches schemas over the network at run time, and there is none here');
}
if (monokleSaw?.unreadableCrds) notes.push(`monokle could not read the schema of ${monokleSaw.unreadableCrds} CRDs (no openAPIV3Schema in their default version); bench-monokle.mjs skips those instead of crashing`);
const counts = new Set([stats.floor.saw?.files, stats.podlint.saw?.files, monokleSaw?.files]);
if (counts.size !== 1) notes.push(`the three did not see the same number of files: floor ${stats.floor.saw?.files}, podlint ${stats.podlint.saw?.files}, monokle ${monokleSaw?.files}`);
if (x10 && x10.saw?.files !== SCALE * stats.podlint.saw?.files) notes.push(`podlint saw ${x10.saw?.files} files in the 10x copy, not ${SCALE} x ${stats.podlint.saw?.files}`);

const report = {
  path: target,
  runs,
  x10Runs,
  node: NODE_VERSION,
  tools: stats,
  ratios: {
    podlintOverFloor: round3(podlintOverFloor),
    podlintOverFloorCpu: ratio(stats.podlint.medianCpuSeconds, stats.floor.medianCpuSeconds),
    podlintOverMonokle: round3(podlintOverMonokle),
    x10PodlintOverFloor: x10 ? ratio(x10.medianSeconds, stats['floor@x10'].medianSeconds) : null,
    x10PodlintTimeGrowth: x10 ? ratio(x10.medianSeconds, stats.podlint.medianSeconds) : null,
    x10PodlintRssGrowth: x10RssGrowth,
  },
  targets: {
    podlintOverFloor: { max: TARGET_FLOOR, met: podlintOverFloor <= TARGET_FLOOR },
    podlintOverMonokle: { max: TARGET_MONOKLE, met: podlintOverMonokle <= TARGET_MONOKLE },
    podlintPeakRssMiB: { max: TARGET_RSS_MIB, met: rss === null ? null : rss <= TARGET_RSS_MIB },
    x10PodlintRssGrowth: { max: TARGET_X10_RSS_GROWTH, met: x10RssGrowth === null ? null : x10RssGrowth <= TARGET_X10_RSS_GROWTH },
  },
  notes,
};

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const fixed = (x, digits) => (x === null ? '-' : x.toFixed(digits));
  const rows = [
    ['', 'median s', 'min s', 'max s', 'CPU s', 'peak RSS MiB'],
    ...[...tools, ...x10Tools].map((t) => {
      const s = stats[t.name];
      return [t.name, fixed(s.medianSeconds, 2), fixed(s.minSeconds, 2), fixed(s.maxSeconds, 2), fixed(s.medianCpuSeconds, 2), fixed(s.medianPeakRssMiB, 0)];
    }),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const x10Line = x10Runs > 0 ? `; its 10x copy: ${x10Runs} runs each, interleaved` : '';
  console.log(`\n${target}: ${runs} runs each after one warm-up, interleaved${x10Line} (node ${NODE_VERSION}); medians\n`);
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
  console.log('');
  console.log(`floor    saw ${stats.floor.saw?.text ?? '?'}`);
  console.log(`podlint  saw ${stats.podlint.saw?.text ?? '?'}`);
  console.log(`monokle  saw ${monokleSaw?.text ?? '?'}`);
  if (x10) console.log(`podlint@x10 saw ${x10.saw?.text ?? '?'}`);
  console.log('');
  const verdict = (met) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');
  const r = report.ratios;
  console.log(`podlint / floor        ${podlintOverFloor.toFixed(2)}x wall, ${fixed(r.podlintOverFloorCpu, 2)}x CPU   (target <= ${TARGET_FLOOR}x wall: ${verdict(report.targets.podlintOverFloor.met)})`);
  console.log(`podlint / monokle      ${podlintOverMonokle.toFixed(2)}x   (target <= ${TARGET_MONOKLE}x: ${verdict(report.targets.podlintOverMonokle.met)})`);
  console.log(`podlint peak RSS       ${fixed(rss, 0)} MiB   (target <= ${TARGET_RSS_MIB} MiB: ${verdict(report.targets.podlintPeakRssMiB.met)})`);
  if (x10) {
    console.log(`podlint@x10 / floor@x10  ${fixed(r.x10PodlintOverFloor, 2)}x wall`);
    console.log(`podlint x10 / x1       ${fixed(r.x10PodlintTimeGrowth, 2)}x time, ${fixed(x10RssGrowth, 2)}x peak RSS   (target <= ${TARGET_X10_RSS_GROWTH}x RSS: ${verdict(report.targets.x10PodlintRssGrowth.met)})`);
  }
  for (const note of notes) console.log(`note: ${note}`);
}
if (!json) benchTrees();

/**
 * The trees line: ../shared/corpus/trees (kustomize roots and charts) once with kubectl and helm
 * on PATH (scripts/k8s-tools.mjs, v32) and once without, median of 3 each. Render time is the sum
 * of the roots' render times (two run at a time), check time the sum of checking their output.
 */
function benchTrees() {
  const trees = path.resolve(ROOT, '../shared/corpus/trees');
  if (!fs.existsSync(trees)) return;
  const toolsJson = spawnSync(process.execPath, [path.join(ROOT, 'scripts/k8s-tools.mjs')], { encoding: 'utf8' });
  if (toolsJson.status !== 0) return console.log('note: trees not measured (scripts/k8s-tools.mjs failed)');
  const tools = JSON.parse(toolsJson.stdout).v32;
  const withTools = [path.dirname(tools.helm), path.dirname(tools.kubectl)].join(path.delimiter);
  const run = (PATH) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(NODE, [CLI, '.', '--format', 'json'], { cwd: trees, env: { PATH, HOME: os.tmpdir() }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const report = JSON.parse(child.stdout);
    const rendered = report.rendered ?? [];
    return {
      wall,
      roots: rendered.length,
      renderSeconds: rendered.reduce((sum, r) => sum + r.millis, 0) / 1000,
      checkSeconds: rendered.reduce((sum, r) => sum + (r.checkMillis ?? 0), 0) / 1000,
      files: report.summary.files,
    };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rendered = [run(withTools), run(withTools), run(withTools)];
  const plain = [run('/nonexistent'), run('/nonexistent'), run('/nonexistent')];
  const r = rendered[0];
  console.log(
    `trees    ${median(rendered.map((x) => x.wall)).toFixed(2)} s wall with kubectl/helm (${r.roots} roots rendered: ` +
      `render ${median(rendered.map((x) => x.renderSeconds)).toFixed(2)} s, check ${median(rendered.map((x) => x.checkSeconds)).toFixed(2)} s, summed over roots), ` +
      `${median(plain.map((x) => x.wall)).toFixed(2)} s without the tools (${plain[0].files} files one by one); medians of 3`,
  );
}


/** The Node the children run on (see the top of this file). */
function pickNode() {
  if (nodeArg !== undefined) {
    const probe = spawnSync(nodeArg, ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) die(`--node ${nodeArg} does not run`);
    return { node: nodeArg, version: probe.stdout.trim() };
  }
  const { runtimes, notes: why } = nodeRuntimes([24]);
  const node24 = runtimes.find((r) => r.version.startsWith('v24.'));
  if (node24) return { node: node24.node, version: node24.version };
  notes.push(`no Node 24 (${why.join('; ') || 'none found'}): the bench ran on ${process.version}, which the targets are not set for`);
  return { node: process.execPath, version: process.version };
}

function runOnce(tool, keepReport) {
  const timeFile = path.join(tmp, 'time.txt');
  const command = hasGnuTime ? GNU_TIME : NODE;
  const argv = hasGnuTime ? ['-f', '%e %U %S %M', '-o', timeFile, NODE, ...tool.argv] : tool.argv;
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
  let cpu;
  if (hasGnuTime) {
    // GNU time writes "Command exited with non-zero status N" first when the child did.
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last);
    if (!match) die(`cannot read GNU time's output for ${tool.name}: ${JSON.stringify(last)}`);
    cpu = Number(match[2]) + Number(match[3]);
    rss = Number(match[4]); // KiB
  }
  return { wall, cpu, rss, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

function describeOutput(tool, stdout, report) {
  if (tool.kind === 'floor') {
    const match = /(\d+) files, (\d+) documents/.exec(stdout);
    if (!match) die(`the floor printed no counts: ${JSON.stringify(stdout.slice(0, 200))}`);
    return { files: Number(match[1]), documents: Number(match[2]), text: match[0] };
  }
  if (tool.kind === 'podlint') {
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
  if (tool.seen && files !== tool.seen.files) die(`${tool.name} saw ${files} files, but ${tool.seen.files} in its first run`);
  fs.rmSync(file, { force: true });
}

function checkGnuTime() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', NODE, '-e', ''], { encoding: 'utf8' });
  return probe.status === 0 && /^[\d.]+ [\d.]+ [\d.]+ \d+\s*$/m.test(probe.stderr);
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
