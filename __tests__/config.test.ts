// The config file: found at the root or named with --config, rule severities and options that
// change what a run reports, and every mistake a ConfigError naming file:line:col and the key.
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliIo } from '../src/cli.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { treeMaker } from './helpers/tree.js';

/** A fresh folder holding `files` (relative path → content). */
const tree = treeMaker('podlint-config-');

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

interface JsonFinding {
  rule: string;
  severity: string;
  container?: string;
  message: string;
}

async function findings(cwd: string, argv: string[] = []): Promise<JsonFinding[]> {
  const r = await run(['--format', 'json', ...argv], cwd);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).findings;
}

/** A sidecar on latest (error) in a pod with a volume that no container mounts (warning). */
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: web }',
  'spec:',
  '  volumes: [{ name: spare, emptyDir: {} }]',
  '  containers:',
  '    - { name: app, image: "app:1.0" }',
  '    - { name: shipper, image: "fluentd:latest" }',
  '',
].join('\n');

/** Every image carries a version tag; nothing is on a digest. */
const TAGGED = POD.replace('fluentd:latest', 'fluentd:v1.16');

/** The message of the ConfigError that loadConfig throws. */
function configError(cwd: string, file?: string): string {
  try {
    loadConfig({ cwd, file });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig did not throw');
}

describe('finding the config file', () => {
  test('none: no options', () => {
    expect(loadConfig({ cwd: tree({}) })).toEqual({ lintOptions: {} });
  });

  test.each(['.podlint.yml', '.podlint.yaml'])('%s at the root is read', (name) => {
    const cwd = tree({ [name]: 'rules:\n  sidecar-image-pinned: warning\n' });
    const config = loadConfig({ cwd });
    expect(config.file).toBe(name);
    expect(config.lintOptions.rules).toEqual({ 'sidecar-image-pinned': { severity: 'warning' } });
  });

  test('one in a sub-folder is not picked up', () => {
    const cwd = tree({ 'k8s/.podlint.yml': 'rules:\n  sidecar-image-pinned: warning\n' });
    expect(loadConfig({ cwd }).file).toBeUndefined();
  });

  test('--config names another file, and the root one is then not read', async () => {
    const cwd = tree({
      'pod.yaml': POD,
      '.podlint.yml': 'rules:\n  sidecar-image-pinned: notice\n',
      'conf/podlint.yaml': 'rules:\n  sidecar-image-pinned: warning\n',
    });
    expect(loadConfig({ cwd, file: 'conf/podlint.yaml' }).file).toBe('conf/podlint.yaml');
    const severities = async (argv: string[]) =>
      (await findings(cwd, argv)).filter((f) => f.rule === 'sidecar-image-pinned').map((f) => f.severity);
    expect(await severities([])).toEqual(['notice']);
    expect(await severities(['--config', 'conf/podlint.yaml'])).toEqual(['warning']);
    expect(await severities(['--config', path.join(cwd, 'conf/podlint.yaml')])).toEqual(['warning']);
  });

  test('ignore globs are relative to the config file', () => {
    const cwd = tree({ 'conf/podlint.yml': 'ignore: ["charts/**"]\n' });
    expect(loadConfig({ cwd, file: 'conf/podlint.yml' }).lintOptions.ignore).toEqual(['conf/charts/**']);
    const root = tree({ '.podlint.yml': 'ignore: ["charts/**"]\n' });
    expect(loadConfig({ cwd: root }).lintOptions.ignore).toEqual(['charts/**']);
  });
});

describe('what the settings change, end to end', () => {
  test('the baseline: an error and a warning', async () => {
    const cwd = tree({ 'pod.yaml': POD });
    expect((await findings(cwd)).map((f) => `${f.rule}:${f.severity}`).sort()).toEqual([
      'multi-container-shared-volume:warning',
      'sidecar-image-pinned:error',
    ]);
    expect((await run([], cwd)).code).toBe(1);
  });

  test('severity off silences a rule', async () => {
    // Unquoted `off`, as CONTRACT.md writes it: the config is YAML 1.2, where it is a word.
    for (const setting of ['off', '"off"', '{ severity: off }', '{ severity: "off" }']) {
      const cwd = tree({ 'pod.yaml': POD, '.podlint.yml': `rules:\n  sidecar-image-pinned: ${setting}\n` });
      expect((await findings(cwd)).map((f) => f.rule)).toEqual(['multi-container-shared-volume']);
      expect((await run([], cwd)).code).toBe(0);
    }
  });

  test('a severity changes the findings and the exit status', async () => {
    const cwd = tree({ 'pod.yaml': POD, '.podlint.yml': 'rules:\n  sidecar-image-pinned: warning\n  multi-container-shared-volume: error\n' });
    expect((await findings(cwd)).map((f) => `${f.rule}:${f.severity}`).sort()).toEqual([
      'multi-container-shared-volume:error',
      'sidecar-image-pinned:warning',
    ]);
  });

  test('ignore leaves files out of the scan', async () => {
    const cwd = tree({ 'k8s/pod.yaml': TAGGED, 'charts/web/templates/pod.yaml': POD, '.podlint.yml': 'ignore: ["charts/**/templates/**"]\n' });
    const r = JSON.parse((await run(['--format', 'json'], cwd)).stdout);
    expect(r.findings.map((f: { file: string }) => f.file)).toEqual(['k8s/pod.yaml']);
    fs.writeFileSync(path.join(cwd, '.podlint.yml'), 'ignore: []\n');
    const all = JSON.parse((await run(['--format', 'json'], cwd)).stdout);
    expect(all.summary.files).toBe(r.summary.files + 1);
    expect(all.findings.map((f: { file: string }) => f.file)).toContain('charts/web/templates/pod.yaml');
  });

  test('sidecar-image-pinned: { pin: digest, containers: all }', async () => {
    const pinned = async (config: string) => {
      const cwd = tree({ 'pod.yaml': TAGGED, '.podlint.yml': config });
      return (await findings(cwd)).filter((f) => f.rule === 'sidecar-image-pinned');
    };
    expect(await pinned('rules: {}\n')).toEqual([]);
    const digestSidecars = await pinned('rules:\n  sidecar-image-pinned: { pin: digest }\n');
    expect(digestSidecars.map((f) => f.container)).toEqual(['shipper']);
    expect(digestSidecars[0]!.message).toMatch(/not by digest/);
    const digestAll = await pinned('rules:\n  sidecar-image-pinned: { pin: digest, containers: all }\n');
    expect(digestAll.map((f) => f.container).sort()).toEqual(['app', 'shipper']);
    expect(digestAll.every((f) => f.severity === 'error' && /not by digest/.test(f.message))).toBe(true);
    // containers: all with the default pin: a tag is enough, so nothing here.
    expect(await pinned('rules:\n  sidecar-image-pinned: { containers: all }\n')).toEqual([]);
    // And a severity next to the options.
    const asWarning = await pinned('rules:\n  sidecar-image-pinned: { severity: warning, pin: digest }\n');
    expect(asWarning.map((f) => f.severity)).toEqual(['warning']);
  });

  test('containers: all checks the primary container too', async () => {
    const cwd = tree({ 'pod.yaml': POD.replace('app:1.0', 'app:latest'), '.podlint.yml': 'rules:\n  sidecar-image-pinned: { containers: all }\n' });
    expect(
      (await findings(cwd))
        .filter((f) => f.rule === 'sidecar-image-pinned')
        .map((f) => f.container)
        .sort(),
    ).toEqual(['app', 'shipper']);
    const without = tree({ 'pod.yaml': POD.replace('app:1.0', 'app:latest') });
    expect((await findings(without)).filter((f) => f.rule === 'sidecar-image-pinned').map((f) => f.container)).toEqual(['shipper']);
  });
});

describe('configuration errors', () => {
  test('an unknown top-level key, with a suggestion', () => {
    const cwd = tree({ '.podlint.yml': 'rulez:\n  sidecar-image-pinned: warning\n' });
    expect(configError(cwd)).toMatch(/\.podlint\.yml:1:1: rulez: unknown key "rulez" \(did you mean "rules"\?\)/);
  });

  test('an unknown key lower down names its line and column', () => {
    const cwd = tree({ '.podlint.yml': 'ignore: []\nrules:\n  sidecar-image-pinned: { pin: digest, contianers: all }\n' });
    const message = configError(cwd);
    expect(message).toMatch(/\.podlint\.yml:3:40: rules\.sidecar-image-pinned\.contianers: unknown key "contianers" \(did you mean "containers"\?\)/);
  });

  test('an unknown rule id, with a suggestion', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  unique-container-names: error\n  sidecar-image-pined: warning\n' });
    expect(configError(cwd)).toMatch(
      /\.podlint\.yml:3:3: rules\.sidecar-image-pined: unknown rule id "sidecar-image-pined" \(did you mean "sidecar-image-pinned"\?\)/,
    );
  });

  test('every mistake at once, in the order of the file: a schema error does not hide an unknown rule id', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  sidecar-image-pined: error\nignor: []\n' });
    const lines = configError(cwd).split('\n').filter((line) => line.includes('.podlint.yml:'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\.podlint\.yml:2:3: rules\.sidecar-image-pined: unknown rule id/);
    expect(lines[1]).toMatch(/\.podlint\.yml:3:1: ignor: unknown key "ignor" \(did you mean "ignore"\?\)/);
  });

  test('an unknown rule id far from any known one', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  totally-different: error\n' });
    const message = configError(cwd);
    expect(message).toMatch(/\.podlint\.yml:2:3: rules\.totally-different: unknown rule id "totally-different"/);
    expect(message).not.toMatch(/did you mean/);
  });

  test('a bad severity', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  multi-container-shared-volume: loud\n' });
    expect(configError(cwd)).toMatch(
      /\.podlint\.yml:2:34: rules\.multi-container-shared-volume: .*must be one of off, notice, warning, error, got the string "loud"/,
    );
  });

  test('a bad enum value of an option', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  sidecar-image-pinned: { pin: sha }\n' });
    const message = configError(cwd);
    expect(message).toMatch(/\.podlint\.yml:2:32: rules\.sidecar-image-pinned\.pin: `pin` must be one of tag, digest, got the string "sha"/);
    // Only that line: not also the other anyOf branch's "must be one of off, notice, …".
    expect(message.split('\n').filter((line) => line.includes('.podlint.yml:'))).toHaveLength(1);
  });

  test('a value of the wrong type', () => {
    const cwd = tree({ '.podlint.yml': 'ignore: charts/**\n' });
    expect(configError(cwd)).toMatch(/\.podlint\.yml:1:9: ignore: `ignore` must be a list, got the string "charts\/\*\*"/);
    const size = tree({ '.podlint.yml': 'max-file-size: big\n' });
    expect(configError(size)).toMatch(/\.podlint\.yml:1:16: max-file-size: `max-file-size` must be an integer, got the string "big"/);
  });

  test('a YAML syntax error', () => {
    const cwd = tree({ '.podlint.yml': 'rules:\n  sidecar-image-pinned: [warning\n' });
    expect(configError(cwd)).toMatch(/^\.podlint\.yml:\d+:\d+: \S/);
  });

  test('a missing --config file', () => {
    const cwd = tree({});
    const message = configError(cwd, 'conf/missing.yml');
    expect(message).toContain('conf/missing.yml');
    expect(message).toMatch(/no such file/);
  });

  test('every one is exit 2 from the CLI, with the place on stderr', async () => {
    const cwd = tree({ 'pod.yaml': POD, '.podlint.yml': 'rules:\n  sidecar-image-pined: warning\n' });
    const r = await run(['pod.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.podlint.yml:2:3: rules.sidecar-image-pined');
    const missing = await run(['--config', 'nope.yml', 'pod.yaml'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml');
  });
});
