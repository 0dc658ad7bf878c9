// Custom resources against their CustomResourceDefinitions: CRDs from the shared corpus (read
// from ../shared/corpus at run time, never copied into the project) beside custom resources
// written here, a CRD in another file than its resources, schema folders in the CRDs-catalog
// layout, kubeconform's own CRD fixtures, the apiextensions rules a v1 CRD must keep, and the
// summary's count of resources no schema covered.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { checkText } from '../src/check-text.js';
import { loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { formatSummary } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import type { Finding, Report } from '../src/types.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-crd-');
const corpus = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'real');
const fromCorpus = (rel: string) => fs.readFileSync(path.join(corpus, rel), 'utf8');

const SERVICE_MONITOR_CRD = fromCorpus('prometheus-operator__kube-prometheus/manifests/setup/0servicemonitorCustomResourceDefinition.yaml');
const APPLICATION_CRD = fromCorpus('argoproj__argo-cd/manifests/crds/application-crd.yaml');
const KUBECONFORM = 'yannh__kubeconform/fixtures';

async function lintTree(files: Record<string, string>, options: { config?: string } = {}): Promise<Report> {
  const cwd = tree(options.config ? { ...files, '.podlint.yml': options.config } : files);
  const config = loadConfig({ cwd });
  return lint({ ...config.lintOptions, paths: ['.'], cwd });
}

/** "file:line message" of the schema findings, for exact comparison. */
function schema(report: Report, file?: string): string[] {
  return report.findings.filter((f: Finding) => f.rule === 'k8s-schema' && (file === undefined || f.file === file)).map((f) => `${f.file}:${f.line} ${f.message}`);
}

function serviceMonitor(spec: string): string {
  return ['apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata:', '  name: web', '  labels: { team: shop }', 'spec:', spec, ''].join('\n');
}

const VALID_SPEC = [
  '  selector:',
  '    matchLabels: { app: web }',
  '  endpoints:',
  '    - port: http',
  '      interval: 30s',
  '      targetPort: 8080',
  '    - port: metrics',
  '      targetPort: metrics',
  '      honorLabels: true',
].join('\n');

describe('a custom resource against its CRD in another file of the scan', () => {
  test('valid: no finding, int-or-string takes a number and a name', async () => {
    const report = await lintTree({ 'crds/servicemonitor.yaml': SERVICE_MONITOR_CRD, 'app/monitor.yaml': serviceMonitor(VALID_SPEC) });
    expect(schema(report)).toEqual([]);
    expect(report.summary.unchecked).toBeUndefined();
  });

  test('a wrong type, at the value, in the words of the built-in kinds', async () => {
    const spec = VALID_SPEC.replace('honorLabels: true', 'honorLabels: "yes"').replace('interval: 30s', 'interval: [30s]');
    const report = await lintTree({ 'crds/servicemonitor.yaml': SERVICE_MONITOR_CRD, 'app/monitor.yaml': serviceMonitor(spec) });
    expect(schema(report)).toEqual([
      'app/monitor.yaml:11 `interval` must be a string, got a list',
      'app/monitor.yaml:15 `honorLabels` must be a boolean, got the string "yes"',
    ]);
    const honor = report.findings.find((f) => f.message.startsWith('`honorLabels`'))!;
    expect(honor).toMatchObject({ column: 20, endColumn: 25, resource: { kind: 'ServiceMonitor', name: 'web' } });
  });

  test('int-or-string refuses what is neither', async () => {
    const report = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': serviceMonitor(VALID_SPEC.replace('targetPort: 8080', 'targetPort: true')) });
    expect(schema(report)).toEqual(['monitor.yaml:12 `targetPort` must be an integer or a string, got the boolean true']);
  });

  test('an unknown field is reported where Kubernetes would drop it, with a suggestion', async () => {
    const spec = VALID_SPEC.replace('  endpoints:', '  endpoint:').concat('\n  jobLable: app');
    const report = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': serviceMonitor(spec) });
    expect(schema(report)).toEqual([
      // (endpoints is required by this CRD: the typo loses it)
      'monitor.yaml:6 `spec` is missing the required key "endpoints"',
      'monitor.yaml:9 unknown field "endpoint" in ServiceMonitor.spec; did you mean "endpoints"?',
      'monitor.yaml:16 unknown field "jobLable" in ServiceMonitor.spec; did you mean "jobLabel"?',
    ]);
    const typo = report.findings.find((f) => f.message.includes('"endpoint"'))!;
    expect(typo).toMatchObject({ line: 9, column: 3, endColumn: 11 });
  });

  test('metadata is an ObjectMeta whatever the CRD says: label values are strings, unknown keys are named', async () => {
    const text = serviceMonitor(VALID_SPEC).replace('  labels: { team: shop }', '  labels: { version: 1.0 }\n  annotation: {}');
    const report = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': text });
    expect(schema(report)).toEqual([
      'monitor.yaml:5 `version` must be a string, got the number 1',
      'monitor.yaml:6 unknown field "annotation" in ObjectMeta; did you mean "annotations"?',
    ]);
  });

  test('a missing required field, but never `status`, and not in a kustomize patch', async () => {
    const text = serviceMonitor('  selector: {}').replace('spec:\n  selector: {}\n', '');
    const report = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': text });
    expect(schema(report)).toEqual(['monitor.yaml:1 the resource is missing the required key "spec"']);
  });

  test('preserve-unknown-fields keeps any key there, and only there', async () => {
    const app = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata: { name: shop, namespace: argocd }',
      'spec:',
      '  project: default',
      '  destination: { server: https://kubernetes.default.svc, namespace: shop }',
      '  source:',
      '    repoURL: https://example.com/charts',
      '    chart: shop',
      '    targetRevision: 1.2.3',
      '    helm:',
      '      valuesObject:',
      '        anything: { goes: [here, 1, true] }',
      '      valuesObjekt: {}',
      '',
    ].join('\n');
    const report = await lintTree({ 'argocd/application-crd.yaml': APPLICATION_CRD, 'apps/shop.yaml': app });
    expect(schema(report)).toEqual(['apps/shop.yaml:14 unknown field "valuesObjekt" in Application.spec.source.helm; did you mean "valuesObject"?']);
  });

  test('a version the CRD beside it does not serve is refused; a CRD elsewhere only makes it unchecked', async () => {
    const cr = serviceMonitor(VALID_SPEC).replace('monitoring.coreos.com/v1', 'monitoring.coreos.com/v2');
    const same = await lintTree({ 'both.yaml': `${SERVICE_MONITOR_CRD}\n---\n${cr}` });
    expect(schema(same)).toEqual([
      `both.yaml:${SERVICE_MONITOR_CRD.split('\n').length + 2} the CustomResourceDefinition servicemonitors.monitoring.coreos.com (both.yaml) does not serve "v2": it serves v1`,
    ]);
    const apart = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': cr });
    expect(schema(apart)).toEqual([]);
    expect(apart.summary.unchecked).toEqual([
      { apiVersion: 'monitoring.coreos.com/v2', kind: 'ServiceMonitor', count: 1, reason: 'its CustomResourceDefinition in the scan (crds/sm.yaml) does not serve v2' },
    ]);
  });

  test('podlint-ignore comments and the ignore annotation silence findings against another file\'s CRD', async () => {
    const spec = VALID_SPEC.replace('honorLabels: true', 'honorLabels: "yes" # podlint-ignore k8s-schema').concat('\n  jobLable: app');
    const report = await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': serviceMonitor(spec) });
    expect(schema(report)).toEqual(['monitor.yaml:16 unknown field "jobLable" in ServiceMonitor.spec; did you mean "jobLabel"?']);
    expect(report.summary.suppressed).toBe(1);
    const annotated = serviceMonitor(spec).replace('  labels: { team: shop }', '  annotations: { podlint.io/ignore: k8s-schema }');
    expect(schema(await lintTree({ 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': annotated }))).toEqual([]);
  });

  test('k8s-schema strict: false leaves unknown fields alone; off checks nothing', async () => {
    const files = { 'crds/sm.yaml': SERVICE_MONITOR_CRD, 'monitor.yaml': serviceMonitor(`${VALID_SPEC}\n  jobLable: app`) };
    expect(schema(await lintTree(files, { config: 'rules: { k8s-schema: { strict: false } }\n' }))).toEqual([]);
    const off = await lintTree(files, { config: 'rules: { k8s-schema: off }\n' });
    expect(schema(off)).toEqual([]);
    expect(off.summary.unchecked).toBeUndefined();
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
      '5 `template` is missing the required key "apiVersion"',
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

  test('every v1 CRD of the shared corpus keeps the apiextensions rules (the API servers took them)', async () => {
    const files = [
      'prometheus-operator__kube-prometheus/manifests/setup/0prometheusCustomResourceDefinition.yaml',
      'prometheus-operator__kube-prometheus/manifests/setup/0alertmanagerCustomResourceDefinition.yaml',
      'argoproj__argo-cd/manifests/crds/application-crd.yaml',
      'argoproj__argo-cd/manifests/crds/applicationset-crd.yaml',
      'cert-manager__cert-manager/deploy/crds/cert-manager.io_certificates.yaml',
    ];
    for (const file of files) {
      const { findings } = await checkText(fromCorpus(file), { file });
      expect(findings).toEqual([]);
    }
  });
});

describe('schema folders in the CRDs-catalog layout', () => {
  const catalogSchema = () => {
    // A catalog file is a CRD version's openAPIV3Schema as JSON, as CRDs-catalog publishes it.
    const crd = (parse(SERVICE_MONITOR_CRD) as { spec: { versions: { schema: { openAPIV3Schema: unknown } }[] } });
    return JSON.stringify(crd.spec.versions[0]!.schema.openAPIV3Schema);
  };

  test('a custom resource without a CRD in the scan is checked against {group}/{kind}_{version}.json', async () => {
    const files = {
      'schemas/monitoring.coreos.com/servicemonitor_v1.json': catalogSchema(),
      'k8s/monitor.yaml': serviceMonitor(VALID_SPEC.replace('honorLabels: true', 'honorLabels: 1').replace('  endpoints:', '  endpoints:\n    - porrt: x')),
    };
    const report = await lintTree(files, { config: 'schema-folders: [schemas]\n' });
    expect(schema(report)).toEqual([
      'k8s/monitor.yaml:10 unknown field "porrt" in ServiceMonitor.spec.endpoints; did you mean "port"?',
      'k8s/monitor.yaml:16 `honorLabels` must be a boolean, got the number 1',
    ]);
    // The folder is not scanned as manifests.
    expect(report.summary.files).toBe(1);
    expect(report.summary.unchecked).toBeUndefined();
  });

  test("kubeconform's fixtures: a TrainingJob against its flat registry file and against its v1beta1 CRD", async () => {
    const job = fromCorpus(`${KUBECONFORM}/test_crd.yaml`);
    const registry = { 'registry/trainingjob-sagemaker-v1.json': fromCorpus(`${KUBECONFORM}/registry/trainingjob-sagemaker-v1.json`) };
    const viaFolder = await lintTree({ ...registry, 'test_crd.yaml': job }, { config: 'schema-folders: [registry]\n' });
    expect(schema(viaFolder)).toEqual([]);
    expect(viaFolder.summary.unchecked).toBeUndefined();
    const broken = job.replace('instanceCount: 1', 'instanceCount: one').replace('volumeSizeInGB: 5', 'volumeSizeInGb: 5');
    const brokenReport = await lintTree({ ...registry, 'test_crd.yaml': broken }, { config: 'schema-folders: [registry]\n' });
    expect(schema(brokenReport).map((s) => s.replace(/^test_crd\.yaml:\d+ /, ''))).toEqual([
      '`resourceConfig` is missing the required key "volumeSizeInGB"',
      '`instanceCount` must be an integer, got the string "one"',
      'unknown field "volumeSizeInGb" in TrainingJob.spec.resourceConfig; did you mean "volumeSizeInGB"?',
    ]);

    // Its CRD is apiextensions.k8s.io/v1beta1: removed since 1.22, but its schema still describes the
    // resource. v1beta1 keeps unknown fields unless preserveUnknownFields is false: types only.
    const withCrd = await lintTree({ 'crd_schema.yaml': fromCorpus(`${KUBECONFORM}/crd_schema.yaml`), 'test_crd.yaml': broken });
    expect(schema(withCrd, 'test_crd.yaml').map((s) => s.replace(/^test_crd\.yaml:\d+ /, ''))).toEqual([
      '`resourceConfig` is missing the required key "volumeSizeInGB"',
      '`instanceCount` must be an integer, got the string "one"',
    ]);
    expect(withCrd.findings.filter((f) => f.file === 'crd_schema.yaml').map((f) => f.rule)).toEqual(['removed-api']);

    // Without either, kubeconform fails "could not find schema"; podlint counts it as unchecked.
    const alone = await lintTree({ 'test_crd.yaml': job });
    expect(alone.findings).toEqual([]);
    expect(alone.summary.unchecked).toEqual([
      expect.objectContaining({ apiVersion: 'sagemaker.aws.amazon.com/v1', kind: 'TrainingJob', count: 1, reason: expect.stringContaining('no CustomResourceDefinition in the scan') }),
    ]);
  });

  test("kubeconform's grafana fixture: a Go duration (5m0s) passes, formats are not JSON Schema's", async () => {
    const report = await lintTree(
      {
        'schemas/grafana.integreatly.org/grafanaalertrulegroup_v1beta1.json': fromCorpus(`${KUBECONFORM}/grafanaalertrulegroup_v1beta1.json`),
        'alerts.yaml': fromCorpus(`${KUBECONFORM}/grafana-alert-rule-group-sample.yaml`),
      },
      { config: 'schema-folders: [schemas]\n' },
    );
    expect(schema(report)).toEqual([]);
    expect(report.summary.unchecked).toBeUndefined();
  });

  test('a manifest cannot make the lookup leave the folder', async () => {
    const text = 'apiVersion: ../../etc/v1\nkind: Passwd\nmetadata: { name: x }\n';
    const report = await lintTree({ 'schemas/x.json': '{}', 'a.yaml': text }, { config: 'schema-folders: [schemas]\n' });
    expect(report.findings).toEqual([]);
    expect(report.summary.unchecked).toHaveLength(1);
  });

  test('a schema folder outside the repository, or missing, is a configuration error', () => {
    const cwd = tree({ '.podlint.yml': 'schema-folders: [../elsewhere, nope]\n' });
    expect(() => loadConfig({ cwd })).toThrow(/schema-folders.*must be a folder inside the repository/s);
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
