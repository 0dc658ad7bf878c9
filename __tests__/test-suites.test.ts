// Test assertion files are not manifests: what the fixture cases under test-suites/ cannot say
// (a skipped document beside a checked one, the config's globs, references across folders).
import { loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { findAssertionKey } from '../src/manifest/assertion-document.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-test-suites-');

/** Two containers, the sidecar on latest: one sidecar-image-pinned finding when checked. */
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: { name: web }',
  'spec:',
  '  containers:',
  '    - { name: app, image: "app:1.0" }',
  '    - { name: shipper, image: "fluentd:latest" }',
  '',
].join('\n');

/** A Deployment assertion tree with a JMESPath key on line 7. */
const ASSERTION = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: web }',
  'spec:',
  '  template:',
  '    spec:',
  '      ~.(containers):',
  '        image: app:1.0',
  '',
].join('\n');

const rules = (report: Awaited<ReturnType<typeof lint>>) => report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

describe('a document with JMESPath-style keys', () => {
  test('is skipped with its file and the key\'s line; the other documents of the file are still checked', async () => {
    const cwd = tree({ 'mixed.yaml': `${ASSERTION}---\n${POD}` });
    const report = await lint({ paths: ['.'], cwd });
    expect(report.skipped).toEqual([{ file: 'mixed.yaml', line: 7, reason: expect.stringContaining('"~.(containers)" is a JMESPath expression') }]);
    expect(rules(report)).toEqual(['mixed.yaml:16 sidecar-image-pinned']);
  });

  test('the keys that count: expressions, iterations and bindings, never plain field names', () => {
    for (const key of ['(spec)', '(length(items))', '~.(containers)', '~index.(containers)', '(spec)->specBinding', "(containers[?name == 'a'])"]) {
      expect(findAssertionKey({ spec: { [key]: 1 } })).toEqual(['spec', key]);
    }
    for (const key of ['spec', 'app.kubernetes.io/name', 'a(b)', 'x->y', '$patch', '']) {
      expect(findAssertionKey({ metadata: { labels: { [key]: 'v' } } })).toBeUndefined();
    }
    expect(findAssertionKey({ items: [{}, { '(x)': 1 }] })).toEqual(['items', 1, '(x)']);
  });
});

describe('chainsaw tests', () => {
  test('a file named under assert in another folder is skipped; a file both applied and asserted is checked', async () => {
    const cwd = tree({
      'e2e/common/ready.yaml': POD,
      'e2e/case/pod.yaml': POD,
      'e2e/case/chainsaw-test.yaml': [
        'apiVersion: chainsaw.kyverno.io/v1alpha1',
        'kind: Test',
        'metadata: { name: case }',
        'spec:',
        '  steps:',
        '    - try:',
        '        - apply: { file: pod.yaml }',
        '        - assert: { file: pod.yaml }',
        '        - assert: { file: ../common/ready.yaml }',
        '',
      ].join('\n'),
    });
    const report = await lint({ paths: ['.'], cwd });
    expect(report.skipped).toEqual([{ file: 'e2e/common/ready.yaml', reason: expect.stringContaining('e2e/case/chainsaw-test.yaml') }]);
    expect(rules(report)).toEqual(['e2e/case/pod.yaml:7 sidecar-image-pinned']);
  });

  test('naming conventions count only beside a chainsaw test', async () => {
    const cwd = tree({ 'a/pod-assert.yaml': POD, 'a/chainsaw-test.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\n', 'b/pod-assert.yaml': POD });
    const report = await lint({ paths: ['.'], cwd });
    expect(report.skipped.map((s) => s.file)).toEqual(['a/pod-assert.yaml']);
    expect(rules(report)).toEqual(['b/pod-assert.yaml:7 sidecar-image-pinned']);
  });
});

describe('the config\'s test-assertions globs', () => {
  test('skip the files they match, relative to the config file, with the reason', async () => {
    const cwd = tree({
      'ops/.podlint.yml': 'test-assertions: ["../e2e/**/expected-*.yaml"]\n',
      'e2e/t1/expected-web.yaml': POD,
      'e2e/t1/web.yaml': POD,
    });
    const config = loadConfig({ cwd, file: 'ops/.podlint.yml' });
    expect(config.lintOptions.testAssertions).toEqual(['e2e/**/expected-*.yaml']);
    const report = await lint({ ...config.lintOptions, paths: ['e2e'], cwd });
    expect(report.skipped).toEqual([{ file: 'e2e/t1/expected-web.yaml', reason: expect.stringContaining('test-assertions') }]);
    expect(rules(report)).toEqual(['e2e/t1/web.yaml:7 sidecar-image-pinned']);
  });

  test('must be a list of globs', () => {
    const cwd = tree({ '.podlint.yml': 'test-assertions: "e2e/**"\n' });
    expect(() => loadConfig({ cwd })).toThrow(/\.podlint\.yml:1:\d+: .*test-assertions/);
  });
});
