// podlint's SARIF through Microsoft's SARIF Multitool (`validate`, with the SARIF spec rules and
// GitHub's code-scanning rules): no error and no warning, on a run with findings of every
// built-in rule kind, policies, a skipped file and an unreadable path. The Multitool's Linux
// build is fetched from the npm registry (scripts/registry-cache.mjs): it is 100 MB, and only
// Linux x64 machines run this suite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../src/lint.js';
import { ALL_RULES } from '../src/rules/index.js';
import { formatSarif, sarifCategory, toSarif } from '../src/report/sarif.js';
// @ts-expect-error: a plain .mjs script without types
import { registryPackage } from '../scripts/registry-cache.mjs';
import { loadConfig } from '../src/config.js';
import type { Report } from '../src/types.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-sarif-');
const EMPTY: Report = { findings: [], rules: [], skipped: [], problems: [], summary: { files: 0, documents: 0, resources: 0, pods: 0, errors: 0, warnings: 0, notices: 0, suppressed: 0 } };

const MULTITOOL = ['@microsoft/sarif-multitool-linux', '5.7.0'];

function multitool(): string {
  const fetched = registryPackage(...MULTITOOL) as { dir?: string; why?: string };
  if (!fetched.dir) throw new Error(`no SARIF Multitool: ${fetched.why}`);
  const bin = path.join(fetched.dir, 'Sarif.Multitool');
  fs.chmodSync(bin, 0o755); // npm tarballs do not keep the mode of a non-bin file
  return bin;
}

const BAD = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web }',
  'spec:',
  '  replicas: two',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      containers:',
  '        - { name: app, image: "shop/app:1.0", ports: [{ containerPort: 80 }], volumeMounts: [{ name: logs, mountPath: /l }] }',
  '        - { name: app, image: "fluent/fluent-bit:latest", ports: [{ containerPort: 80 }] }',
  '---',
  'apiVersion: extensions/v1beta1',
  'kind: DaemonSet',
  'metadata: { name: old }',
  'spec: { template: { spec: { containers: [{ name: a, image: "a:1" }] } } }',
  '---',
  'a: [',
].join('\n');

test('SARIF Multitool finds no error or warning (SARIF and GitHub rules)', async () => {
  const cwd = tree({
    'k8s/bad.yaml': BAD,
    'k8s/chart/templates/t.yaml': 'kind: {{ .Values.kind }}\n',
    '.podlint.yml': 'rules:\n  sidecar-probes: warning\n',
  });
  const report = await lint({ paths: ['k8s', 'missing'], cwd, policies: loadConfig({ cwd }).lintOptions.policies });
  expect(new Set(report.findings.map((f) => f.rule))).toEqual(
    new Set(['k8s-schema', 'unique-container-names', 'unique-container-ports', 'sidecar-image-pinned', 'shared-volume-declared', 'removed-api', 'yaml-syntax', 'sidecar-probes']),
  );
  expect(report.problems.length).toBeGreaterThan(0);
  const log = path.join(cwd, 'podlint.sarif');
  fs.writeFileSync(log, formatSarif(report, { category: sarifCategory(['k8s', 'missing']) }));
  const out = path.join(cwd, 'validation.sarif');
  const run = spawnSync(multitool(), ['validate', log, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note', '-o', out, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  expect(run.stdout).toContain('Analysis completed successfully');
  const results = (JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: { level?: string; ruleId: string; message: { text?: string } }[] }[] }).runs[0]!.results ?? [];
  const serious = results.filter((r) => r.level === 'error' || r.level === 'warning').map((r) => `${r.ruleId}: ${r.message.text}`);
  expect(serious).toEqual([]);
  // The notes podlint could act on: a help URI per rule (SARIF2012).
  expect(results.filter((r) => r.ruleId === 'SARIF2012')).toEqual([]);
  // The check would see an error: a result without locations breaks GitHub's rules.
  const broken = JSON.parse(fs.readFileSync(log, 'utf8'));
  delete broken.runs[0].results[0].locations;
  fs.writeFileSync(log, JSON.stringify(broken));
  spawnSync(multitool(), ['validate', log, '--rule-kind', 'Sarif;Gh', '-o', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
  const again = (JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: { level?: string }[] }[] }).runs[0]!.results ?? [];
  expect(again.some((r) => r.level === 'error')).toBe(true);
}, 120000);

test('every rule links to its section of the README', () => {
  const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
  const anchors = new Set<string>();
  for (const [, heading] of readme.matchAll(/^#+ (.*)$/gm)) anchors.add(heading!.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  for (const [, id] of readme.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(id!);
  const rules = toSarif({ ...EMPTY, rules: ALL_RULES }).runs[0]!.tool.driver.rules!;
  expect(rules.length).toBe(ALL_RULES.length);
  for (const rule of rules) {
    expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/podlint\/podlint\/blob\/v\d+\.\d+\.\d+\/README\.md#/);
    expect({ rule: rule.id, anchor: anchors.has(rule.helpUri!.split('#')[1]!) }).toEqual({ rule: rule.id, anchor: true });
  }
  expect(anchors.has('the-built-in-pack') && anchors.has('custom-policies')).toBe(true);
});

test('the category (automationDetails.id) tells runs over other paths or configs apart', () => {
  expect(sarifCategory(['.'])).toBe('podlint/./');
  expect(sarifCategory(['k8s/', 'deploy/**/*.yaml'])).toBe('podlint/k8s,deploy/**/*.yaml/');
  expect(sarifCategory(['k8s'], '.github/podlint-strict.yml')).toBe('podlint/k8s;config=.github/podlint-strict.yml/');
  expect(toSarif(EMPTY, { category: 'podlint/k8s/' }).runs[0]!.automationDetails).toEqual({ id: 'podlint/k8s/' });
});
