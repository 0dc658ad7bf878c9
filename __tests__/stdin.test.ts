// `-` reads manifests from standard input; `--stdin-filename` names them.
import { Readable } from 'node:stream';
import { runCli, type CliIo } from '../src/cli.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-stdin-');

async function run(argv: string[], input: string | undefined, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env: {},
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: input === undefined ? undefined : Readable.from([Buffer.from(input)]),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: p }',
  'spec:',
  '  volumes: [{ name: s, emptyDir: {} }]',
  '  containers:',
  '    - { name: app, image: app:1.0, volumeMounts: [{ name: s, mountPath: /s }] }',
  '    - { name: log, image: "fluentd:latest", volumeMounts: [{ name: s, mountPath: /s }] }',
  '',
].join('\n');

test('- reads standard input, named <stdin> by default', async () => {
  const r = await run(['--format', 'json', '-'], POD, tree({}));
  expect(r.code).toBe(1);
  const json = JSON.parse(r.stdout);
  expect(json.findings).toEqual([expect.objectContaining({ rule: 'sidecar-image-pinned', file: '<stdin>', line: 8 })]);
  expect(json.summary.files).toBe(1);
});

test('--stdin-filename names it, and files named beside - are read too', async () => {
  const cwd = tree({ 'k8s/other.yaml': POD });
  const r = await run(['--format', 'json', '--stdin-filename', 'deploy/web.yaml', '-', 'k8s'], POD, cwd);
  const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
  expect(files).toEqual(['deploy/web.yaml', 'k8s/other.yaml']);
});

test('--stdin-filename without - is a usage error', async () => {
  const r = await run(['--stdin-filename', 'x.yaml', 'k8s'], '', tree({}));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('add "-" to the paths');
});

test('standard input over the size limit is refused, not read without end', async () => {
  const r = await run(['--max-file-size', '100', '-'], POD, tree({}));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('standard input is over the 100-byte limit');
});

test('an unrendered Helm template on standard input is skipped, not misread', async () => {
  const r = await run(['-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n', tree({}));
  expect(r.stdout).toContain('<stdin>:4  skipped  Helm template');
});
