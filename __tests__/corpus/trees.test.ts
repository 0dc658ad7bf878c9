// The trees sweep: the whole kustomize and Helm trees of ../shared/corpus/trees, file by file
// (rendering off, so the run does not depend on tools on the PATH). Nothing may throw, every
// finding must sit inside its file, and none may fall in the categories a reviewer throws out:
// test assertions (chainsaw), envsubst placeholders (cluster-api templates), `ko://` images
// (tekton) and multi-container-shared-volume on a pod that declares no volumes.
import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../../src/check-file.js';
import { lint } from '../../src/lint.js';
import type { Finding, Report } from '../../src/types.js';

const root = process.cwd();
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'trees');

function linesOf(file: string): string[] {
  let text = decode(fs.readFileSync(path.join(root, file))) ?? '';
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split('\n');
}

function outside(f: Finding, lines: string[]): boolean {
  const length = (n: number) => (lines[n - 1] ?? '').length;
  return !(
    f.line >= 1 &&
    f.endLine >= f.line &&
    f.endLine <= lines.length &&
    f.column >= 1 &&
    f.column <= length(f.line) + 1 &&
    f.endColumn >= 1 &&
    f.endColumn <= length(f.endLine) + 1 &&
    (f.endLine > f.line || f.endColumn >= f.column)
  );
}

describe('the trees corpus, file by file', () => {
  let report: Report;
  const lines = new Map<string, string[]>();
  const text = (f: Finding) => {
    if (!lines.has(f.file)) lines.set(f.file, linesOf(f.file));
    return lines.get(f.file)!;
  };

  beforeAll(async () => {
    expect(fs.existsSync(corpus)).toBe(true);
    report = await lint({ paths: [path.relative(root, corpus)], cwd: root, render: { kustomize: 'off', helm: 'off' } });
  });

  test('is read whole without a problem, and every finding sits inside its file', () => {
    expect(report.problems).toEqual([]);
    expect(report.summary.files).toBeGreaterThan(500);
    expect(report.findings.filter((f) => outside(f, text(f))).map((f) => `${f.file}:${f.line}:${f.column} [${f.rule}]`)).toEqual([]);
  });

  test('chainsaw assertion files are listed as skipped, and no finding is on one', () => {
    const chainsaw = 'trees/kyverno__chainsaw/testdata/';
    const skipped = report.skipped.filter((s) => s.file.includes(chainsaw)).map((s) => s.file.slice(s.file.indexOf(chainsaw) + chainsaw.length));
    expect(skipped).toEqual(expect.arrayContaining(['e2e/examples/assertion-tree/assert.yaml', 'e2e/examples/deployment/assertions.yaml', 'kuttl/01-assert.yaml']));
    const skippedWhole = new Set(report.skipped.filter((s) => s.line === undefined).map((s) => s.file));
    expect(report.findings.filter((f) => skippedWhole.has(f.file))).toEqual([]);
  });

  test('no finding on a placeholder value, a ko:// image, or a pod without volumes for the shared-volume rule', () => {
    const noise = report.findings.filter((f) => {
      const line = text(f)[f.line - 1] ?? '';
      if (f.rule === 'multi-container-shared-volume' && !/mountPath|name:/.test(line)) return true;
      return /\$\{[A-Za-z_]/.test(line) || /ko:\/\//.test(line);
    });
    expect(noise.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.message}`)).toEqual([]);
  });
});
