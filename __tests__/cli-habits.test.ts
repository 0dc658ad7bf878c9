// The CLI habits of mature linters: listing and explaining rules, --quiet, --max-warnings,
// --output-file, did-you-mean for flags and rule ids, the config found in a parent folder up to
// the repository root, `podlint init`, and colour that honours NO_COLOR, FORCE_COLOR, TERM=dumb.
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliIo } from '../src/cli.js';
import { INIT_CONFIG } from '../src/commands/init.js';
import { loadConfig } from '../src/config.js';
import { wantsColor } from '../src/report/color.js';
import { ALL_RULES } from '../src/rules/index.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-habits-');
const ANSI = /\x1b\[/;

async function run(argv: string[], cwd: string, options: { env?: Record<string, string>; isTTY?: boolean } = {}) {
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

/** A pod with one error (a sidecar on latest) and one warning (a volume nobody mounts). */
const ERROR_AND_WARNING = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: web }',
  'spec:',
  '  volumes: [{ name: spare, emptyDir: {} }]',
  '  containers:',
  '    - { name: app, image: "app:1.0" }',
  '    - { name: sidecar, image: "fluentd:latest" }',
  '',
].join('\n');
/** Two warnings and nothing else. */
const TWO_WARNINGS = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: w }',
  'spec:',
  '  volumes: [{ name: one, emptyDir: {} }, { name: two, emptyDir: {} }]',
  '  containers:',
  '    - { name: app, image: "app:1.0" }',
  '    - { name: sidecar, image: "fluentd:1.0" }',
  '',
].join('\n');

describe('podlint rules', () => {
  test('lists every rule with its default severity and what it checks, and the pack', async () => {
    const r = await run(['rules'], tree({}));
    expect(r.code).toBe(0);
    for (const rule of ALL_RULES) expect(r.stdout).toMatch(new RegExp(`^${rule.id} +${rule.defaultSeverity} +\\S`, 'm'));
    expect(r.stdout).toMatch(/^sidecar-probes +warning +\S/m);
  });

  test('explains one rule: description, fix and the README section', async () => {
    const r = await run(['rules', 'sidecar-image-pinned'], tree({}));
    expect(r.code).toBe(0);
    const rule = ALL_RULES.find((x) => x.id === 'sidecar-image-pinned')!;
    expect(r.stdout).toContain(rule.description);
    expect(r.stdout).toContain(`Fix: ${rule.remediation}`);
    expect(r.stdout).toMatch(/More: https:\/\/github\.com\/podlint\/podlint\/blob\/v[\d.]+\/README\.md#sidecar-image-pinned/);
  });

  test('an unknown rule id is exit 2 with the nearest id', async () => {
    const r = await run(['rules', 'sidecar-image-pined'], tree({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule id "sidecar-image-pined" (did you mean "sidecar-image-pinned"?)');
  });

  test('./rules is a folder to lint, not the command', async () => {
    const r = await run(['./rules'], tree({ 'rules/pod.yaml': ERROR_AND_WARNING }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[sidecar-image-pinned]');
  });
});

describe('--quiet, --max-warnings, --output-file', () => {
  test('--quiet reports errors only', async () => {
    const cwd = tree({ 'pod.yaml': ERROR_AND_WARNING });
    const loud = await run([], cwd);
    expect(loud.stdout).toContain('[multi-container-shared-volume]');
    const quiet = await run(['--quiet'], cwd);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain('[sidecar-image-pinned]');
    expect(quiet.stdout).not.toContain('[multi-container-shared-volume]');
    expect(quiet.stdout).toContain('1 problem (1 error, 0 warnings, 0 notices)');
    const json = JSON.parse((await run(['-q', '--format', 'json'], cwd)).stdout) as { findings: { severity: string }[]; summary: { warnings: number } };
    expect(json.findings.map((f) => f.severity)).toEqual(['error']);
    expect(json.summary.warnings).toBe(0);
  });

  test('--max-warnings N fails a run with more than N warnings', async () => {
    const cwd = tree({ 'pod.yaml': TWO_WARNINGS });
    expect((await run([], cwd)).code).toBe(0);
    expect((await run(['--max-warnings', '2'], cwd)).code).toBe(0);
    const over = await run(['--max-warnings', '1'], cwd);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('podlint: 2 warnings, more than --max-warnings 1');
    expect((await run(['--max-warnings=0', '--quiet'], cwd)).code).toBe(1);
    const bad = await run(['--max-warnings', 'many'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings takes a whole number of 0 or more, not "many"');
  });

  test('--output-file writes the report to a file, uncoloured, and nothing to stdout', async () => {
    const cwd = tree({ 'pod.yaml': ERROR_AND_WARNING });
    const r = await run(['--output-file', 'out/report.sarif', '--format', 'sarif'], cwd, { isTTY: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(fs.readFileSync(path.join(cwd, 'out', 'report.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results.length).toBe(2);
    await run(['-o', 'report.txt'], cwd, { isTTY: true });
    const text = fs.readFileSync(path.join(cwd, 'report.txt'), 'utf8');
    expect(text).toContain('[sidecar-image-pinned]');
    expect(text).not.toMatch(ANSI);
    fs.mkdirSync(path.join(cwd, 'dir.txt'));
    const unwritable = await run(['-o', 'dir.txt'], cwd);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^podlint: cannot write the report to dir\.txt: /m);
  });
});

describe('did you mean', () => {
  test('an unknown flag names the nearest one, exit 2', async () => {
    const r = await run(['--formt', 'json'], tree({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('podlint: unknown option --formt (did you mean --format?)');
    expect((await run(['--max-warning', '1'], tree({}))).stderr).toContain('did you mean --max-warnings?');
    expect((await run(['--kubernetes-versio', '1.30'], tree({}))).stderr).toContain('did you mean --kubernetes-version?');
    const far = await run(['--zzzzzz'], tree({}));
    expect(far.stderr).toContain('podlint: unknown option --zzzzzz\n');
  });

  test('a misspelt rule id in a podlint-ignore comment is a warning at the id, and silences nothing', async () => {
    const file = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: web }',
      'spec:',
      '  volumes: [{ name: logs, emptyDir: {} }]',
      '  containers:',
      '    - { name: app, image: "app:1.0", volumeMounts: [{ name: logs, mountPath: /l }] }',
      '    # podlint-ignore sidecar-image-pined',
      '    - { name: sidecar, image: "fluentd:latest", volumeMounts: [{ name: logs, mountPath: /l }] }',
      '',
    ].join('\n');
    const r = await run(['--format', 'json'], tree({ 'pod.yaml': file }));
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string; line: number; column: number; message: string }[] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'sidecar-image-pinned', line: 9 }));
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'ignore-comment', severity: 'warning', line: 8, column: 22, message: expect.stringContaining('did you mean "sidecar-image-pinned"?') }),
    );
  });

  test('a podlint-ignore comment that cannot be read is a warning too; a good one is not', async () => {
    const file = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: web }',
      'spec:',
      '  volumes: [{ name: logs, emptyDir: {} }]',
      '  containers:',
      '    - { name: app, image: "app:1.0", volumeMounts: [{ name: logs, mountPath: /l }] }',
      '    - { name: sidecar, image: "fluentd:latest", volumeMounts: [{ name: logs, mountPath: /l }] }  # podlint-ignore: Sidecar-Image-Pinned',
      '    - { name: other, image: "other:latest", volumeMounts: [{ name: logs, mountPath: /l }] }  # podlint-ignore sidecar-image-pinned',
      '',
    ].join('\n');
    const r = await run(['--format', 'json'], tree({ 'pod.yaml': file }));
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] }).findings;
    expect(findings.map((f) => `${f.line}:${f.rule}`).sort()).toEqual(['8:ignore-comment', '8:sidecar-image-pinned']);
  });
});

describe('the config in a parent folder', () => {
  const CONFIG = 'rules:\n  sidecar-image-pinned: off\n';

  test('is found from a subfolder, up to the repository root', async () => {
    const cwd = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.podlint.yml': CONFIG, 'deploy/k8s/pod.yaml': ERROR_AND_WARNING });
    const r = await run(['.'], path.join(cwd, 'deploy', 'k8s'));
    expect(r.stdout).not.toContain('[sidecar-image-pinned]');
    expect(r.code).toBe(0);
  });

  test('is not looked for above the repository root', async () => {
    const cwd = tree({ '.podlint.yml': CONFIG, 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/k8s/pod.yaml': ERROR_AND_WARNING });
    const r = await run(['.'], path.join(cwd, 'repo', 'k8s'));
    expect(r.stdout).toContain('[sidecar-image-pinned]');
  });

  test('the nearest config wins; its globs are relative to it', async () => {
    const cwd = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.podlint.yml': 'rules:\n  multi-container-shared-volume: off\n',
      'deploy/.podlint.yml': 'ignore: ["k8s/skip/**"]\n',
      'deploy/k8s/skip/pod.yaml': ERROR_AND_WARNING,
      'deploy/k8s/keep/pod.yaml': ERROR_AND_WARNING,
    });
    const r = await run(['.', '--format', 'json'], path.join(cwd, 'deploy', 'k8s'));
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] }).findings;
    expect([...new Set(findings.map((f) => f.file))]).toEqual(['keep/pod.yaml']);
    expect(findings.map((f) => f.rule)).toContain('multi-container-shared-volume');
  });
});

describe('podlint init', () => {
  test('writes a commented .podlint.yml with the schema modeline, which changes nothing as written', async () => {
    const cwd = tree({ 'pod.yaml': ERROR_AND_WARNING });
    const r = await run(['init'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote .podlint.yml');
    const text = fs.readFileSync(path.join(cwd, '.podlint.yml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/raw\.githubusercontent\.com\/podlint\/podlint\/v[\d.]+\/policies\/config\.schema\.json$/);
    expect(loadConfig({ cwd }).lintOptions.rules ?? {}).toEqual({});
    const again = await run(['init'], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('.podlint.yml is already there');
  });

  test('every example in it is a valid setting once uncommented', () => {
    const uncommented = INIT_CONFIG.split('\n')
      .filter((line) => !line.startsWith('##'))
      .map((line) => line.replace(/^# ?/, ''))
      .filter((line) => !line.startsWith('yaml-language-server'))
      .join('\n');
    const cwd = tree({
      '.podlint.yml': uncommented,
      'policies/p.yaml': 'id: team-rule\nseverity: warning\nmessage: m\ntarget: pod\nschema: {}\n',
    });
    const config = loadConfig({ cwd });
    expect(Object.keys(config.lintOptions.rules ?? {}).sort()).toEqual(['multi-container-shared-volume', 'sidecar-image-pinned', 'sidecar-probes']);
    expect(config.lintOptions.kubernetesVersion).toMatch(/^1\.\d+$/);
  });
});

describe('colour', () => {
  test('NO_COLOR, FORCE_COLOR and TERM=dumb are honoured; the flags win', () => {
    expect(wantsColor(undefined, {}, true)).toBe(true);
    expect(wantsColor(undefined, {}, false)).toBe(false);
    expect(wantsColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(wantsColor(undefined, { TERM: 'dumb' }, true)).toBe(false);
    expect(wantsColor(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(wantsColor(undefined, { FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(wantsColor(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor(false, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '1', TERM: 'dumb' }, false)).toBe(true);
  });

  test('the text report is coloured through util.styleText only when wanted', async () => {
    const cwd = tree({ 'pod.yaml': ERROR_AND_WARNING });
    expect((await run([], cwd, { isTTY: true })).stdout).toMatch(/\x1b\[31merror/);
    expect((await run([], cwd, { isTTY: true, env: { TERM: 'dumb' } })).stdout).not.toMatch(ANSI);
    expect((await run([], cwd, { isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
  });
});

describe('globs of a config in a parent folder', () => {
  test('are rebased onto the subfolder the scan runs in', async () => {
    const { rebaseGlob } = await import('../src/config.js');
    const repo = '/r';
    expect(rebaseGlob('k8s/skip/**', repo, '/r')).toEqual(['k8s/skip/**']);
    expect(rebaseGlob('skip/**', '/r/deploy', '/r')).toEqual(['deploy/skip/**']);
    expect(rebaseGlob('deploy/k8s/skip/**', repo, '/r/deploy/k8s')).toEqual(['skip/**']);
    expect(rebaseGlob('*/k8s/*.yaml', repo, '/r/deploy/k8s')).toEqual(['*.yaml']);
    expect(rebaseGlob('**/*.test.yaml', repo, '/r/deploy/k8s')).toEqual(['**/*.test.yaml']);
    expect(rebaseGlob('charts/**', repo, '/r/deploy/k8s')).toEqual([]);
    expect(rebaseGlob('deploy', repo, '/r/deploy/k8s')).toEqual(['**']);
  });
});
