// The compatible reading (src/manifest/go-yaml-compat.ts) from podlint's side: findings elsewhere
// in a repaired document keep their exact positions, what go-yaml rejects too stays an error, and
// a hostile file cannot make the rounds unbounded. What go-yaml reads is go-yaml.test.ts's part.
import { checkText } from '../src/check-text.js';
import { parseManifestText } from '../src/manifest/parse.js';
import type { Finding } from '../src/types.js';

function spots(findings: readonly Finding[]) {
  return findings.map(({ rule, line, column, endLine, endColumn }) => ({ rule, line, column, endLine, endColumn }));
}

/** A two-container Deployment whose sidecar is unpinned, after a multi-line annotation. */
function deployment(annotation: string[]): string {
  return [
    'apiVersion: apps/v1', //                1
    'kind: Deployment', //                   2
    'metadata:', //                          3
    '  name: web', //                        4
    ...annotation, //                        5-7
    'spec:', //                              8
    '  selector: { matchLabels: { app: web } }',
    '  template:',
    '    metadata: { labels: { app: web } }',
    '    spec:',
    '      containers:',
    '        - { name: app, image: "app:1.0" }',
    '        - name: shipper',
    '          image: fluentd:latest', //    16
    '          args: [--a,',
    '  --b]',
  ].join('\n');
}

const INDENTED = ['  annotations:', "    note: 'a description that goes on", "      and on, indented as YAML 1.2 wants'"];
const CONTROLLER_GEN = ['  annotations:', "    note: 'a description that goes on", "    and on, at the key''s indentation'"];
const AT_COLUMN_ZERO = ['  annotations:', '    note: "a description that goes on', 'and on, at column 0"'];

describe('positions in a repaired document', () => {
  test('findings point at the same places as in the same document indented the YAML 1.2 way', async () => {
    const expected = spots((await checkText(deployment(INDENTED).replace('  --b]', '    --b]'), { file: 'd.yaml' })).findings);
    expect(expected.map((s) => s.rule)).toContain('sidecar-image-pinned');
    expect(expected.find((s) => s.rule === 'sidecar-image-pinned')).toEqual({ rule: 'sidecar-image-pinned', line: 16, column: 18, endLine: 16, endColumn: 32 });
    for (const annotation of [CONTROLLER_GEN, AT_COLUMN_ZERO]) {
      const result = await checkText(deployment(annotation), { file: 'd.yaml' });
      expect(result.findings.filter((f) => f.rule === 'yaml-syntax')).toEqual([]);
      expect(spots(result.findings)).toEqual(expected);
    }
  });

  test('a value in a repaired flow list is located on its own line', () => {
    const parsed = parseManifestText(deployment(CONTROLLER_GEN));
    expect(parsed.syntax).toEqual([]);
    const lines = parsed.text.split('\n');
    const at = parsed.text.indexOf('--b');
    expect(parsed.lineCounter.linePos(at)).toEqual({ line: lines.length, col: 3 });
  });
});

describe('what go-yaml rejects too stays a finding', () => {
  test('a string that never closes: the other documents are still checked', async () => {
    const good = deployment(INDENTED).replace('  --b]', '    --b]');
    const text = [good, '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', "  name: 'never closed", '  still open', '---', good].join('\n');
    const result = await checkText(text, { file: 'f.yaml' });
    expect(result.findings.filter((f) => f.rule === 'yaml-syntax')).toHaveLength(1);
    expect(result.findings.filter((f) => f.rule === 'sidecar-image-pinned').map((f) => f.line)).toEqual([16, 16 + 25]);
  });

  test('a multi-line quoted key (go-yaml: "could not find expected \':\'")', () => {
    const parsed = parseManifestText("a:\n  'two\n  lines': value\n");
    expect(parsed.documents).toEqual([]);
    expect(parsed.syntax).toHaveLength(1);
  });

  test('a flow list that never closes', () => {
    expect(parseManifestText('a:\n  b: [1,\n  2\nc: d\n').syntax).toHaveLength(1);
  });

  test('an escape go-yaml does not know (YAML 1.2 has \\/, go-yaml not)', () => {
    expect(parseManifestText('a:\n  b: "one\n  \\/ two"\n').syntax).toHaveLength(1);
  });

  test('a document marker inside the string', () => {
    const parsed = parseManifestText("a:\n  b: 'one\n---\n  two'\n");
    expect(parsed.syntax.length).toBeGreaterThanOrEqual(1);
    expect(parsed.documents.map((d) => d.value)).not.toContainEqual({ a: { b: 'one --- two' } });
  });
});

describe('bounds', () => {
  test('thousands of controller-gen strings in one document are all read', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: many }', 'data:'];
    for (let i = 0; i < 2000; i++) lines.push(`  k${i}: 'first`, `  second ''${i}'''`);
    const parsed = parseManifestText(lines.join('\n'));
    expect(parsed.syntax).toEqual([]);
    const data = (parsed.documents[0]!.value as { data: Record<string, string> }).data;
    expect(Object.keys(data)).toHaveLength(2000);
    expect(data.k1999).toBe("first second '1999'");
  });
});
