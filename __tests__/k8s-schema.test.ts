// k8s-schema beyond the fixture cases: the strict switch, patches, severity, the messages'
// words, and the generated registry and shapes staying what the generator writes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText } from '../src/check-text.js';
import { lint } from '../src/lint.js';
import { definitionLabel } from '../src/k8s-schema/validate.js';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: app
      image: nginx:1.27.2
      volumeMount: []
`;

const schemaFindings = async (text: string, options: Parameters<typeof checkText>[1] = { file: 'p.yaml' }) =>
  (await checkText(text, options)).findings.filter((f) => f.rule === 'k8s-schema');

test('unknown fields are reported by default, at the key, naming the nearest known one', async () => {
  const [f] = await schemaFindings(POD);
  expect(f).toMatchObject({ line: 8, column: 7, endLine: 8, endColumn: 18, severity: 'error' });
  expect(f!.message).toBe('unknown field "volumeMount" in Container; did you mean "volumeMounts"?');
});

test('strict: false turns the unknown-field check off, and type errors stay', async () => {
  const rules = { 'k8s-schema': { options: { strict: false } } };
  expect(await schemaFindings(POD, { file: 'p.yaml', rules })).toEqual([]);
  const typed = POD.replace('volumeMount: []', 'stdin: sometimes');
  expect((await schemaFindings(typed, { file: 'p.yaml', rules })).map((f) => f.message)).toEqual([
    '`stdin` must be a boolean, got the string "sometimes"',
  ]);
});

test('severity and off', async () => {
  expect((await schemaFindings(POD, { file: 'p.yaml', rules: { 'k8s-schema': { severity: 'warning' } } }))[0]!.severity).toBe('warning');
  expect(await schemaFindings(POD, { file: 'p.yaml', rules: { 'k8s-schema': { severity: 'off' } } })).toEqual([]);
});

test('on a patch, missing required fields are not reported but wrong types and typos are', async () => {
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: many\n  template:\n    spec:\n      containers:\n        - name: app\n          imagePullPolicy: Always\n          resourcez: {}\n';
  const whole = await schemaFindings(patch);
  expect(whole.map((f) => f.line)).toEqual([4, 5, 11]); // selector missing, replicas, resourcez
  const partial = await schemaFindings(patch, { file: 'p.yaml', partial: true });
  expect(partial.map((f) => f.line)).toEqual([5, 11]);
});

test('a file that a KRM function config later in the scan names is checked as a patch, alone or with its folder', async () => {
  // The config's own check says what it names (no second read of the folder), and what was
  // already checked whole is checked again as a patch.
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cases', 'kustomize', 'krm-function-after');
  const runs: [string[], number][] = [
    [[dir], 2],
    [[path.join(dir, 'sidecar.yaml')], 1],
    [[path.join(dir, 'sidecar.yaml'), path.join(dir, 'zz-app.yaml')], 2],
  ];
  for (const [paths, files] of runs) {
    const report = await lint({ paths, cwd: dir });
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(files);
  }
  // Without the config the same file is a whole object, and misses its selector.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-fn-'));
  fs.copyFileSync(path.join(dir, 'sidecar.yaml'), path.join(copy, 'sidecar.yaml'));
  expect((await lint({ paths: [copy], cwd: copy })).findings.map((f) => f.message)).toEqual(['`spec` is missing the required key "selector"']);
});

test('a strategic-merge $patch directive is no unknown field in a patch', async () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: app\n      $patch: delete\n';
  expect(await schemaFindings(text, { file: 'p.yaml', partial: true })).toEqual([]);
});

test('the podlint.io/ignore annotation silences it', async () => {
  const ignored = POD.replace('metadata: { name: p }', 'metadata: { name: p, annotations: { podlint.io/ignore: k8s-schema } }');
  expect(await schemaFindings(ignored)).toEqual([]);
});

test('definition labels people recognise', () => {
  expect(definitionLabel('IoK8sApiCoreV1Container')).toBe('Container');
  expect(definitionLabel('IoK8sApimachineryPkgApisMetaV1ObjectMeta')).toBe('ObjectMeta');
  expect(definitionLabel('IoK8sApiAutoscalingV2beta2HorizontalPodAutoscalerSpec')).toBe('HorizontalPodAutoscalerSpec');
});

test('the committed registry and shapes are what the generator writes', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-gen-'));
  execFileSync(process.execPath, ['scripts/gen-k8s-schema.mjs', out], { stdio: 'pipe' });
  for (const name of ['registry.generated.ts', 'shapes.generated.json']) {
    expect(fs.readFileSync(path.join(out, name), 'utf8')).toBe(fs.readFileSync(path.join('src', 'k8s-schema', name), 'utf8'));
  }
});

test('a required-key finding names every key missing from the object at once', async () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec: { replicas: 1 }\n';
  expect((await schemaFindings(text)).map((f) => f.message)).toEqual(['`spec` is missing the required keys "selector" and "template"']);
  const three = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: b }\nsubjects: [{}]\n';
  expect((await schemaFindings(three)).map((f) => f.message)).toEqual([
    'the resource is missing the required key "roleRef"',
    '`subjects[0]` is missing the required keys "kind" and "name"',
  ]);
});

test('a placeholder value gets no type, enum or format verdict; the rest of the object is still checked', async () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: p }',
    'spec:',
    '  activeDeadlineSeconds: ${DEADLINE}',
    '  restartPolicy: ${POLICY:-Never}',
    '  containers:',
    '    - name: app',
    '      image: app:1.0',
    '      resources: { limits: { cpu: "${CPU}" } }',
    '      stdin: sometimes',
    '',
  ].join('\n');
  expect((await schemaFindings(text)).map((f) => `${f.line} ${f.message}`)).toEqual(['11 `stdin` must be a boolean, got the string "sometimes"']);
});

test('a half object: kind without apiVersion names the apiVersion to add; the reverse is found too', async () => {
  const kindOnly = (await schemaFindings('kind: Deployment\nmetadata: { name: d }\n'))[0]!;
  expect(kindOnly).toMatchObject({ line: 1, column: 1, endColumn: 5 });
  expect(kindOnly.message).toBe('the object has kind "Deployment" but no apiVersion, so Kubernetes cannot read it; add `apiVersion: apps/v1`');
  const versionOnly = (await schemaFindings('apiVersion: v1\nmetadata: { name: c }\ndata: {}\n'))[0]!;
  expect(versionOnly.message).toBe('the object has apiVersion "v1" but no kind, so Kubernetes cannot read it');
  expect(await schemaFindings('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n')).toEqual([]);
});

test('a base listed by an overlay whose labels include selectors needs no selector of its own', async () => {
  const { lint } = await import('../src/lint.js');
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-selectors-')));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers: [{ name: web, image: "web:1.0" }]\n';
  write('base/kustomization.yaml', 'resources: [deployment.yaml]\n');
  write('base/deployment.yaml', deployment);
  write('other/deployment.yaml', deployment);
  write('overlay/kustomization.yaml', 'resources: [../base]\nlabels:\n  - pairs: { part-of: shop }\n    includeSelectors: true\n');
  try {
    const report = await lint({ paths: ['.'], cwd: root, render: { kustomize: 'off', helm: 'off' } });
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual(['other/deployment.yaml:4 `spec` is missing the required key "selector"']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
