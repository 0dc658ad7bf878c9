// The pre-commit hook (.pre-commit-hooks.yaml) through the real `pre-commit`: a hook repository
// made of what this checkout would tag (package.json and its lockfile, dist/, policies/, the hooks
// file), a user's repository with a broken manifest that uses it, and `pre-commit run`. pre-commit
// installs a node hook as from a git checkout (`npm install`, `npm pack`, `npm install -g`) into its
// own environment, on the Node found on PATH: this test's Node. npm runs offline, from the cache
// `npm ci` filled. Needs `pre-commit` on PATH (.ci/run installs it; pip install pre-commit).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const HOOK_FILES = ['.pre-commit-hooks.yaml', 'package.json', 'package-lock.json', 'LICENSE', 'README.md', 'dist', 'policies'];
let work: string;

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=podlint-test', '-c', 'user.email=test@podlint.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

function preCommit(cwd: string) {
  return spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      // pre-commit's `language_version: system` is the node found first on PATH.
      PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
      PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      NO_COLOR: '1',
    },
  });
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-pre-commit-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the hooks file declares one node hook for YAML and JSON files', () => {
  const text = fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8');
  expect(text).toMatch(/^- id: podlint$/m);
  expect(text).toMatch(/^ {2}language: node$/m);
  expect(text).toMatch(/^ {2}entry: podlint$/m);
  expect(text).toMatch(/^ {2}types_or: \[yaml, json\]$/m);
});

test('pre-commit runs the hook: a broken manifest fails the commit with the finding, a fixed one passes', () => {
  expect(spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^pre-commit \d/);
  const hook = path.join(work, 'hook');
  fs.mkdirSync(hook);
  for (const file of HOOK_FILES) fs.cpSync(path.join(root, file), path.join(hook, file), { recursive: true });
  git(hook, 'init', '-q');
  git(hook, 'add', '-A');
  git(hook, 'commit', '-q', '-m', 'podlint');
  const rev = git(hook, 'rev-parse', 'HEAD');

  const repo = path.join(work, 'repo');
  fs.mkdirSync(path.join(repo, 'k8s'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hook}\n    rev: ${rev}\n    hooks:\n      - id: podlint\n`);
  fs.copyFileSync(path.join(root, 'examples', 'broken', 'web.yaml'), path.join(repo, 'k8s', 'web.yaml'));
  fs.writeFileSync(path.join(repo, 'notes.txt'), 'not a manifest\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');

  const broken = preCommit(repo);
  const output = broken.stdout + broken.stderr;
  expect(output).toMatch(/^podlint\.+Failed$/m);
  expect(output).toMatch(/^k8s\/web\.yaml:25:18 +error +.*"fluent\/fluent-bit:latest".*\[sidecar-image-pinned\]$/m);
  expect(output).toMatch(/\[unique-container-ports\]$/m);
  expect(output).not.toContain('notes.txt');
  expect(broken.status).toBe(1);

  fs.copyFileSync(path.join(root, 'examples', 'fixed', 'web.yaml'), path.join(repo, 'k8s', 'web.yaml'));
  git(repo, 'add', '-A');
  const fixed = preCommit(repo);
  expect(fixed.stdout + fixed.stderr).toMatch(/^podlint\.+Passed$/m);
  expect(fixed.status).toBe(0);
}, 600000);
