// The corpus files that made the compatible reading necessary (controller-gen CRD descriptions
// in openebs/lvm-localpv, plain and rendered from its Helm chart) read as kubectl 1.32 and 1.34
// read them, both kustomize's way and apply's (helpers/go-yaml-readings.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { applyReading, env, k8sTools, kustomizeReading, podlintReading, run, sorted, VERSIONS } from '../helpers/go-yaml-readings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LVM = path.resolve(ROOT, '../shared/corpus/trees/openebs__lvm-localpv/deploy');
const FILES = [path.join(LVM, 'lvm-operator.yaml'), path.join(LVM, 'yamls/lvm-driver.yaml')];
const tools = k8sTools();

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-go-yaml-corpus-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the fast parse rejects these files (so the tests below exercise the compatible reading)', () => {
  for (const file of FILES) {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    expect(Array.isArray(docs) && docs.some((doc) => doc.errors.length > 0)).toBe(true);
  }
});

describe.each(VERSIONS)('kubectl %s', (version) => {
  test.each(FILES.map((file) => [path.relative(LVM, file), file]))('%s reads as go-yaml reads it', async (_, file) => {
    const ours = sorted(podlintReading(file));
    expect(ours.length).toBeGreaterThan(1);
    expect(sorted(await kustomizeReading(tools[version].kubectl, file, work))).toEqual(ours);
    expect(sorted(await applyReading(tools[version].kubectl, file, work))).toEqual(ours);
  });

  test('the CRD chart, rendered by helm, reads as go-yaml reads it', async () => {
    const chart = path.join(LVM, 'helm/charts/charts/crds');
    const { stdout } = await run(tools[version].helm, ['template', 'crds', chart], { env: env(work), maxBuffer: 64 << 20 });
    const file = path.join(work, `crds-${version}.yaml`);
    fs.writeFileSync(file, stdout);
    const docs = parseAllDocuments(stdout);
    expect(Array.isArray(docs) && docs.some((doc) => doc.errors.length > 0)).toBe(true);
    const ours = sorted(podlintReading(file));
    expect(ours.map((doc) => (doc as { kind: string }).kind)).toContain('CustomResourceDefinition');
    expect(sorted(await kustomizeReading(tools[version].kubectl, file, work))).toEqual(ours);
    expect(sorted(await applyReading(tools[version].kubectl, file, work))).toEqual(ours);
  });
});
