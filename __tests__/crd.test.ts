// Custom resources against CustomResourceDefinitions written out here: in the same file and in
// another, schema folders, the apiextensions rules a v1 CRD must keep, and the summary's count of
// resources no schema covered. (Real CRDs of the shared corpus: corpus/crd.test.ts.)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { checkText } from '../src/check-text.js';
import { loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { CrdIndex } from '../src/crd/index-of-crds.js';
import type { CrdEntry } from '../src/crd/entries.js';
import { formatSummary } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import type { Finding, Report } from '../src/types.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-crd-');

async function lintTree(files: Record<string, string>, options: { config?: string } = {}): Promise<Report> {
  const cwd = tree(options.config ? { ...files, '.podlint.yml': options.config } : files);
  const config = loadConfig({ cwd });
  return lint({ ...config.lintOptions, paths: ['.'], cwd });
}

/** "file:line message" of the schema findings, for exact comparison. */
function schema(report: Report, file?: string): string[] {
  return report.findings.filter((f: Finding) => f.rule === 'k8s-schema' && (file === undefined || f.file === file)).map((f) => `${f.file}:${f.line} ${f.message}`);
}

/** A CRD of a small kind, Gadget, in the shape controller-gen writes. */
const GADGET_CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata: { name: gadgets.example.com }',
  'spec:',
  '  group: example.com',
  '  scope: Namespaced',
  '  names: { kind: Gadget, plural: gadgets }',
  '  versions:',
  '    - name: v1',
  '      served: true',
  '      storage: true',
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            spec:',
  '              type: object',
  '              properties:',
  '                replicas: { type: integer }',
  '                port: { x-kubernetes-int-or-string: true }',
  '                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }',
  '',
].join('\n');
/** Its schema as a CRDs-catalog file holds it. */
const GADGET_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: { replicas: { type: 'integer' }, port: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    },
  },
});

function gadget(spec: string, name = 'g'): string {
  return `apiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: ${name} }\nspec:\n${spec}\n`;
}

describe('a CRD in another file of the scan, written here', () => {
  test('valid and broken custom resources, wherever the CRD is', async () => {
    const report = await lintTree({
      'crds/gadget.yaml': GADGET_CRD,
      'apps/ok.yaml': gadget('  replicas: 2\n  port: http\n  extra: { any: [thing] }'),
      'apps/bad.yaml': gadget('  replicas: two\n  port: 80\n  replica: 1'),
    });
    expect(schema(report)).toEqual([
      'apps/bad.yaml:5 `replicas` must be an integer, got the string "two"',
      'apps/bad.yaml:7 unknown field "replica" in Gadget.spec; did you mean "replicas"?',
    ]);
    expect(report.summary.unchecked).toBeUndefined();
  });

  test('a custom resource whose CRD came earlier in the scan is checked at once; one before its CRD, at the end: the same findings', async () => {
    const bad = gadget('  replicas: two\n  port: 80\n  replica: 1');
    const expected = (file: string) => [
      `${file}:5 \`replicas\` must be an integer, got the string "two"`,
      `${file}:7 unknown field "replica" in Gadget.spec; did you mean "replicas"?`,
    ];
    expect(schema(await lintTree({ 'a/gadget-crd.yaml': GADGET_CRD, 'b/bad.yaml': bad }))).toEqual(expected('b/bad.yaml'));
    expect(schema(await lintTree({ 'b/gadget-crd.yaml': GADGET_CRD, 'a/bad.yaml': bad }))).toEqual(expected('a/bad.yaml'));
    // At once: checked against the earlier files' CRDs, nothing left for the end.
    const { crds } = await checkText(GADGET_CRD, { file: 'a/gadget-crd.yaml' });
    const early = await checkText(bad, { file: 'b/bad.yaml', defer: true, earlierCrds: new CrdIndex(crds) });
    expect(early.deferred).toEqual([]);
    expect(early.findings.map((f) => f.line)).toEqual([5, 7]);
    const late = await checkText(bad, { file: 'b/bad.yaml', defer: true });
    expect(late.deferred).toEqual([expect.objectContaining({ kind: 'Gadget', doc: 0, item: 0 })]);
    expect(late.findings).toEqual([]);
  });

  test('the first CRD in scan order speaks for a kind, whether its resource comes before or after it', async () => {
    const stringReplicas = GADGET_CRD.replace('replicas: { type: integer }', 'replicas: { type: string }');
    const resource = gadget('  replicas: 3');
    for (const at of ['a/g.yaml', 'c/g.yaml', 'e/g.yaml']) {
      const report = await lintTree({ 'b/int-crd.yaml': GADGET_CRD, 'd/string-crd.yaml': stringReplicas, [at]: resource });
      expect(schema(report)).toEqual([]); // b/'s CRD, where replicas is an integer
    }
  });

  test('in parallel worker threads as in one thread: the same findings (the bundle, over many files)', async () => {
    // Enough bytes for several threads (parallel.ts): the CRD and its resources end up apart.
    const files: Record<string, string> = { 'crds/gadget.yaml': GADGET_CRD };
    const filler = '# ' + 'x'.repeat(1024 * 1024) + '\n';
    for (let i = 0; i < 6; i++) files[`apps/g${i}.yaml`] = filler + gadget(i === 3 ? '  replicas: three' : '  replicas: 3', `g${i}`);
    const cwd = tree(files);
    const bundle = path.join(process.cwd(), 'dist', 'cli', 'index.js');
    // Three threads whatever the machine's cores (parallel.ts would use one on two cores).
    const env = { ...process.env, PODLINT_THREADS: '3' };
    const out = spawnSync(process.execPath, [bundle, '.', '--format', 'json'], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const viaBundle = JSON.parse(out.stdout) as Report;
    const inThread = await lint({ paths: ['.'], cwd });
    expect(schema(viaBundle)).toEqual(['apps/g3.yaml:6 `replicas` must be an integer, got the string "three"']);
    expect(viaBundle.findings).toEqual(inThread.findings);
  });

  test('copies of one CRD are kept once, and a CRD whose schema differs is another', () => {
    const entry = (file: string, schema: string): CrdEntry => ({ group: 'example.com', kind: 'Gadget', name: 'gadgets.example.com', file, preserveUnknownFields: false, versions: [{ name: 'v1', served: true, schema }] });
    const crds = new CrdIndex([]);
    const first = entry('a.yaml', '{"type":"object"}');
    crds.add(first);
    // An equal text that is another string, as a second file's copy is.
    expect(crds.find(entry('b.yaml', JSON.stringify({ type: 'object' })))).toBe(first);
    expect(crds.find(entry('c.yaml', '{"type":"array"}'))).toBeUndefined();
    expect(crds.find({ ...first, versions: [{ name: 'v1', served: false, schema: '{"type":"object"}' }] })).toBeUndefined();
    expect(crds.find({ ...first, kind: 'Widget' })).toBeUndefined();
  });

  test('an envsubst placeholder is unknown, not wrong', async () => {
    const report = await lintTree({ 'crds/gadget.yaml': GADGET_CRD, 'apps/t.yaml': gadget('  replicas: ${REPLICAS}\n  port: "${ PORT }"', '"${NAME}-g"') });
    expect(schema(report)).toEqual([]);
  });

  test('a schema folder covers what no CRD in the scan does', async () => {
    const report = await lintTree(
      { 'schemas/example.com/gadget_v1.json': GADGET_SCHEMA, 'apps/bad.yaml': gadget('  replicas: two\n  port: 80\n  replica: 1\n  extra: { free: 1 }') },
      { config: 'schema-folders: [schemas]\n' },
    );
    expect(schema(report)).toEqual([
      'apps/bad.yaml:5 `replicas` must be an integer, got the string "two"',
      'apps/bad.yaml:7 unknown field "replica" in Gadget.spec; did you mean "replicas"?',
    ]);
    expect(report.summary.files).toBe(1);
  });
});

describe('a CRD in the same file, written here', () => {
  const crd = (schemaYaml: string, extra = '') =>
    [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: { name: widgets.example.com }',
      'spec:',
      '  group: example.com',
      '  scope: Namespaced',
      '  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }',
      extra,
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      schemaYaml,
    ]
      .filter((l) => l !== '')
      .join('\n');
  const SCHEMA = [
    '          type: object',
    '          properties:',
    '            spec:',
    '              type: object',
    '              required: [size]',
    '              properties:',
    '                size: { type: integer, minimum: 1, maximum: 10 }',
    '                color: { type: string, enum: [red, blue], nullable: true }',
    '                port: { x-kubernetes-int-or-string: true }',
    '                settings: { type: object, x-kubernetes-preserve-unknown-fields: true }',
    '                labels: { type: object, additionalProperties: { type: string } }',
    '                template:',
    '                  type: object',
    '                  x-kubernetes-embedded-resource: true',
    '                  x-kubernetes-preserve-unknown-fields: true',
    '            status: { type: object, properties: { ready: { type: boolean } } }',
    '          required: [spec, status]',
  ].join('\n');

  async function widget(spec: string): Promise<string[]> {
    const text = `${crd(SCHEMA)}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n${spec}\n`;
    const { findings } = await checkText(text, { file: 'w.yaml' });
    const offset = crd(SCHEMA).split('\n').length + 5; // the line of `spec:`
    return findings.filter((f) => f.rule === 'k8s-schema').map((f) => `${f.line - offset} ${f.message}`);
  }

  test('valid shapes pass: int-or-string, a nullable enum, preserved and embedded objects, a map', async () => {
    expect(
      await widget(
        [
          '  size: 3',
          '  color: null',
          '  port: http',
          '  settings: { free: { form: [1] } }',
          '  labels: { a: b }',
          '  template: { apiVersion: v1, kind: ConfigMap, metadata: { name: c }, data: { k: v } }',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  test('bounds, enums, int-or-string, map values and embedded resources are checked', async () => {
    expect(
      await widget(['  size: 11', '  color: green', '  port: 1.5', '  labels: { a: 1 }', '  template: { metadata: { name: c } }', '  colour: red'].join('\n')),
    ).toEqual([
      '1 `size` must be <= 10',
      '2 `color` must be one of red, blue, got the string "green"',
      '3 `port` must be an integer or a string, got the number 1.5',
      '4 `a` must be a string, got the number 1',
      // (one message per place, as for the built-in kinds)
      '5 `template` is missing the required keys "apiVersion" and "kind"',
      '6 unknown field "colour" in Widget.spec; did you mean "color"?',
    ]);
  });

  test('a CRD whose schema cannot be used leaves its resources unchecked, and says why', async () => {
    const broken = SCHEMA.replace("color: { type: string, enum: [red, blue], nullable: true }", 'color: { type: string, pattern: "([a-z" }');
    const text = `${crd(broken)}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { size: 3, color: red }\n`;
    const result = await checkText(text, { file: 'w.yaml' });
    expect(result.findings.filter((f) => f.line > 30)).toEqual([]);
    expect(result.unchecked).toEqual([expect.objectContaining({ kind: 'Widget', count: 1, reason: expect.stringMatching(/^its schema could not be used/) })]);
  });

  test('custom resources with a pod template keep the pod rules', async () => {
    const rollout = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: { name: rollouts.argoproj.io }',
      'spec:',
      '  group: argoproj.io',
      '  scope: Namespaced',
      '  names: { kind: Rollout, plural: rollouts }',
      '  versions:',
      '    - name: v1alpha1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }',
      '---',
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Rollout',
      'metadata: { name: web }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - { name: web, image: "web:1.0" }',
      '        - { name: proxy, image: "envoy:latest" }',
      '',
    ].join('\n');
    const { findings, pods } = await checkText(rollout, { file: 'r.yaml' });
    expect(pods).toBe(1);
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['23 sidecar-image-pinned']);
  });

  test('a v1 CRD that breaks the apiextensions.k8s.io/v1 rules is a k8s-schema finding', async () => {
    const lines = (text: string) => checkText(text, { file: 'c.yaml' }).then((r) => r.findings.map((f) => `${f.line} ${f.rule} ${f.message}`).sort());
    // v1beta1 fields in a v1 CRD.
    const legacy = crd(SCHEMA, '  preserveUnknownFields: true\n  validation: { openAPIV3Schema: { type: object } }');
    expect(await lines(legacy)).toEqual([
      expect.stringMatching(/^8 k8s-schema `preserveUnknownFields: true` is not allowed in apiextensions\.k8s\.io\/v1/),
      '9 k8s-schema unknown field "validation" in CustomResourceDefinitionSpec',
    ]);
    // A field without a type: not structural.
    const untyped = crd(SCHEMA.replace('color: { type: string, enum: [red, blue], nullable: true }', 'color: { enum: [red, blue] }'));
    expect(await lines(untyped)).toEqual([
      '21 k8s-schema the schema is not structural: "color" has no `type` (apiextensions.k8s.io/v1 needs one for every field, or `x-kubernetes-int-or-string` / `x-kubernetes-preserve-unknown-fields`)',
    ]);
    // A type inside a junctor, a field only a junctor declares, metadata restricted beyond its name.
    const junctor = crd(
      SCHEMA.replace(
        "                labels: { type: object, additionalProperties: { type: string } }",
        '                labels: { type: object, additionalProperties: { type: string }, oneOf: [{ type: object }, { properties: { x: { type: string } } }] }',
      ).replace('          required: [spec, status]', '            metadata: { type: object, properties: { labels: { type: object } } }\n          required: [spec, status]'),
    );
    expect(await lines(junctor)).toEqual([
      '24 k8s-schema the schema is not structural: "x" is specified inside a junctor but not in the `properties` beside it',
      '24 k8s-schema the schema is not structural: `type` is not allowed inside allOf, anyOf, oneOf or not',
      '30 k8s-schema only `metadata.name` and `metadata.generateName` may be restricted in a CRD schema, not "labels"',
    ]);
    // A version without a schema.
    const bare = crd('').replace('      schema:\n        openAPIV3Schema:', '');
    expect(await lines(bare)).toEqual(['9 k8s-schema version "v1" has no schema: apiextensions.k8s.io/v1 requires `schema.openAPIV3Schema` for every version']);
  });

});

describe('blind spots', () => {
  test('the summary counts resources no schema covered, by kind and why, in text and JSON', async () => {
    const cert = (n: number) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: c${n} }\nspec: { secretName: s }\n`;
    const report = await lintTree({
      'certs.yaml': [1, 2, 3].map(cert).join('---\n'),
      'future.yaml': 'apiVersion: apps/v9\nkind: Deployment\nmetadata: { name: d }\n',
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [certs.yaml, future.yaml]\n',
    });
    expect(report.summary.unchecked).toEqual([
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', count: 3, reason: 'no CustomResourceDefinition in the scan (schema folders can add one: schema-folders in the config)' },
      { apiVersion: 'apps/v9', kind: 'Deployment', count: 1, reason: 'the bundled schemas (Kubernetes 1.36) do not know this apiVersion' },
    ]);
    const text = formatText(report, { color: false });
    expect(text).toContain('Not checked against a schema: 3 Certificate (cert-manager.io/v1): no CustomResourceDefinition in the scan');
    expect(text).toContain('1 Deployment (apps/v9): the bundled schemas (Kubernetes 1.36) do not know this apiVersion');
    const json = JSON.parse(JSON.stringify(report.summary));
    expect(json.unchecked).toHaveLength(2);
    const markdown = formatSummary(report, { headline: 'No problems found.' });
    expect(markdown).toContain('### Not checked against a schema\n\n| Kind | apiVersion | Resources | Why |\n|---|---|---|---|\n| Certificate | cert-manager.io/v1 | 3 | no CustomResourceDefinition');
  });

  test('a clean run that checked everything says nothing of blind spots', async () => {
    const report = await lintTree({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n' });
    expect(report.summary.unchecked).toBeUndefined();
    expect(formatText(report, { color: false })).not.toContain('Not checked');
    expect(formatSummary(report, { headline: 'x' })).not.toContain('Not checked');
  });
});
