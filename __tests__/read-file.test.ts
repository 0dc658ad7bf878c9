// The guarded reader and everything that goes through it: only regular files, never more than
// the limit, never out of the repository for files a repository file names; what cannot be
// read is a problem naming the path and why, and the run goes on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { readFileGuarded, readTextGuarded, realFolder } from '../src/fs/read-file.js';
import { lint } from '../src/lint.js';
import { discover } from '../src/manifest/discover.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-read-');
// As long as a real GitHub token (40 characters).
const SECRET = `ghp_${'N0tAR3alT0ken'.repeat(3).slice(0, 36)}`;

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

const BAD_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: p }',
  'spec:',
  '  containers:',
  '    - { name: a, image: "a:1" }',
  '    - { name: a, image: "b:1" }',
  '',
].join('\n');

/** A repository with one known-bad manifest, and a secret beside the repository. */
function repoWithSecret(files: Record<string, string> = {}): { repo: string; secret: string } {
  const root = tree({ 'outside/token': `${SECRET}\n`, 'repo/k8s/bad.yaml': BAD_POD, ...files });
  return { repo: path.join(root, 'repo'), secret: path.join(root, 'outside', 'token') };
}

describe('readFileGuarded', () => {
  test('reads a regular file whole', () => {
    const dir = tree({ 'a.yaml': 'a: 1\n' });
    const read = readFileGuarded(path.join(dir, 'a.yaml'), { maxBytes: 100 });
    expect(read.ok && read.buffer.toString()).toBe('a: 1\n');
  });

  test('a FIFO is refused at once, without waiting for a writer', () => {
    const dir = tree({});
    mkfifo(path.join(dir, 'pipe.yaml'));
    const read = readFileGuarded(path.join(dir, 'pipe.yaml'), { maxBytes: 100 });
    expect(read).toMatchObject({ ok: false, why: 'not-regular', message: expect.stringMatching(/FIFO/) });
  });

  test('a device and a folder are refused, /dev/zero through a link included', () => {
    const dir = tree({});
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expect(readFileGuarded(path.join(dir, 'zero.yaml'), { maxBytes: 100 })).toMatchObject({ ok: false, why: 'not-regular', message: expect.stringMatching(/character device/) });
    expect(readFileGuarded(dir, { maxBytes: 100 })).toMatchObject({ ok: false, why: 'not-regular', message: expect.stringMatching(/folder/) });
  });

  test('the size limit holds before reading and while reading (a file that claims 0 bytes)', () => {
    const dir = tree({ 'big.yaml': 'x'.repeat(1000) });
    expect(readFileGuarded(path.join(dir, 'big.yaml'), { maxBytes: 999 })).toMatchObject({ ok: false, why: 'too-large', size: 1000 });
    expect(readFileGuarded(path.join(dir, 'big.yaml'), { maxBytes: 1000 }).ok).toBe(true);
    // /proc files say they are empty and are not: only the bytes actually read count.
    expect(fs.statSync('/proc/self/maps').size).toBe(0);
    expect(readFileGuarded('/proc/self/maps', { maxBytes: 64 })).toMatchObject({ ok: false, why: 'too-large' });
    const whole = readFileGuarded('/proc/self/maps', { maxBytes: 10 * 1024 * 1024 });
    expect(whole.ok && whole.buffer.length).toBeGreaterThan(64);
  });

  test('with `within`, a link that leads out of the folder is refused; one that stays is read', () => {
    const { repo, secret } = repoWithSecret({ 'repo/inner.yaml': 'a: 1\n' });
    fs.symlinkSync(secret, path.join(repo, 'out.yaml'));
    fs.symlinkSync('inner.yaml', path.join(repo, 'in.yaml'));
    const within = realFolder(repo);
    expect(readFileGuarded(path.join(repo, 'out.yaml'), { maxBytes: 100, within })).toMatchObject({ ok: false, why: 'outside' });
    expect(readFileGuarded(path.join(repo, 'in.yaml'), { maxBytes: 100, within }).ok).toBe(true);
    // Without `within` (a path the user named) the same link may be read.
    expect(readFileGuarded(path.join(repo, 'out.yaml'), { maxBytes: 100 }).ok).toBe(true);
  });

  test('missing files and binary text are told apart', () => {
    const dir = tree({ 'bin.yaml': 'a\u0000b' });
    expect(readFileGuarded(path.join(dir, 'nope.yaml'), { maxBytes: 100 })).toMatchObject({ ok: false, why: 'missing' });
    expect(readTextGuarded(path.join(dir, 'bin.yaml'), { maxBytes: 100 })).toMatchObject({ ok: false, why: 'binary' });
  });
});

describe('discovery', () => {
  test('a FIFO found by the walk or named on the command line is reported, never opened', () => {
    const dir = tree({ 'k8s/ok.yaml': '' });
    mkfifo(path.join(dir, 'k8s', 'pipe.yaml'));
    mkfifo(path.join(dir, 'k8s', 'pipe.txt')); // not a manifest name: passed over like any .txt
    const walked = discover(['k8s'], { cwd: dir });
    expect(walked.files.map((f) => path.basename(f))).toEqual(['ok.yaml']);
    expect(walked.problems).toEqual([{ file: 'k8s/pipe.yaml', message: expect.stringMatching(/is a FIFO .*not a regular file/) }]);
    const named = discover(['k8s/pipe.txt'], { cwd: dir });
    expect(named.problems).toEqual([{ file: 'k8s/pipe.txt', message: expect.stringMatching(/FIFO/) }]);
  });

  test('a manifest-named link out of the scanned folder is listed as skipped, not read', () => {
    const { repo, secret } = repoWithSecret();
    fs.symlinkSync(secret, path.join(repo, 'k8s', 'token.yaml'));
    fs.symlinkSync('/dev/zero', path.join(repo, 'k8s', 'zero.yaml'));
    const found = discover(['.'], { cwd: repo });
    expect(found.files.map((f) => path.basename(f))).toEqual(['bad.yaml']);
    expect(found.skipped.map((s) => s.file)).toEqual(['k8s/token.yaml', 'k8s/zero.yaml']);
  });

  test('links between two folders (a → b, b → a) end', () => {
    const dir = tree({ 'a/x.yaml': '', 'b/y.yaml': '' });
    fs.symlinkSync('../b', path.join(dir, 'a', 'to-b'));
    fs.symlinkSync('../a', path.join(dir, 'b', 'to-a'));
    const found = discover(['.'], { cwd: dir });
    expect(found.files.length).toBeLessThan(10);
  });
});

describe('a run', () => {
  test('a kustomization that is a FIFO or leads to /dev/zero is a problem and the run goes on', async () => {
    const { repo } = repoWithSecret();
    mkfifo(path.join(repo, 'k8s', 'kustomization.yaml'));
    fs.mkdirSync(path.join(repo, 'other'));
    fs.writeFileSync(path.join(repo, 'other', 'bad.yaml'), BAD_POD);
    fs.symlinkSync('/dev/zero', path.join(repo, 'other', 'Kustomization'));
    const report = await lint({ paths: ['.'], cwd: repo });
    expect(report.findings.filter((f) => f.rule === 'unique-container-names').map((f) => f.file)).toEqual(['k8s/bad.yaml', 'other/bad.yaml']);
    expect(report.problems).toEqual([
      { file: 'k8s/kustomization.yaml', message: expect.stringMatching(/FIFO/) },
      { file: 'other/Kustomization', message: expect.stringMatching(/^kustomization leads out of the repository/) },
    ]);
  });

  test('a .podlint.yml linked out of the repository is not read: a problem, the defaults, the findings', async () => {
    const { repo, secret } = repoWithSecret();
    fs.symlinkSync(secret, path.join(repo, '.podlint.yml'));
    const config = loadConfig({ cwd: repo });
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(config.lintOptions.problems).toEqual([{ file: '.podlint.yml', message: expect.stringMatching(/leads out of the repository/) }]);
    const report = await lint({ ...config.lintOptions, paths: ['.'], cwd: repo });
    expect(report.findings.map((f) => f.rule)).toContain('unique-container-names');
    expect(report.problems.map((p) => p.file)).toEqual(['.podlint.yml']);
  });

  test('a .podlint.yml that is a FIFO does not hang; --config may name a file outside the repository', () => {
    const { repo } = repoWithSecret({ 'elsewhere/podlint.yml': 'rules: { k8s-schema: off }\n' });
    mkfifo(path.join(repo, '.podlint.yml'));
    expect(loadConfig({ cwd: repo }).lintOptions.problems).toEqual([{ file: '.podlint.yml', message: expect.stringMatching(/FIFO/) }]);
    const named = loadConfig({ cwd: repo, file: '../elsewhere/podlint.yml' });
    expect(named.lintOptions.rules).toEqual({ 'k8s-schema': { severity: 'off' } });
  });

  test('policies the config names may not leave the repository, not even to be listed', () => {
    const { repo, secret } = repoWithSecret({ 'repo/policies/ok.yaml': 'id: ok\nseverity: error\nmessage: m\ntarget: pod\nschema: {}\n' });
    fs.symlinkSync(path.dirname(secret), path.join(repo, 'linked-dir'));
    fs.symlinkSync(secret, path.join(repo, 'policies', 'token.yaml'));
    mkfifo(path.join(repo, 'policies', 'pipe.yaml'));
    fs.writeFileSync(path.join(repo, '.podlint.yml'), 'policies: [policies, linked-dir]\n');
    const config = loadConfig({ cwd: repo });
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(config.lintOptions.policies?.map((p) => p.id)).toEqual(['ok']);
    expect(config.lintOptions.problems).toEqual([
      { file: 'linked-dir', message: expect.stringMatching(/^policy path leads out of the repository/) },
      { file: 'policies/pipe.yaml', message: expect.stringMatching(/^policy file is a FIFO/) },
      { file: 'policies/token.yaml', message: expect.stringMatching(/^policy file is a symbolic link that leads out/) },
    ]);
  });
});
