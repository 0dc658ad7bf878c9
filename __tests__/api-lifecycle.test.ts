// removed-api and deprecated-api: the removal table against the Deprecated API Migration Guide,
// every entry at the versions around its deprecation and removal, and the target version read
// from the CLI, the config file and the Action's input.
import { describe, expect, test } from '@jest/globals';
import { readInputs } from '../src/action/inputs.js';
import { checkText } from '../src/check-text.js';
import { runCli, type CliIo } from '../src/cli.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { LIFECYCLE, NEWEST_KUBERNETES_VERSION, apiStatus, parseKubernetesVersion } from '../src/k8s-schema/api-lifecycle.js';
import { StepError } from '../src/action/step-error.js';
import { ALL_RULES } from '../src/rules/index.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-lifecycle-');

// "Removed APIs by release" of https://kubernetes.io/docs/reference/using-api/deprecation-guide/,
// written out by hand from the guide (not from the table): release, apiVersion, kind, the
// replacement the guide names.
const GUIDE: readonly [string, string, string, string][] = [
  ['1.32', 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
  ['1.32', 'flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
  ['1.29', 'flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
  ['1.29', 'flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
  ['1.27', 'storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'storage.k8s.io/v1'],
  ['1.26', 'flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta3'],
  ['1.26', 'flowcontrol.apiserver.k8s.io/v1beta1', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1beta3'],
  ['1.26', 'autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
  ['1.25', 'batch/v1beta1', 'CronJob', 'batch/v1'],
  ['1.25', 'discovery.k8s.io/v1beta1', 'EndpointSlice', 'discovery.k8s.io/v1'],
  ['1.25', 'events.k8s.io/v1beta1', 'Event', 'events.k8s.io/v1'],
  ['1.25', 'autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
  ['1.25', 'policy/v1beta1', 'PodDisruptionBudget', 'policy/v1'],
  ['1.25', 'policy/v1beta1', 'PodSecurityPolicy', ''],
  ['1.25', 'node.k8s.io/v1beta1', 'RuntimeClass', 'node.k8s.io/v1'],
  ['1.22', 'admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
  ['1.22', 'admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
  ['1.22', 'apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1'],
  ['1.22', 'apiregistration.k8s.io/v1beta1', 'APIService', 'apiregistration.k8s.io/v1'],
  ['1.22', 'authentication.k8s.io/v1beta1', 'TokenReview', 'authentication.k8s.io/v1'],
  ['1.22', 'authorization.k8s.io/v1beta1', 'LocalSubjectAccessReview', 'authorization.k8s.io/v1'],
  ['1.22', 'authorization.k8s.io/v1beta1', 'SelfSubjectAccessReview', 'authorization.k8s.io/v1'],
  ['1.22', 'authorization.k8s.io/v1beta1', 'SubjectAccessReview', 'authorization.k8s.io/v1'],
  ['1.22', 'certificates.k8s.io/v1beta1', 'CertificateSigningRequest', 'certificates.k8s.io/v1'],
  ['1.22', 'coordination.k8s.io/v1beta1', 'Lease', 'coordination.k8s.io/v1'],
  ['1.22', 'extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1'],
  ['1.22', 'networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1'],
  ['1.22', 'networking.k8s.io/v1beta1', 'IngressClass', 'networking.k8s.io/v1'],
  ['1.22', 'rbac.authorization.k8s.io/v1beta1', 'ClusterRole', 'rbac.authorization.k8s.io/v1'],
  ['1.22', 'rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['1.22', 'rbac.authorization.k8s.io/v1beta1', 'Role', 'rbac.authorization.k8s.io/v1'],
  ['1.22', 'rbac.authorization.k8s.io/v1beta1', 'RoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['1.22', 'scheduling.k8s.io/v1beta1', 'PriorityClass', 'scheduling.k8s.io/v1'],
  ['1.22', 'storage.k8s.io/v1beta1', 'CSIDriver', 'storage.k8s.io/v1'],
  ['1.22', 'storage.k8s.io/v1beta1', 'CSINode', 'storage.k8s.io/v1'],
  ['1.22', 'storage.k8s.io/v1beta1', 'StorageClass', 'storage.k8s.io/v1'],
  ['1.22', 'storage.k8s.io/v1beta1', 'VolumeAttachment', 'storage.k8s.io/v1'],
  ['1.16', 'extensions/v1beta1', 'NetworkPolicy', 'networking.k8s.io/v1'],
  ['1.16', 'extensions/v1beta1', 'PodSecurityPolicy', 'policy/v1beta1'],
  ['1.16', 'extensions/v1beta1', 'DaemonSet', 'apps/v1'],
  ['1.16', 'apps/v1beta2', 'DaemonSet', 'apps/v1'],
  ['1.16', 'extensions/v1beta1', 'Deployment', 'apps/v1'],
  ['1.16', 'apps/v1beta1', 'Deployment', 'apps/v1'],
  ['1.16', 'apps/v1beta2', 'Deployment', 'apps/v1'],
  ['1.16', 'apps/v1beta1', 'StatefulSet', 'apps/v1'],
  ['1.16', 'apps/v1beta2', 'StatefulSet', 'apps/v1'],
  ['1.16', 'extensions/v1beta1', 'ReplicaSet', 'apps/v1'],
  ['1.16', 'apps/v1beta1', 'ReplicaSet', 'apps/v1'],
  ['1.16', 'apps/v1beta2', 'ReplicaSet', 'apps/v1'],
];

const minor = (v: string) => Number(v.split('.')[1]);
const at = (m: number) => `1.${m}`;

function manifest(apiVersion: string, kind: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: old\n`;
}

async function lifecycleFindings(apiVersion: string, kind: string, kubernetesVersion?: string) {
  const { findings } = await checkText(manifest(apiVersion, kind), { file: 'old.yaml', kubernetesVersion });
  return findings.filter((f) => f.rule !== 'k8s-schema');
}

describe('the removal table', () => {
  test('holds every API of the migration guide, removed at the guide\'s release, with its replacement', () => {
    for (const [removed, apiVersion, kind, replacement] of GUIDE) {
      const status = apiStatus(apiVersion, kind, removed);
      expect({ apiVersion, kind, state: status?.state, removed: status?.entry.removed }).toEqual({ apiVersion, kind, state: 'removed', removed });
      // At the removal release the guide's replacement is served, and it is the one named.
      expect({ apiVersion, kind, replacement: status?.replacement ?? '' }).toEqual({ apiVersion, kind, replacement });
      // The release before still serves it.
      expect(apiStatus(apiVersion, kind, at(minor(removed) - 1))?.state).not.toBe('removed');
    }
  });

  test('lists nothing that is not removed since 1.16, and deprecates before it removes', () => {
    const guide = new Set(GUIDE.map(([, a, k]) => `${a}|${k}`));
    for (const e of LIFECYCLE) {
      expect(minor(e.removed)).toBeGreaterThanOrEqual(16);
      expect(minor(e.deprecated)).toBeLessThan(minor(e.removed));
      // Entries beyond the guide say where they come from.
      if (!guide.has(`${e.apiVersion}|${e.kind}`)) expect(e).toMatchObject({ source: 'lifecycle' });
    }
  });
});

describe.each(LIFECYCLE.map((e) => [`${e.apiVersion} ${e.kind}`, e] as const))('%s', (_, entry) => {
  const removed = minor(entry.removed);
  const deprecated = minor(entry.deprecated);

  test(`is a removed-api error from ${entry.removed} on, at the apiVersion`, async () => {
    for (const target of [removed, NEWEST_KUBERNETES_VERSION === at(removed) ? removed : removed + 1]) {
      const found = await lifecycleFindings(entry.apiVersion, entry.kind, at(target));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ rule: 'removed-api', severity: 'error', line: 1, column: 13, endColumn: 13 + entry.apiVersion.length });
      expect(found[0]!.message).toContain(`\`${entry.apiVersion}\` ${entry.kind} was removed in Kubernetes ${entry.removed}; `);
    }
  });

  test(`is a deprecated-api notice from ${entry.deprecated} to the release before ${entry.removed}, and nothing before`, async () => {
    const found = await lifecycleFindings(entry.apiVersion, entry.kind, at(removed - 1));
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['deprecated-api', 'notice']]);
    expect(found[0]!.message).toContain(`will be removed in Kubernetes ${entry.removed}`);
    expect(await lifecycleFindings(entry.apiVersion, entry.kind, at(deprecated - 1))).toEqual([]);
  });

  test('is not also schema-checked once removed', async () => {
    const text = manifest(entry.apiVersion, entry.kind) + 'spec:\n  notAField: 1\nbogus: true\n';
    const { findings } = await checkText(text, { file: 'old.yaml', kubernetesVersion: entry.removed });
    expect(findings.map((f) => f.rule)).toEqual(['removed-api']);
  });
});

describe('messages', () => {
  test('name the release that removed the API and the replacement served at the target', async () => {
    const [ds] = await lifecycleFindings('extensions/v1beta1', 'DaemonSet');
    expect(ds!.message).toBe('`extensions/v1beta1` DaemonSet was removed in Kubernetes 1.16; use `apps/v1`');
    // flowcontrol v1beta1 at 1.26: v1 is not served yet, v1beta3 is.
    const [early] = await lifecycleFindings('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.26');
    expect(early!.message).toMatch(/use `flowcontrol\.apiserver\.k8s\.io\/v1beta3`$/);
    const [late] = await lifecycleFindings('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.30');
    expect(late!.message).toMatch(/use `flowcontrol\.apiserver\.k8s\.io\/v1`$/);
    const [cron] = await lifecycleFindings('batch/v1beta1', 'CronJob', '1.23');
    expect(cron!.message).toBe('`batch/v1beta1` CronJob is deprecated and will be removed in Kubernetes 1.25; use `batch/v1`');
  });

  test('say what to do where no replacement is served (PodSecurityPolicy)', async () => {
    const [psp] = await lifecycleFindings('policy/v1beta1', 'PodSecurityPolicy');
    expect(psp!.message).toContain('Pod Security Admission');
    const [old] = await lifecycleFindings('extensions/v1beta1', 'PodSecurityPolicy', '1.20');
    expect(old!.message).toMatch(/use `policy\/v1beta1`$/);
    const [gone] = await lifecycleFindings('extensions/v1beta1', 'PodSecurityPolicy', '1.30');
    expect(gone!.message).toContain('Pod Security Admission');
  });

  test('served APIs and custom resources are left alone; items of a List are judged one by one', async () => {
    expect(await lifecycleFindings('apps/v1', 'Deployment', '1.16')).toEqual([]);
    expect(await lifecycleFindings('example.com/v1beta1', 'Deployment')).toEqual([]);
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: extensions/v1beta1\n    kind: Ingress\n    metadata: { name: a }\n';
    const { findings } = await checkText(list, { file: 'l.yaml' });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['removed-api', 4]]);
  });

  test('the rules can be turned off, or silenced per resource, like any other', async () => {
    const text = manifest('batch/v1beta1', 'CronJob');
    expect((await checkText(text, { file: 'a.yaml', rules: { 'removed-api': { severity: 'off' } } })).findings).toEqual([]);
    const ignored = text.replace('  name: old\n', '  name: old\n  annotations: { podlint.io/ignore: removed-api }\n');
    expect((await checkText(ignored, { file: 'a.yaml' })).findings).toEqual([]);
    const warned = await checkText(text, { file: 'a.yaml', kubernetesVersion: '1.22', rules: { 'deprecated-api': { severity: 'warning' } } });
    expect(warned.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  test('are listed with the other rules, with description and remediation', () => {
    for (const id of ['removed-api', 'deprecated-api']) {
      const rule = ALL_RULES.find((r) => r.id === id);
      expect(rule?.description.length).toBeGreaterThan(40);
      expect(rule?.remediation.length).toBeGreaterThan(40);
    }
    expect(ALL_RULES.find((r) => r.id === 'deprecated-api')?.defaultSeverity).toBe('notice');
  });
});

describe('the target version', () => {
  test('is read as 1.N from 1.N, v1.N and 1.N.P, and nothing else', () => {
    expect(['1.29', 'v1.29', '1.29.3', ' 1.8 '].map(parseKubernetesVersion)).toEqual(['1.29', '1.29', '1.29', '1.8']);
    expect(['', '1', '2.0', '1.x', 'latest', '1.29.3.4', '1.029'].map(parseKubernetesVersion)).toEqual(Array(7).fill(undefined));
  });

  async function cli(argv: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    return { code: await runCli(argv, io), stdout, stderr };
  }

  test('--kubernetes-version wins over the config file, which wins over the default', async () => {
    const dir = tree({ 'cron.yaml': manifest('batch/v1beta1', 'CronJob'), '.podlint.yml': 'kubernetes-version: 1.22\n' });
    const rules = async (argv: string[]) => JSON.parse((await cli(['--format', 'json', ...argv], dir)).stdout).findings.map((f: { rule: string }) => f.rule);
    expect(await rules([])).toEqual(['deprecated-api']);
    expect(await rules(['--kubernetes-version', '1.20'])).toEqual([]);
    expect(await rules(['--kubernetes-version', 'v1.25.1'])).toEqual(['removed-api']);
    const bare = tree({ 'cron.yaml': manifest('batch/v1beta1', 'CronJob') });
    expect(JSON.parse((await cli(['--format', 'json'], bare)).stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['removed-api']);
  });

  test('a bad --kubernetes-version is a usage error (exit 2) naming the value', async () => {
    const dir = tree({ 'a.yaml': manifest('v1', 'ConfigMap') });
    const r = await cli(['--kubernetes-version', '1.x', 'a.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kubernetes-version takes a version such as 1.29, not "1.x"');
  });

  test('in the config file, 1.30 unquoted means 1.30 (not the number 1.3); a bad value names file and line', () => {
    expect(loadConfig({ cwd: tree({ '.podlint.yml': 'kubernetes-version: 1.30\n' }) }).lintOptions.kubernetesVersion).toBe('1.30');
    expect(loadConfig({ cwd: tree({ '.podlint.yml': 'kubernetes-version: "v1.21"\n' }) }).lintOptions.kubernetesVersion).toBe('1.21');
    const cwd = tree({ '.podlint.yml': 'rules: {}\nkubernetes-version: newest\n' });
    expect(() => loadConfig({ cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ cwd })).toThrow(/\.podlint\.yml:2:21: kubernetes-version: must be a Kubernetes version such as 1\.29, not "newest"/);
  });

  test('the Action input is read the same way; empty leaves it to the config', () => {
    const read = (v: string) => readInputs((name) => (name === 'kubernetes-version' ? v : '')).kubernetesVersion;
    expect(read('')).toBeUndefined();
    expect(read('1.27')).toBe('1.27');
    expect(() => read('one')).toThrow(new StepError('input "kubernetes-version" must be a Kubernetes version such as 1.29, not "one"'));
  });
});
