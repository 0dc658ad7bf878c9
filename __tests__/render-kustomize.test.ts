// Kustomize roots rendered with the real kubectl (kustomize 5.5 and 5.7), findings placed on the
// base, patch or kustomization line they came from; `# expect:` comments in
// __tests__/fixtures/render/kustomize say where. Without the tool, the files are checked one by
// one as before and a notice says what was not rendered.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../src/lint.js';
import type { Report } from '../src/types.js';
import { expectedIn } from './helpers/expectations.js';
import { toolSets } from './helpers/k8s-tools.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CWD = path.join(HERE, 'fixtures', 'render', 'kustomize');

const keys = (report: Report) => report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort();

describe.each(toolSets())('kubectl kustomize of %s', (_name, tools) => {
  let report: Report;
  beforeAll(async () => {
    report = await lint({ paths: ['.'], cwd: CWD, render: { kustomize: tools.kubectl } });
  });

  test('every expected finding at its file and line, and no other', () => {
    expect(keys(report)).toEqual(expectedIn(CWD, CWD));
  });

  test('the patched-in sidecar is checked, the base app stays the primary container', () => {
    const proxy = report.findings.find((f) => f.file === 'shop/overlays/prod/proxy-sidecar.yaml')!;
    expect(proxy).toMatchObject({ rule: 'sidecar-image-pinned', container: 'proxy', line: 10, column: 18, source: { kind: 'kustomize', root: 'shop/overlays/prod' } });
    expect(proxy.approximate).toBeUndefined();
    // shop/app:latest is the app's own image: never a finding, though kustomize lists it last.
    expect(report.findings.some((f) => f.container === 'app' && f.rule === 'sidecar-image-pinned')).toBe(false);
  });

  test('an images: entry that sets a floating tag is the line to fix', () => {
    expect(report.findings.find((f) => f.file === 'shop/overlays/dev/kustomization.yaml')).toMatchObject({ line: 6, column: 13, container: 'logger' });
  });

  test('a base shared by two overlays gives one finding that names both', () => {
    const shared = report.findings.filter((f) => f.file === 'shop/base/deployment.yaml');
    expect(shared).toHaveLength(1);
    expect(shared[0]!.detail).toBe('rendered in shop/overlays/dev, shop/overlays/prod');
  });

  test('a root broken by its own content is a render finding with the reason, and its files are checked alone', () => {
    const broken = report.findings.find((f) => f.rule === 'render' && f.file === 'broken/kustomization.yaml')!;
    expect(broken.message).toMatch(/: broken\/missing-patch\.yaml does not exist \(kustomize: .*no such file/);
    expect(broken.message).not.toMatch(/podlint-kustomize-|\/work\/|\/tmp\//);
    expect(keys(report)).toContain('broken/deployment.yaml:10 unique-container-names');
  });

  test('roots that need the network, plugins or files outside their folder are notices naming the line, not findings', () => {
    expect(report.findings.filter((f) => f.rule === 'render').map((f) => f.file)).toEqual(['broken/kustomization.yaml']);
    expect(report.notices).toEqual([
      '1 kustomization not rendered: a remote base or resource, or helmCharts pulled from a chart repository, needs the network, and podlint renders offline: ' +
        'remote/kustomization.yaml:2 ("https://github.com/example/shop//deploy/base?ref=v1.2.0"); their files were checked one by one; vendor what they fetch to have them rendered',
      '1 kustomization not rendered: a KRM function or plugin would run, and podlint never enables them (no --enable-alpha-plugins or --enable-exec): ' +
        'plugin/kustomization.yaml:1; their files were checked one by one; their plugins are not run on a pull request',
      "1 kustomization not rendered: a file outside the kustomization's folder is read, which kustomize's load restrictor forbids: " +
        'restricted/overlay/kustomization.yaml:4 ("../common/pod.yaml"); their files were checked one by one; ' +
        'if your build passes --load-restrictor LoadRestrictionsNone, set render.kustomize-flags: [--load-restrictor, LoadRestrictionsNone] in .podlint.yml',
    ]);
  });

  test('with the load restrictor lifted in the config, the restricted root renders', async () => {
    const lifted = await lint({ paths: ['restricted'], cwd: CWD, render: { kustomize: tools.kubectl, kustomizeFlags: ['--load-restrictor', 'LoadRestrictionsNone'] } });
    expect(lifted.notices).toBeUndefined();
    expect(lifted.rendered?.map((r) => [r.root, r.resources])).toEqual([['restricted/overlay', 1]]);
    expect(lifted.findings).toEqual([]);
  });

  test('a working directory reached through a link gives the same findings and messages', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-linked-cwd-'));
    try {
      const link = path.join(dir, 'repo');
      fs.symlinkSync(CWD, link);
      const linked = await lint({ paths: ['.'], cwd: link, render: { kustomize: tools.kubectl } });
      const said = (r: Report) => r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`).sort();
      expect(said(linked)).toEqual(said(report));
      expect(linked.notices).toEqual(report.notices);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the report names each rendered root with the tool and its version', () => {
    const roots = (report.rendered ?? []).map((r) => [r.root, r.resources]);
    expect(roots).toEqual([
      ['broken', undefined],
      ['plugin', undefined],
      ['remote', undefined],
      ['restricted/overlay', undefined],
      ['shop/overlays/dev', 1],
      ['shop/overlays/prod', 1],
    ]);
    expect(report.rendered![0]!.tool).toMatch(/^kubectl v1\.3\d\.\d+ \(kustomize v5\.\d+\.\d+\)$/);
  });
});

test('without kustomize or kubectl on PATH: a notice, and every file checked on its own as before', async () => {
  const report = await lint({ paths: ['.'], cwd: CWD, render: { env: { PATH: '/nonexistent' } } });
  expect(report.notices).toEqual([expect.stringMatching(/^6 kustomizations not rendered: no kustomize or kubectl found/)]);
  expect(report.rendered).toBeUndefined();
  expect(report.findings.every((f) => f.source === undefined && f.rule !== 'render')).toBe(true);
  // The base alone: ports clash, and the unpinned proxy in the patch file is still seen.
  expect(keys(report)).toEqual(expect.arrayContaining(['shop/base/deployment.yaml:22 unique-container-ports', 'broken/deployment.yaml:10 unique-container-names']));
});

test('render: in the config picks the tool and its flags', async () => {
  const { loadConfig } = await import('../src/config.js');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-render-config-'));
  try {
    fs.writeFileSync(path.join(dir, '.podlint.yml'), 'render:\n  kustomize: off\n  helm: bin/helm\n  timeout: 5\n  kustomize-flags: [--load-restrictor, LoadRestrictionsNone]\n  charts:\n    deploy/web: { values: [ci/prod.yaml], set: { replicas: 2 } }\n');
    const { lintOptions } = loadConfig({ cwd: dir });
    expect(lintOptions.render).toEqual({
      kustomize: 'off',
      helm: path.join(dir, 'bin/helm'),
      timeoutMs: 5000,
      kustomizeFlags: ['--load-restrictor', 'LoadRestrictionsNone'],
      charts: { 'deploy/web': { values: [path.join(dir, 'ci/prod.yaml')], set: { replicas: 2 } } },
    });
    fs.writeFileSync(path.join(dir, '.podlint.yml'), 'render:\n  kustomise: off\n');
    expect(() => loadConfig({ cwd: dir })).toThrow(/\.podlint\.yml:2:3/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const report = await lint({ paths: ['shop'], cwd: CWD, render: { kustomize: 'off' } });
  expect(report.notices?.[0]).toMatch(/^2 kustomizations not rendered/);
});

test('kustomize flags that would run programs are refused in the config', async () => {
  const { loadConfig } = await import('../src/config.js');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-render-config-'));
  try {
    fs.writeFileSync(path.join(dir, '.podlint.yml'), 'render:\n  kustomize-flags: [--enable-alpha-plugins, --enable-exec]\n');
    expect(() => loadConfig({ cwd: dir })).toThrow(/\.podlint\.yml:2:21/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
