// Alias expansion is bounded by nodes and by bytes, `<<` merge sources counted like aliases, in
// every YAML podlint reads: manifests, kustomizations, the config and policies. Each bomb shape
// is one `yaml-syntax` finding (or a config error), and values that reach the output are capped.
import { checkText } from '../src/check-text.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { BOMBS } from './helpers/bombs.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-bombs-');
const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\n';

describe.each(Object.entries(BOMBS))('%s', (_, bomb) => {
  test('a manifest: one yaml-syntax finding, at once and in little memory', async () => {
    const before = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const { findings } = await checkText(HEADER + bomb, { file: 'bomb.yaml' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringMatching(/^aliases expand to more than/) })]);
    // Generous bounds (a shared machine): an unbounded expansion takes minutes and gigabytes.
    expect(seconds).toBeLessThan(5);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test('a config file: a configuration error', () => {
    const cwd = tree({ '.podlint.yml': bomb });
    expect(() => loadConfig({ cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ cwd })).toThrow(/aliases expand to more than/);
  });

  test('a policy file: a configuration error', () => {
    const cwd = tree({ '.podlint.yml': 'policies: [p.yaml]\n', 'p.yaml': bomb });
    expect(() => loadConfig({ cwd })).toThrow(/p\.yaml:\d+:\d+: aliases expand to more than/);
  });

  test('a kustomization: names no patches, stops nothing', async () => {
    const cwd = tree({ 'kustomization.yaml': bomb, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: a, image: "a:1" }, { name: a, image: "b:1" }] }\n' });
    const report = await lint({ paths: ['.'], cwd });
    const findings = report.findings.map((f) => `${f.file} ${f.rule}`);
    expect(findings).toEqual(expect.arrayContaining(['kustomization.yaml yaml-syntax', 'pod.yaml unique-container-names']));
    expect(report.problems).toEqual([]);
  });
});

test('many aliases of a small node within the bounds are read as before', async () => {
  const text = `${HEADER}data:\n  base: &b "v"\n${Array.from({ length: 500 }, (_, i) => `  k${i}: *b\n`).join('')}`;
  expect((await checkText(text, { file: 'ok.yaml' })).findings).toEqual([]);
});

test('a huge container name is cut in the finding (JSON and SARIF stay small)', async () => {
  const name = 'n'.repeat(1_000_000);
  const text = `apiVersion: v1\nkind: Pod\nmetadata: { name: "${name}" }\nspec:\n  containers:\n    - { name: "${name}", image: "a:1" }\n    - { name: "${name}", image: "b:1" }\n`;
  const { findings } = await checkText(text, { file: 'big.yaml' });
  const finding = findings.find((f) => f.rule === 'unique-container-names')!;
  expect(finding.container!.length).toBeLessThanOrEqual(254);
  expect(finding.resource!.name!.length).toBeLessThanOrEqual(254);
  expect(JSON.stringify(findings).length).toBeLessThan(20_000);
});

test('a long anchor name is cut and escaped in the message', async () => {
  const anchor = `x${'y'.repeat(500)}`;
  const { findings } = await checkText(`${HEADER}data: { a: *${anchor} }\n`, { file: 'a.yaml' });
  expect(findings).toHaveLength(1);
  expect(findings[0]!.message.length).toBeLessThan(200);
});
