// runCli end to end with a fake terminal: exit codes, formats, usage errors, the file-size limit
// and when to colour.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliIo } from '../src/cli.js';
import { treeMaker } from './helpers/tree.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** A fresh folder holding `files` (relative path → content). */
const tree = treeMaker('podlint-cli-');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string, options: { env?: Record<string, string>; isTTY?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env: options.env ?? {},
    stdout: { write: (t: string) => (stdout += t), isTTY: options.isTTY },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function pod(name: string, containers: string[], volumes = false): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    volumes ? '  volumes: [{ name: shared, emptyDir: {} }]' : '  volumes: [{ name: spare, emptyDir: {} }]',
    '  containers:',
    ...containers.map((c, i) => `    - { name: c${i}, image: "${c}"${volumes ? ', volumeMounts: [{ name: shared, mountPath: /s }]' : ''} }`),
    '',
  ].join('\n');
}

const CLEAN = pod('clean', ['app:1.0']);
/** Only an error: a sidecar on latest (the volume is shared). */
const ERROR = pod('error', ['app:1.0', 'fluentd:latest'], true);
/** Only a warning: two pinned containers, and a volume that neither mounts. */
const WARNING = pod('warning', ['app:1.0', 'fluentd:v1']);

describe('exit status', () => {
  test('0 when nothing is found', async () => {
    const cwd = tree({ 'k8s/pod.yaml': CLEAN });
    const r = await run([], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found (1 file, 1 resource, 1 pod spec checked).');
    expect(r.stderr).toBe('');
  });

  test('1 when an error is found, 0 with --fail-on never', async () => {
    const cwd = tree({ 'pod.yaml': ERROR });
    const r = await run(['pod.yaml'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^pod\.yaml:\d+:\d+ {2}error {4}.*\[sidecar-image-pinned\]$/m);
    expect((await run(['--fail-on', 'never', 'pod.yaml'], cwd)).code).toBe(0);
    expect((await run(['--fail-on=error', 'pod.yaml'], cwd)).code).toBe(1);
  });

  test('a warning fails only from --fail-on warning down', async () => {
    const cwd = tree({ 'pod.yaml': WARNING });
    expect((await run([], cwd)).code).toBe(0);
    expect((await run(['--fail-on', 'error'], cwd)).code).toBe(0);
    expect((await run(['--fail-on', 'warning'], cwd)).code).toBe(1);
    expect((await run(['--fail-on', 'notice'], cwd)).code).toBe(1);
    expect((await run(['--fail-on', 'never'], cwd)).code).toBe(0);
  });

  test('a notice fails only with --fail-on notice', async () => {
    const cwd = tree({ 'pod.yaml': WARNING, '.podlint.yml': 'rules:\n  multi-container-shared-volume: notice\n' });
    const json = JSON.parse((await run(['--format', 'json'], cwd)).stdout);
    expect(json.findings.map((f: { severity: string }) => f.severity)).toEqual(['notice']);
    expect((await run(['--fail-on', 'warning'], cwd)).code).toBe(0);
    expect((await run(['--fail-on', 'notice'], cwd)).code).toBe(1);
  });

  test('2 for an unknown flag, naming it', async () => {
    const cwd = tree({ 'pod.yaml': CLEAN });
    const r = await run(['--frobnicate', 'pod.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
    expect(r.stdout).toBe('');
  });

  test('2 for a bad --format or --fail-on value, naming flag and value', async () => {
    const cwd = tree({ 'pod.yaml': ERROR });
    const format = await run(['--format', 'xml', 'pod.yaml'], cwd);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format.*"xml"/);
    expect(format.stdout).toBe('');
    const failOn = await run(['--fail-on', 'errors', 'pod.yaml'], cwd);
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toMatch(/--fail-on.*"errors"/);
    expect((await run(['--max-file-size', 'lots', 'pod.yaml'], cwd)).code).toBe(2);
    expect((await run(['--format'], cwd)).code).toBe(2);
  });

  test('2 for a missing path, named on stderr, even when the other paths are clean', async () => {
    const cwd = tree({ 'pod.yaml': CLEAN });
    const r = await run(['pod.yaml', 'no/such/dir'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/dir');
    expect(r.stderr).toMatch(/no such file/);
    // The count line never reads like a clean run.
    expect(r.stdout).toMatch(/No problems found \(.*\)\. Incomplete: 1 path could not be checked\./);
  });

  test('2 for a glob that matches nothing', async () => {
    const cwd = tree({ 'pod.yaml': CLEAN });
    const r = await run(['k8s/**/*.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('k8s/**/*.yaml');
  });
});

describe('--format', () => {
  test('json parses and holds the findings, files relative to cwd with /', async () => {
    const cwd = tree({ 'k8s/a/pod.yaml': ERROR, 'k8s/clean.yaml': CLEAN });
    const r = await run(['--format', 'json', 'k8s'], cwd);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary).toEqual({ files: 2, documents: 2, resources: 2, pods: 2, errors: 1, warnings: 0, notices: 0, suppressed: 0 });
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({
      rule: 'sidecar-image-pinned',
      severity: 'error',
      file: 'k8s/a/pod.yaml',
      resource: { kind: 'Pod', name: 'error' },
      container: 'c1',
    });
  });

  test('sarif and github', async () => {
    const cwd = tree({ 'pod.yaml': ERROR });
    const sarif = await run(['--format', 'sarif'], cwd);
    expect(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['sidecar-image-pinned']);
    const github = await run(['-f', 'github'], cwd);
    expect(github.stdout).toMatch(/^::error file=pod\.yaml,line=\d+,.*title=sidecar-image-pinned::.*\n$/);
    expect(github.code).toBe(1);
  });
});

describe('help and version', () => {
  test('--help prints usage to stdout and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([flag], tree({}));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: podlint/);
      for (const option of ['--format', '--fail-on', '--config', '--max-file-size']) expect(r.stdout).toContain(option);
      expect(r.stderr).toBe('');
    }
  });

  test("--version prints package.json's version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await run([flag], tree({}));
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });
});

describe('--max-file-size', () => {
  test('a larger file is skipped and reported as such, the rest is checked', async () => {
    const big = ERROR + '\n# ' + 'x'.repeat(4000) + '\n';
    const cwd = tree({ 'big.yaml': big, 'small.yaml': WARNING });
    const r = await run(['--format', 'json', '--max-file-size', '2000', '--fail-on', 'warning'], cwd);
    const json = JSON.parse(r.stdout);
    expect(json.skipped).toHaveLength(1);
    expect(json.skipped[0].file).toBe('big.yaml');
    expect(json.skipped[0].reason).toMatch(/limit/);
    expect(json.findings.map((f: { file: string }) => f.file)).toEqual(['small.yaml']);
    expect(json.summary.files).toBe(1);
    expect(r.code).toBe(1);
    // Without the limit, the big file's error counts.
    const all = JSON.parse((await run(['--format', 'json'], cwd)).stdout);
    expect(all.skipped).toEqual([]);
    expect(all.findings.map((f: { file: string }) => f.file)).toContain('big.yaml');
  });
});

describe('colour', () => {
  const cwdWithError = () => tree({ 'pod.yaml': ERROR });
  const ANSI = /\x1b\[/;

  test('on a terminal, text is coloured', async () => {
    expect((await run([], cwdWithError(), { isTTY: true })).stdout).toMatch(ANSI);
  });

  test('off when stdout is not a terminal', async () => {
    expect((await run([], cwdWithError(), { isTTY: false })).stdout).not.toMatch(ANSI);
    expect((await run([], cwdWithError(), {})).stdout).not.toMatch(ANSI);
  });

  test('off with NO_COLOR, even on a terminal', async () => {
    const r = await run([], cwdWithError(), { isTTY: true, env: { NO_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stdout).toContain('[sidecar-image-pinned]');
  });

  test('--no-color and --color win over the terminal', async () => {
    expect((await run(['--no-color'], cwdWithError(), { isTTY: true })).stdout).not.toMatch(ANSI);
    expect((await run(['--color'], cwdWithError(), { isTTY: false })).stdout).toMatch(ANSI);
  });

  test('never in json output', async () => {
    const r = await run(['--format', 'json', '--color'], cwdWithError(), { isTTY: true });
    expect(r.stdout).not.toMatch(ANSI);
  });
});
