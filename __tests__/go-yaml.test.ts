// podlint reads YAML as Kubernetes reads it. Every input here is read by podlint (the plain data
// the rules see) and by the real kubectl of two versions (1.32 and 1.34), offline, in two ways:
//
//   kustomize  `kubectl kustomize DIR` on a folder whose kustomization lists the file: kustomize's
//              go-yaml v3 reading, printed back as YAML
//   apply      `kubectl patch --local -f FILE -p {} -o json`: the reading of `kubectl apply -f` and
//              helm (sigs.k8s.io/yaml, go-yaml v2), no cluster needed
//
// and the readings must be equal. Inputs: the small files in __tests__/go-yaml/ and the corpus
// files that made this necessary (controller-gen CRD descriptions in openebs/lvm-localpv, plain
// and rendered from its Helm chart). A file whose first lines say `# read-as: apply` is compared
// with the apply reading only, and says there why kustomize reads it otherwise.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { parseManifestText } from '../src/manifest/parse.js';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const CASES = path.join(HERE, 'go-yaml');
const LVM = path.resolve(ROOT, '../shared/corpus/trees/openebs__lvm-localpv/deploy');

interface Tools {
  v32: { helm: string; kubectl: string };
  v34: { helm: string; kubectl: string };
}
const tools = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'scripts/k8s-tools.mjs')], { encoding: 'utf8' }).stdout) as Tools;
const VERSIONS = ['v32', 'v34'] as const;

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-go-yaml-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Only what kubectl needs, and nothing from the machine's own kube config. */
function env(): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', HOME: work, KUBECONFIG: path.join(work, 'no-kubeconfig') };
}

async function kustomizeReading(kubectl: string, file: string): Promise<unknown[]> {
  const dir = fs.mkdtempSync(path.join(work, 'kustomize-'));
  fs.copyFileSync(file, path.join(dir, 'resource.yaml'));
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [resource.yaml]\n');
  const { stdout } = await run(kubectl, ['kustomize', dir], { env: env(), maxBuffer: 64 << 20 });
  // kustomize prints standard YAML (it quotes every string that could read as anything else).
  return parseAllDocuments(stdout).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}

async function applyReading(kubectl: string, file: string): Promise<unknown[]> {
  const { stdout } = await run(kubectl, ['patch', '--local', '-f', file, '-p', '{}', '--type', 'merge', '-o', 'json'], {
    env: env(),
    maxBuffer: 64 << 20,
  });
  // One pretty-printed JSON object per resource, one after the other.
  return stdout
    .split(/^\}$/m)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => JSON.parse(`${chunk}}`) as unknown);
}

/** The plain data podlint's rules see, one entry per document. */
function podlintReading(file: string): unknown[] {
  const parsed = parseManifestText(fs.readFileSync(file, 'utf8'));
  expect(parsed.syntax).toEqual([]);
  return parsed.documents.map((doc) => doc.value);
}

/** kustomize sorts resources by kind; compare as sets, in a stable order. */
function sorted(docs: unknown[]): unknown[] {
  const key = (doc: unknown) => {
    const { kind, metadata } = doc as { kind?: string; metadata?: { name?: string } };
    return `${kind}/${metadata?.name}`;
  };
  return [...docs].sort((a, b) => key(a).localeCompare(key(b)));
}

function readAs(file: string): Array<'kustomize' | 'apply'> {
  const head = fs.readFileSync(file, 'utf8').split('\n', 5).join('\n');
  return /^# read-as: apply\b/m.test(head) ? ['apply'] : ['kustomize', 'apply'];
}

const handWritten = fs
  .readdirSync(CASES)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => path.join(CASES, name));

test('the hand-written inputs are all there', () => {
  // Deleting cases by accident must not make the suite pass quietly.
  expect(handWritten.length).toBeGreaterThanOrEqual(5);
});

describe.each(VERSIONS)('kubectl %s', (version) => {
  test.each(handWritten.map((file) => [path.basename(file), file]))('%s reads as go-yaml reads it', async (_, file) => {
    const ours = sorted(podlintReading(file));
    for (const way of readAs(file)) {
      const theirs = way === 'kustomize' ? await kustomizeReading(tools[version].kubectl, file) : await applyReading(tools[version].kubectl, file);
      expect({ way, docs: ours }).toEqual({ way, docs: sorted(theirs) });
    }
  });

  test.each([
    ['lvm-operator.yaml', path.join(LVM, 'lvm-operator.yaml')],
    ['yamls/lvm-driver.yaml', path.join(LVM, 'yamls/lvm-driver.yaml')],
  ])('corpus %s (controller-gen descriptions) reads as go-yaml reads it', async (_, file) => {
    const ours = sorted(podlintReading(file));
    expect(ours.length).toBeGreaterThan(1);
    expect(sorted(await kustomizeReading(tools[version].kubectl, file))).toEqual(ours);
    expect(sorted(await applyReading(tools[version].kubectl, file))).toEqual(ours);
  });

  test('corpus CRD chart, rendered by helm, reads as go-yaml reads it', async () => {
    const { stdout } = await run(tools[version].helm, ['template', 'crds', path.join(LVM, 'helm/charts/charts/crds')], { env: env(), maxBuffer: 64 << 20 });
    const file = path.join(work, `crds-${version}.yaml`);
    fs.writeFileSync(file, stdout);
    const ours = sorted(podlintReading(file));
    expect(ours.map((doc) => (doc as { kind: string }).kind)).toContain('CustomResourceDefinition');
    expect(sorted(await kustomizeReading(tools[version].kubectl, file))).toEqual(ours);
    expect(sorted(await applyReading(tools[version].kubectl, file))).toEqual(ours);
  });
});

test('the corpus files are ones the fast parse rejects (so the tests above exercise the compatible reading)', () => {
  for (const file of [path.join(LVM, 'lvm-operator.yaml'), path.join(LVM, 'yamls/lvm-driver.yaml')]) {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    expect(Array.isArray(docs) && docs.some((doc) => doc.errors.length > 0)).toBe(true);
  }
  expect(() => parse(fs.readFileSync(path.join(CASES, 'quoted-under-indented.yaml'), 'utf8'))).toThrow();
});
