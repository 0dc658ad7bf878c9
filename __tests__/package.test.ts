// podlint as people install linters: `npm pack`, then the tarball installed into an empty prefix
// with no network (`--offline`: it needs no dependency, the bundle holds them), and the installed
// `podlint` bin run through its shebang on this test's Node (22 or 24, whichever runs the suite).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  files: string[];
  license: string;
  repository: unknown;
};

/** npm itself: the one that started `npm test` when there is one, else the one on PATH. */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const execpath = process.env.npm_execpath;
  const [command, first] = execpath && /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath]] : ['npm', []];
  return spawnSync(command, [...first, ...args], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
}

let work: string;
let tarball: string;
let files: string[];
let bin: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-pack-'));
  const packed = npm(['pack', '--pack-destination', work, '--json'], root);
  expect(packed.stderr).not.toMatch(/npm error/);
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = path.join(work, info.filename);
  files = info.files.map((f) => f.path);
  const prefix = path.join(work, 'prefix');
  const installed = npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
  if (installed.status !== 0) throw new Error(`npm install of the tarball failed:\n${installed.stderr}`);
  bin = path.join(prefix, 'bin', 'podlint');
}, 120000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The installed bin, run as a user runs it: through its `#!/usr/bin/env node` line. */
function podlint(args: string[], cwd: string) {
  const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return spawnSync(bin, args, { cwd, encoding: 'utf8', env: { PATH, NO_COLOR: '1' } });
}

test('the package is publishable and carries what it needs, not its tests', () => {
  expect(pkg.private).toBeUndefined();
  expect(pkg.license).toBe('MIT');
  expect(pkg.repository).toBeDefined();
  // The bundle holds every runtime dependency.
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/cli/index.js', 'policies/config.schema.json']));
  expect(files.filter((f) => !/^(dist|policies)\//.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
});

test('the installed podlint prints its version', () => {
  const run = podlint(['--version'], work);
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe(pkg.version);
  expect(run.status).toBe(0);
});

test('the installed podlint lints a folder: findings, exit 1', () => {
  const dir = path.join(work, 'repo');
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(root, 'examples', 'broken', 'web.yaml'), path.join(dir, 'web.yaml'));
  const run = podlint(['.'], dir);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^web\.yaml:\d+:\d+ +error +.*\[sidecar-image-pinned\]$/m);
  expect(run.status).toBe(1);
  fs.copyFileSync(path.join(root, 'examples', 'fixed', 'web.yaml'), path.join(dir, 'web.yaml'));
  expect(podlint(['.'], dir).status).toBe(0);
});

test("the README's first command installs podlint from a clone and lints the broken examples, offline", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /```sh\n([^]*?)```/.exec(readme)![1]!;
  const first = block.split('\n')[0]!.replace(/\s+#.*$/, '');
  expect(first).toMatch(/^npm exec --yes --package=\. -- podlint examples\/broken --fail-on never$/);
  // Run as written (the npm part through this test's npm), with a cache of its own and no network.
  const run = npm(first.split(/\s+/).slice(1), root, { NO_COLOR: '1', npm_config_cache: path.join(work, 'npm-cache'), npm_config_offline: 'true' });
  expect(run.stderr).not.toMatch(/npm error/);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^examples\/broken\/web\.yaml:\d+:\d+ {2}error/m);
  expect(run.stdout).toMatch(/\d+ problems \(\d+ errors, \d+ warnings, 0 notices\) in 1 file/);
}, 120000);
