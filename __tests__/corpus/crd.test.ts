// Custom resources against real CustomResourceDefinitions: CRDs of the shared corpus (read from
// ../shared/corpus at run time, never copied into the project) beside custom resources written
// here, in other files than their CRD; schema folders in the CRDs-catalog layout made from them;
// kubeconform's own CRD fixtures; and the corpus' v1 CRDs against the apiextensions rules.
// (Schemas written out in the test: ../crd.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { checkText } from '../../src/check-text.js';
import { loadConfig } from '../../src/config.js';
import { lint } from '../../src/lint.js';
import type { Finding, Report } from '../../src/types.js';
import { treeMaker } from '../helpers/tree.js';

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

describe('real v1 CRDs', () => {
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

