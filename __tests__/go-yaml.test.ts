// podlint reads YAML as Kubernetes reads it: each small file in __tests__/go-yaml/ is read by
// podlint (the plain data the rules see) and by the real kubectl 1.32 and 1.34 (kustomize's
// go-yaml v3 and apply's go-yaml v2 reading, see helpers/go-yaml-readings.ts), and the readings
// must be equal. A file whose first lines say `# read-as: apply` is compared with the apply
// reading only, and says there why kustomize reads it otherwise. The corpus files that made this
// necessary are compared in corpus/go-yaml.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { applyReading, k8sTools, kustomizeReading, podlintReading, sorted, VERSIONS } from './helpers/go-yaml-readings.js';

const CASES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'go-yaml');
const tools = k8sTools();

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-go-yaml-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function readAs(file: string): Array<'kustomize' | 'apply'> {
  const head = fs.readFileSync(file, 'utf8').split('\n', 5).join('\n');
  return /^# read-as: apply\b/m.test(head) ? ['apply'] : ['kustomize', 'apply'];
}

const handWritten = fs
  .readdirSync(CASES)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => path.join(CASES, name));

test('the hand-written inputs are all there, and the fast parse rejects the one it must', () => {
  // Deleting cases by accident must not make the suite pass quietly.
  expect(handWritten.length).toBeGreaterThanOrEqual(6);
  expect(() => parse(fs.readFileSync(path.join(CASES, 'quoted-under-indented.yaml'), 'utf8'))).toThrow();
});

describe.each(VERSIONS)('kubectl %s', (version) => {
  test.each(handWritten.map((file) => [path.basename(file), file]))('%s reads as go-yaml reads it', async (_, file) => {
    const ours = sorted(podlintReading(file));
    for (const way of readAs(file)) {
      const read = way === 'kustomize' ? kustomizeReading : applyReading;
      const theirs = await read(tools[version].kubectl, file, work);
      expect({ way, docs: ours }).toEqual({ way, docs: sorted(theirs) });
    }
  });
});
