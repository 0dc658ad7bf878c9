// Checks written for other JSON Schema linters, as podlint policies: Polaris-style quantity
// bounds (`resourceMinimum`/`resourceMaximum`), `not` + `pattern`, and draft-2019-09 schemas with
// $defs over a pod spec, each against manifests that must pass and must fail.
import { loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { parseQuantity } from '../src/policy/quantity.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-peer-');

test.each([
  ['500m', 0.5],
  ['2', 2],
  [2, 2],
  ['1.5Gi', 1.5 * 2 ** 30],
  ['128974848', 128974848],
  ['129e6', 129e6],
  ['123Mi', 123 * 2 ** 20],
  ['1k', 1000],
  ['lots', undefined],
  ['1d', undefined],
  [null, undefined],
])('parseQuantity(%p)', (text, value) => {
  expect(parseQuantity(text)).toBe(value);
});

const POLICIES = `id: cpu-limit-range
severity: warning
message: CPU limits should be within the required range
target: container
schema:
  $schema: http://json-schema.org/draft-07/schema
  type: object
  required: [resources]
  properties:
    resources:
      type: object
      required: [limits]
      properties:
        limits:
          required: [cpu]
          properties:
            cpu: { resourceMinimum: 200m, resourceMaximum: "2" }
---
id: tag-specified
severity: error
message: Image tag should be specified
target: container
schema:
  $schema: http://json-schema.org/draft-07/schema
  required: [image]
  allOf:
    - properties: { image: { pattern: "^.+:.+$" } }
    - properties: { image: { not: { pattern: "^.+:latest$" } } }
---
id: pod-non-root
severity: error
message: Pods should not run as root
target: pod
schema:
  $schema: https://json-schema.org/draft/2019-09/schema
  $defs:
    good: { anyOf: [{ required: [runAsNonRoot], properties: { runAsNonRoot: { const: true } } }, { required: [runAsUser], properties: { runAsUser: { minimum: 1 } } }] }
  required: [securityContext]
  properties:
    securityContext: { $ref: "#/$defs/good" }
  dependentRequired:
    hostNetwork: [dnsPolicy]
`;

function pod(cpu: string, image: string, security: string): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
${security}  containers:
    - name: app
      image: ${image}
      resources: { limits: { cpu: ${cpu}, memory: 1Gi } }
`;
}

async function rules(manifest: string): Promise<string[]> {
  const cwd = tree({ '.podlint.yml': 'policies: [checks]\nrules: { k8s-schema: off }\n', 'checks/p.yaml': POLICIES, 'm.yaml': manifest });
  const config = loadConfig({ cwd });
  const report = await lint({ ...config.lintOptions, paths: ['m.yaml'], cwd });
  return report.findings.map((f) => `${f.line} ${f.rule}`);
}

const GOOD_SECURITY = '  securityContext: { runAsNonRoot: true }\n';

test('success: every check passes', async () => {
  expect(await rules(pod('500m', 'nginx:1.27', GOOD_SECURITY))).toEqual([]);
  expect(await rules(pod('"2"', 'nginx:1.27', '  securityContext: { runAsUser: 1000 }\n'))).toEqual([]);
});

test('failure: a CPU limit under the minimum or over the maximum, at the value', async () => {
  expect(await rules(pod('100m', 'nginx:1.27', GOOD_SECURITY))).toEqual(['9 cpu-limit-range']);
  expect(await rules(pod('3', 'nginx:1.27', GOOD_SECURITY))).toEqual(['9 cpu-limit-range']);
  expect(await rules(pod('lots', 'nginx:1.27', GOOD_SECURITY))).toEqual(['9 cpu-limit-range']);
});

test('failure: no tag, or latest', async () => {
  expect(await rules(pod('1', 'nginx', GOOD_SECURITY))).toEqual(['8 tag-specified']);
  expect(await rules(pod('1', 'nginx:latest', GOOD_SECURITY))).toEqual(['8 tag-specified']);
});

test('failure: the pod runs as root, or sets hostNetwork without dnsPolicy (2019-09)', async () => {
  expect(await rules(pod('1', 'nginx:1.27', '  securityContext: { runAsUser: 0 }\n'))).toEqual(['5 pod-non-root']);
  expect(await rules(pod('1', 'nginx:1.27', ''))).toEqual(['4 pod-non-root']);
  expect(await rules(pod('1', 'nginx:1.27', `${GOOD_SECURITY}  hostNetwork: true\n`))).toEqual(['4 pod-non-root']);
});
