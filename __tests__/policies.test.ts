// Custom policies end to end: loading (and refusing broken ones with file:line), every target,
// kinds, drafts, where findings point, the config's say over them, and RE2 patterns.
import { runCli } from '../src/cli.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { toSarif } from '../src/report/sarif.js';
import type { Finding } from '../src/types.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-policy-');

async function findings(cwd: string): Promise<Finding[]> {
  const config = loadConfig({ cwd });
  const report = await lint({ ...config.lintOptions, paths: ['.'], cwd });
  expect(report.problems).toEqual([]);
  return report.findings;
}

const at = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.line} ${f.rule}`);

function configError(cwd: string): string {
  try {
    loadConfig({ cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig did not throw');
}

const CONFIG = '.podlint.yml';
const USE_POLICIES = 'policies: [policies]\nrules:\n  multi-container-shared-volume: off\n';

// Line numbers below are what the tests expect findings at.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    spec:
      initContainers:
        - name: migrate
          image: migrate:1.0
        - name: proxy
          image: envoy:1.30
          restartPolicy: Always
      containers:
        - name: app
          image: app:1.0
          resources: { limits: { memory: 1Gi } }
        - name: shipper
          image: fluent-bit:3.1
          resources:
            limits: { cpu: 500m }
      volumes:
        - name: data
          hostPath: { path: /var/data }
`;

const policy = (body: string) => `${body.trim()}\n`;

describe('targets', () => {
  test('container: each entry of containers, at the deepest value named', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/mem.yaml': policy(`
id: container-memory-limit
severity: warning
message: Containers must set a memory limit
target: container
schema:
  type: object
  required: [resources]
  properties:
    resources:
      type: object
      properties:
        limits: { type: object, required: [memory] }
`),
      'web.yaml': DEPLOYMENT,
    });
    const found = await findings(cwd);
    // shipper's limits (line 21) lack memory; app has it; init containers are not `container`.
    expect(at(found)).toEqual(['web.yaml:21 container-memory-limit']);
    expect(found[0]).toMatchObject({ severity: 'warning', message: 'Containers must set a memory limit', container: 'shipper' });
    expect(found[0]!.detail).toMatch(/`limits` is missing the required key "memory"/);
  });

  test('sidecar: native sidecars and every container but the primary; required points at the target', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/probe.yaml': policy(`
id: sidecar-readiness
severity: error
message: Sidecars need a readiness probe
target: sidecar
schema: { required: [readinessProbe] }
`),
      'web.yaml': DEPLOYMENT,
    });
    // proxy (native sidecar, line 11) and shipper (line 18); not app, not migrate.
    expect(at(await findings(cwd))).toEqual(['web.yaml:11 sidecar-readiness', 'web.yaml:18 sidecar-readiness']);
  });

  test('init-container: every init container, native sidecars included', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/init.json': JSON.stringify({
        id: 'init-pinned-tag',
        severity: 'notice',
        message: 'Init containers run the migration image',
        target: 'init-container',
        schema: { properties: { image: { pattern: '^migrate:' } } },
      }),
      'web.yaml': DEPLOYMENT,
    });
    expect(at(await findings(cwd))).toEqual(['web.yaml:12 init-pinned-tag']);
  });

  test('pod and volume', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/pod.yaml': policy(`
id: pod-service-account
severity: warning
message: Pods name their service account
target: pod
schema: { required: [serviceAccountName] }
---
id: no-host-path
severity: error
message: No hostPath volumes
target: volume
schema: { not: { required: [hostPath] } }
`),
      'web.yaml': DEPLOYMENT,
    });
    // The pod spec at its `spec:` key (line 7); the hostPath volume at line 23.
    expect(at(await findings(cwd))).toEqual(['web.yaml:7 pod-service-account', 'web.yaml:23 no-host-path']);
  });

  test('resource applies to every kind, and kinds filters', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/labels.yaml': policy(`
id: team-label
severity: warning
message: Every resource has a team label
target: resource
schema:
  properties:
    metadata: { required: [labels], properties: { labels: { required: [team] } } }
---
id: configmap-immutable
severity: notice
message: ConfigMaps are immutable
target: resource
kinds: [ConfigMap]
schema: { required: [immutable] }
`),
      'web.yaml': DEPLOYMENT,
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: { team: a }\ndata: {}\n',
    });
    expect(at(await findings(cwd))).toEqual(['cm.yaml:1 configmap-immutable', 'web.yaml:3 team-label']);
  });
});

describe('drafts', () => {
  test.each([
    ['draft-07', 'http://json-schema.org/draft-07/schema#', '{ definitions: { s: { type: string } }, properties: { name: { $ref: "#/definitions/s", maxLength: 4 } } }'],
    ['2019-09', 'https://json-schema.org/draft/2019-09/schema', '{ $defs: { s: { type: string } }, properties: { name: { $ref: "#/$defs/s", maxLength: 4 } } }'],
    ['2020-12', 'https://json-schema.org/draft/2020-12/schema', '{ properties: { name: { type: string, maxLength: 4 } } }'],
  ])('%s', async (_, draft, schema) => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': `id: short-names\nseverity: error\nmessage: short names\ntarget: container\nschema: { $schema: "${draft}", ${schema.slice(1)}\n`,
      'web.yaml': DEPLOYMENT,
    });
    expect(at(await findings(cwd))).toEqual(['web.yaml:18 short-names']);
  });
});

describe('what the config decides', () => {
  const files = {
    'policies/p.yaml': 'id: sidecar-readiness\nseverity: error\nmessage: m\ntarget: sidecar\nschema: { required: [readinessProbe] }\n',
    'web.yaml': DEPLOYMENT,
  };

  test('a severity overrides the policy\'s own, and off turns it off', async () => {
    let cwd = tree({ ...files, [CONFIG]: `${USE_POLICIES}  sidecar-readiness: notice\n` });
    expect((await findings(cwd)).map((f) => f.severity)).toEqual(['notice', 'notice']);
    cwd = tree({ ...files, [CONFIG]: `${USE_POLICIES}  sidecar-readiness: off\n` });
    expect(await findings(cwd)).toEqual([]);
  });

  test('podlint.io/ignore silences a policy by its id', async () => {
    const ignored = DEPLOYMENT.replace('metadata: { name: web }', 'metadata: { name: web, annotations: { podlint.io/ignore: "sidecar-readiness" } }');
    const cwd = tree({ ...files, 'web.yaml': ignored, [CONFIG]: USE_POLICIES });
    expect(await findings(cwd)).toEqual([]);
  });

  test('policy files are not scanned as manifests', async () => {
    const cwd = tree({ ...files, [CONFIG]: USE_POLICIES });
    const config = loadConfig({ cwd });
    const report = await lint({ ...config.lintOptions, paths: ['.'], cwd });
    expect(report.summary.files).toBe(1);
  });

  test('on a kustomize patch, missing keys are left to the base but wrong values still count', async () => {
    const patch = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  initContainers:\n    - name: proxy\n      restartPolicy: Always\n      image: 42\n';
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': 'id: sidecar-shape\nseverity: error\nmessage: m\ntarget: sidecar\nschema: { required: [readinessProbe], properties: { image: { type: string } } }\n',
      'overlay/kustomization.yaml': 'patches:\n  - path: pod-patch.yaml\n',
      'overlay/pod-patch.yaml': patch,
      'whole/pod.yaml': patch,
    });
    const found = (await findings(cwd)).filter((f) => f.rule === 'sidecar-shape');
    expect(found.map((f) => `${f.file}:${f.line} ${f.detail}`)).toEqual([
      'overlay/pod-patch.yaml:8 `image` must be a string, got the number 42',
      // The whole object reports the deepest error too (the image), one finding per target.
      'whole/pod.yaml:8 `image` must be a string, got the number 42',
    ]);
  });

  test('SARIF describes the policies that ran', async () => {
    const cwd = tree({ ...files, [CONFIG]: USE_POLICIES });
    const config = loadConfig({ cwd });
    const report = await lint({ ...config.lintOptions, paths: ['.'], cwd });
    const sarif = toSarif(report);
    const rule = sarif.runs[0]!.tool.driver.rules!.find((r) => r.id === 'sidecar-readiness');
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'error' }, fullDescription: { text: 'm' } });
    const result = sarif.runs[0]!.results!.find((r) => r.ruleId === 'sidecar-readiness')!;
    expect(sarif.runs[0]!.tool.driver.rules![result.ruleIndex!]!.id).toBe('sidecar-readiness');
  });
});

describe('regular expressions run in linear time', () => {
  test('^(a+)+$ against a long crafted name does not hang', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': 'id: aaa\nseverity: error\nmessage: m\ntarget: container\nschema: { properties: { name: { pattern: "^(a+)+$" } } }\n',
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: ${'a'.repeat(100_000)}b\n      image: x:1\n`,
    });
    const started = Date.now();
    expect(at(await findings(cwd))).toEqual(['pod.yaml:6 aaa']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('two patterns in one draft are each enforced (compiled patterns do not collide)', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': [
        'id: names-lowercase\nseverity: error\nmessage: m\ntarget: container\nschema: { properties: { name: { pattern: "^[a-z]+$" } } }',
        'id: images-tagged\nseverity: error\nmessage: m\ntarget: container\nschema: { properties: { image: { pattern: ":[0-9]" } } }',
      ].join('\n---\n'),
      'web.yaml': DEPLOYMENT.replace('image: fluent-bit:3.1', 'image: fluent-bit:latest'),
    });
    expect(at(await findings(cwd))).toEqual(['web.yaml:19 images-tagged', 'web.yaml:19 sidecar-image-pinned']);
  });

  test('a lookahead pattern (which RE2 lacks) runs when it cannot backtrack without bound', async () => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': 'id: no-latest\nseverity: error\nmessage: m\ntarget: container\nschema:\n  properties: { image: { pattern: "^(?!.*:latest$)" } }\n',
      'web.yaml': DEPLOYMENT.replace('image: fluent-bit:3.1', 'image: fluent-bit:latest'),
    });
    expect(at((await findings(cwd)).filter((f) => f.rule === 'no-latest'))).toEqual(['web.yaml:19 no-latest']);
  });

  test.each([
    ['nested repetition', '(?=a)(a+)+$'],
    ['a repeated alternation', '(?!x)(a|aa)*$'],
    ['a backreference in a repetition', '((a)\\\\2+)+'],
  ])('a backtracking pattern with %s is refused when loaded, with file and line', (_, pattern) => {
    const cwd = tree({
      [CONFIG]: USE_POLICIES,
      'policies/p.yaml': `id: look\nseverity: error\nmessage: m\ntarget: container\nschema:\n  properties: { name: { pattern: "${pattern}" } }\n`,
    });
    expect(configError(cwd)).toMatch(/policies\/p\.yaml:5:1: schema: the schema does not compile: the pattern .* could take exponential time/);
  });

});

describe('broken policies are configuration errors with file, line and what is wrong', () => {
  test.each([
    ['a missing key', 'id: a\nseverity: error\nmessage: m\nschema: {}\n', /policies\/p\.yaml:1:1: the value is missing the required key "target"/],
    ['a bad target', 'id: a\nseverity: error\nmessage: m\ntarget: sidecars\nschema: {}\n', /policies\/p\.yaml:4:9: target: `target` must be one of resource, pod, container, sidecar, init-container, volume, got the string "sidecars"/],
    ['an unknown key', 'id: a\nseverity: error\nmessage: m\ntarget: pod\nkind: [Pod]\nschema: {}\n', /policies\/p\.yaml:5:1: kind: unknown key "kind" \(did you mean "kinds"\?\)/],
    ['a bad id', 'id: Not_Kebab\nseverity: error\nmessage: m\ntarget: pod\nschema: {}\n', /policies\/p\.yaml:1:5: id: `id` must match pattern/],
    ['an invalid schema', 'id: a\nseverity: error\nmessage: m\ntarget: pod\nschema:\n  properties:\n    x: { type: strin }\n', /policies\/p\.yaml:7:\d+: schema\.properties\.x\.type: not a valid JSON Schema/],
    ['an unknown draft', 'id: a\nseverity: error\nmessage: m\ntarget: pod\nschema: { $schema: "http://json-schema.org/draft-04/schema#" }\n', /unsupported \$schema/],
    ['broken YAML', 'id: a\nseverity: [error\n', /policies\/p\.yaml:\d+:\d+: /],
  ])('%s', (_, text, expected) => {
    const cwd = tree({ [CONFIG]: USE_POLICIES, 'policies/p.yaml': text });
    expect(configError(cwd)).toMatch(expected);
  });

  test('duplicate ids name both places; a built-in id is refused', () => {
    const p = (id: string) => `id: ${id}\nseverity: error\nmessage: m\ntarget: pod\nschema: {}\n`;
    let cwd = tree({ [CONFIG]: USE_POLICIES, 'policies/a.yaml': p('same'), 'policies/b.yaml': p('same') });
    expect(configError(cwd)).toMatch(/policies\/b\.yaml:1: policy id "same" is already used by policies\/a\.yaml:1/);
    cwd = tree({ [CONFIG]: USE_POLICIES, 'policies/a.yaml': p('unique-container-names') });
    expect(configError(cwd)).toMatch(/is a built-in rule's id/);
  });

  test('a missing policy folder', () => {
    expect(configError(tree({ [CONFIG]: 'policies: [nowhere]\n' }))).toMatch(/nowhere: policy path: no such file or folder/);
  });

  test('the CLI exits 2 and prints the problem', async () => {
    const cwd = tree({ [CONFIG]: USE_POLICIES, 'policies/p.yaml': 'id: a\n' });
    let stderr = '';
    const code = await runCli([], { cwd, env: {}, stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/policies\/p\.yaml:1:1/);
  });
});
