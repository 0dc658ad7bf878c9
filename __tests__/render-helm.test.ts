// Helm charts rendered with the real helm 3.17 and 4.1, findings placed on the template line
// (aligned with the rendered document) and values.yaml lines as related locations; `# expect:`
// comments in __tests__/fixtures/render/helm say where.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../src/lint.js';
import type { Report } from '../src/types.js';
import { expectedIn } from './helpers/expectations.js';
import { toolSets } from './helpers/k8s-tools.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CWD = path.join(HERE, 'fixtures', 'render', 'helm');

const keys = (report: Report) => report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort();

describe.each(toolSets())('helm template of %s', (_name, tools) => {
  let report: Report;
  beforeAll(async () => {
    report = await lint({ paths: ['.'], cwd: CWD, render: { helm: tools.helm, kustomize: 'off' } });
  });

  test('every expected finding at its template line, and no other', () => {
    expect(keys(report)).toEqual(expectedIn(CWD, CWD));
  });

  test('the value is spanned in the template, and values.yaml lines that set it are related', () => {
    const pinned = report.findings.find((f) => f.rule === 'sidecar-image-pinned')!;
    expect(pinned).toMatchObject({ file: 'web/templates/deployment.yaml', line: 32, column: 18, source: { kind: 'helm', root: 'web' } });
    expect(pinned.approximate).toBeUndefined();
    expect(pinned.related).toEqual([
      expect.objectContaining({ file: 'web/values.yaml', line: 6, message: 'sidecar.image is set here' }),
      expect.objectContaining({ file: 'web/values.yaml', line: 7, column: 8, message: 'sidecar.tag is set here' }),
    ]);
    const names = report.findings.find((f) => f.rule === 'unique-container-names')!;
    expect(names.message).toContain('at line 20');
    expect(names.related).toEqual([expect.objectContaining({ file: 'web/values.yaml', line: 5 })]);
  });

  test('a required value is a render finding where helm says; a dependency not vendored is a notice naming it', () => {
    const required = report.findings.find((f) => f.rule === 'render' && f.file === 'required/templates/secret.yaml')!;
    expect(required).toMatchObject({ line: 6, column: 10 });
    expect(required.message).toContain('Please provide the issuer certificate');
    expect(required.message).toContain('name them under render.charts in .podlint.yml');
    expect(required.message).not.toMatch(/podlint-helm-|\/tmp\//);
    expect(report.findings.filter((f) => f.file === 'needs-dep/Chart.yaml')).toEqual([]);
    expect(report.notices).toEqual([
      '1 Helm chart not rendered: a dependency is not vendored in charts/ (helm dependency build fetches it, with the network): ' +
        'needs-dep/Chart.yaml:5 ("redis" from "https://charts.bitnami.com/bitnami"); their templates were skipped; vendor them to have the charts rendered',
    ]);
    expect(report.skipped.map((s) => s.file)).toEqual(['needs-dep/templates/cm.yaml', 'required/templates/secret.yaml']);
  });

  test('the report names the rendered charts with helm and its version', () => {
    const web = report.rendered!.find((r) => r.root === 'web')!;
    expect(web).toMatchObject({ kind: 'helm', resources: 2 });
    expect(web.tool).toMatch(_name === 'v32' ? /^helm v3\.17\./ : /^helm v4\.1\./);
  });
});

test('values files and --set from the render settings replace the defaults', async () => {
  const tools = toolSets()[0]![1];
  const report = await lint({
    paths: ['web'],
    cwd: CWD,
    render: { helm: tools.helm, kustomize: 'off', charts: { web: { set: { 'sidecar.name': 'shipper', 'sidecar.tag': '3.1.9' } } } },
  });
  expect(report.findings).toEqual([]);
});

test('without helm on PATH: a notice, and the templates are skipped as before', async () => {
  const report = await lint({ paths: ['.'], cwd: CWD, render: { env: { PATH: '/nonexistent' } } });
  expect(report.notices).toEqual([expect.stringMatching(/^3 Helm charts not rendered: no helm found/)]);
  expect(report.findings.filter((f) => f.rule === 'render' || f.source)).toEqual([]);
  expect(report.skipped.map((s) => s.file)).toEqual(expect.arrayContaining(['web/templates/deployment.yaml', 'web/templates/service.yaml']));
});

describe('piped helm template output', () => {
  test('# Source: comments map findings to the template files, run in the chart or above it', async () => {
    const { execFileSync } = await import('node:child_process');
    const helm = toolSets()[1]![1].helm;
    const rendered = execFileSync(helm, ['template', 'web', path.join(CWD, 'web')], { encoding: 'utf8' });
    const above = await lint({ paths: ['-'], cwd: CWD, stdin: { text: rendered } });
    expect(above.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['web/templates/deployment.yaml:31 unique-container-names', 'web/templates/deployment.yaml:32 sidecar-image-pinned']);
    expect(above.findings[1]!.related).toEqual([expect.objectContaining({ file: 'web/values.yaml', line: 6 }), expect.objectContaining({ file: 'web/values.yaml', line: 7 })]);
    const inside = await lint({ paths: ['-'], cwd: path.join(CWD, 'web'), stdin: { text: rendered } });
    expect(inside.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['templates/deployment.yaml:31', 'templates/deployment.yaml:32']);
    // Where no template is found, findings stay at standard input's lines.
    const elsewhere = await lint({ paths: ['-'], cwd: path.join(CWD, 'required'), stdin: { text: rendered, name: 'out.yaml' } });
    expect(elsewhere.findings.map((f) => f.file)).toEqual(['out.yaml', 'out.yaml']);
  });
});

test('SARIF carries source and approximate as properties, values.yaml as relatedLocations', async () => {
  const { toSarif } = await import('../src/report/sarif.js');
  const report = await lint({ paths: ['web'], cwd: CWD, render: { helm: toolSets()[0]![1].helm, kustomize: 'off' } });
  const result = toSarif(report).runs[0]!.results!.find((r) => r.ruleId === 'sidecar-image-pinned')!;
  expect(result.properties).toEqual({ source: { kind: 'helm', root: 'web' } });
  expect(result.relatedLocations!.map((l) => l.physicalLocation!.region!.startLine)).toEqual([6, 7]);
});
