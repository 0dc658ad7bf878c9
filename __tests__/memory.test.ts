// Memory does not grow with the repository: what a run keeps of a file once it is checked (its
// findings, its counts, the custom resources left for the scan's CRDs, its CRDs) must not hold
// the file's text. V8 keeps a string cut from a longer one as a slice of it, so a finding's
// resource name alone would keep a whole file alive (check-file.ts detachOutcome). The files here
// are large and each has findings and deferred custom resources; what the run keeps after it
// ends, report included, must be a small part of their size. Timing is the benchmark's business
// (npm run bench); this only measures what is still reachable.
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, test } from '@jest/globals';
import { lint } from '../src/lint.js';
import { treeMaker } from './helpers/tree.js';

const tree = treeMaker('podlint-memory-');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const FILES = 30;
/** Bytes of filler per file, in the custom resource: kept whole, a deferred resource would keep it. */
const FILLER = 400 * 1024;

/** A Deployment whose sidecar floats on :latest, and a large custom resource of a kind no CRD covers. */
function largeFile(i: number): string {
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: web-frontend-with-a-long-name-${i} }`,
    'spec:',
    '  selector: { matchLabels: { app: web } }',
    '  template:',
    '    metadata: { labels: { app: web } }',
    '    spec:',
    '      containers:',
    '        - { name: application-container, image: "nginx:1.27.0" }',
    `        - { name: log-shipper-sidecar-${i}, image: "fluent/fluent-bit:latest" }`,
    '---',
    'apiVersion: widgets.example-long-group.podlint.dev/v1alpha1',
    'kind: WidgetOfSomeLongKind',
    `metadata: { name: widget-with-a-long-name-${i} }`,
    'spec:',
    '  parts:',
  ];
  const value = 'x'.repeat(1000);
  for (let k = 0; k * 1000 < FILLER; k++) lines.push(`    part-${k}: "${value}"`);
  return lines.join('\n') + '\n';
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test('a checked file leaves nothing of its text behind: the kept outcomes are far smaller than the files', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`app-${i}.yaml`] = largeFile(i);
  const cwd = tree(files);
  // A first run loads what every run shares (the validators of these kinds, compiled code).
  await lint({ paths: ['.'], cwd: tree({ 'one.yaml': largeFile(0).slice(0, 2000).replace(/\n[^\n]*$/, '\n') }) });
  const before = heapUsed();
  const report = await lint({ paths: ['.'], cwd });
  const kept = heapUsed() - before;
  // Each file yields a finding, and its custom resource is counted unchecked (no CRD in the scan).
  expect(report.findings.filter((f) => f.rule === 'sidecar-image-pinned')).toHaveLength(FILES);
  expect(report.summary.unchecked?.find((g) => g.kind === 'WidgetOfSomeLongKind')?.count).toBe(FILES);
  // 30 files of 400 KiB: 12 MiB of text. Kept, it would be all of it; the report itself is a few KiB.
  expect(kept).toBeLessThan((FILES * FILLER) / 8);
});
