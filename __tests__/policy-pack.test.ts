// The opt-in pack in policies/pack: each policy valid by the published policy schema, carried
// by the bundles, off by default, and firing (or not) on the manifests its users would write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { lint } from '../src/lint.js';
import { loadPolicies } from '../src/policy/load.js';
import { PACK, PACK_FILES } from '../src/policy/pack.js';

const packDir = path.join(process.cwd(), 'policies', 'pack');

test('every file of policies/pack is in the bundled pack and passes the policy schema', () => {
  expect(Object.keys(PACK_FILES).sort()).toEqual(fs.readdirSync(packDir).sort());
  const loaded = loadPolicies([packDir], process.cwd());
  expect(loaded.map((p) => p.id).sort()).toEqual(PACK.map((p) => p.id).sort());
  for (const p of PACK) expect(p.description && p.remediation).toBeTruthy();
});

async function run(manifest: string, rules: string): Promise<string[]> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-pack-'));
  fs.writeFileSync(path.join(cwd, 'm.yaml'), manifest);
  fs.writeFileSync(path.join(cwd, '.podlint.yml'), `rules:\n  multi-container-shared-volume: off\n  sidecar-image-pinned: off\n${rules}`);
  const config = loadConfig({ cwd });
  const report = await lint({ ...config.lintOptions, paths: ['.'], cwd });
  return report.findings.map((f) => `${f.line} ${f.rule} ${f.severity}`);
}

const pod = (containers: string, init = '') => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
${init}  containers:
${containers}`;

const APP = '    - name: app\n      image: ghcr.io/shop/app:1.0\n';

describe('sidecar-resource-limits', () => {
  const failing = pod(`${APP}    - name: shipper\n      image: fluent/fluent-bit:3.1\n      resources: { limits: { cpu: 100m } }\n`);
  test('off by default', async () => expect(await run(failing, '')).toEqual([]));
  test('fires on a sidecar without a memory limit, at its limits', async () => {
    expect(await run(failing, '  sidecar-resource-limits: warning\n')).toEqual(['10 sidecar-resource-limits warning']);
  });
  test('passes a sidecar with a memory limit, and leaves the primary alone', async () => {
    const ok = pod(`${APP}    - name: shipper\n      image: fluent/fluent-bit:3.1\n      resources: { limits: { memory: 64Mi } }\n`);
    expect(await run(ok, '  sidecar-resource-limits: warning\n')).toEqual([]);
  });
});

describe('sidecar-probes', () => {
  test('fires on a regular sidecar without probes, at the severity the config gives', async () => {
    const failing = pod(`${APP}    - name: proxy\n      image: envoyproxy/envoy:v1.30.1\n`);
    expect(await run(failing, '  sidecar-probes: error\n')).toEqual(['8 sidecar-probes error']);
  });
  test('passes a sidecar with a readiness probe, and a native sidecar without one', async () => {
    const probed = pod(`${APP}    - name: proxy\n      image: envoyproxy/envoy:v1.30.1\n      readinessProbe: { tcpSocket: { port: 9901 } }\n`);
    const native = pod(APP, '  initContainers:\n    - name: proxy\n      image: envoyproxy/envoy:v1.30.1\n      restartPolicy: Always\n');
    expect(await run(probed, '  sidecar-probes: warning\n')).toEqual([]);
    expect(await run(native, '  sidecar-probes: warning\n')).toEqual([]);
  });
});

describe('allowed-registries', () => {
  test('fires on an image from Docker Hub, at the image: one finding per pod (its target)', async () => {
    const failing = pod(`${APP}    - name: shipper\n      image: fluent/fluent-bit:3.1\n`);
    expect(await run(failing, '  allowed-registries: {}\n')).toEqual(['9 allowed-registries error']);
    const initOnly = pod(APP, '  initContainers:\n    - name: init\n      image: busybox:1.36\n');
    expect(await run(initOnly, '  allowed-registries: {}\n')).toEqual(['7 allowed-registries error']);
  });
  test('passes images from known registries', async () => {
    const ok = pod(`${APP}    - name: proxy\n      image: registry.k8s.io/pause:3.9\n    - name: x\n      image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1\n`);
    expect(await run(ok, '  allowed-registries: error\n')).toEqual([]);
  });
});
