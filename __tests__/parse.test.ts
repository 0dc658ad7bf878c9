// From text to findings with exact positions: parse.ts (documents, BOM, CRLF, syntax errors),
// convert.ts (aliases, merge keys, YAML 1.1, alias bombs, __proto__), locate.ts (paths back to
// positions, through aliases and merges) and check-text.ts (the ignore annotation).
import { checkText } from '../src/check-text.js';
import { parseManifestText } from '../src/manifest/parse.js';
import type { Finding } from '../src/types.js';

type Spot = Pick<Finding, 'rule' | 'line' | 'column' | 'endLine' | 'endColumn'>;

function spots(findings: readonly Finding[]): Spot[] {
  return findings
    .map(({ rule, line, column, endLine, endColumn }) => ({ rule, line, column, endLine, endColumn }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function check(text: string, file = 'k8s/pod.yaml') {
  return checkText(text, { file });
}

function valueOf(text: string): unknown {
  const parsed = parseManifestText(text);
  expect(parsed.syntax).toEqual([]);
  expect(parsed.documents).toHaveLength(1);
  return parsed.documents[0]!.value;
}

/** One finding of every pod rule, each at a known place. */
const POD = [
  'apiVersion: v1', //                  1
  'kind: Pod', //                       2
  'metadata:', //                       3
  '  name: web', //                     4
  'spec:', //                           5
  '  volumes:', //                      6
  '    - name: shared', //              7
  '      emptyDir: {}', //              8
  '  containers:', //                   9
  '    - name: app', //                 10
  '      image: app:1.0', //            11
  '      ports:', //                    12
  '        - containerPort: 8080', //   13
  '      volumeMounts:', //             14
  '        - name: shared', //          15
  '          mountPath: /data', //      16
  '    - name: shipper', //             17
  '      image: fluentd:latest', //     18 sidecar-image-pinned: the image value
  '      ports:', //                    19
  '        - containerPort: 8080', //   20 unique-container-ports: the later containerPort
  '      volumeMounts:', //             21
  '        - name: shraed', //          22 shared-volume-declared: the mount's name
  '          mountPath: /data', //      23 multi-container-shared-volume: another volume at app's path
  '    - name: app', //                 24 unique-container-names: the later name
  '      image: busybox:1.36', //       25
];

const POD_SPOTS: Spot[] = [
  { rule: 'sidecar-image-pinned', line: 18, column: 14, endLine: 18, endColumn: 28 },
  { rule: 'unique-container-ports', line: 20, column: 26, endLine: 20, endColumn: 30 },
  { rule: 'shared-volume-declared', line: 22, column: 17, endLine: 22, endColumn: 23 },
  { rule: 'multi-container-shared-volume', line: 23, column: 22, endLine: 23, endColumn: 27 },
  { rule: 'unique-container-names', line: 24, column: 13, endLine: 24, endColumn: 16 },
];

describe('positions (1-based, end exclusive)', () => {
  test('every rule points at its node', async () => {
    const result = (await check(POD.join('\n') + '\n'));
    expect(spots(result.findings)).toEqual(POD_SPOTS);
    expect(result).toMatchObject({ documents: 1, resources: 1, pods: 1 });
    for (const f of result.findings) {
      expect(f.file).toBe('k8s/pod.yaml');
      expect(f.resource).toEqual({ kind: 'Pod', name: 'web' });
    }
  });

  test('the span covers exactly the text of the value', async () => {
    const lines = POD;
    for (const f of (await check(lines.join('\n'))).findings) {
      expect(f.line).toBe(f.endLine);
      const covered = lines[f.line - 1]!.slice(f.column - 1, f.endColumn - 1);
      const expected: Record<string, string> = {
        'multi-container-shared-volume': '/data',
        'sidecar-image-pinned': 'fluentd:latest',
        'unique-container-ports': '8080',
        'shared-volume-declared': 'shraed',
        'unique-container-names': 'app',
      };
      expect(covered).toBe(expected[f.rule]);
    }
  });

  test('a node over several lines ends on its last character, not on the line break after it', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: app:1.0',
      '    - name: shipper', // 8: the container without an image starts here
      '      args: [run]', //   9: and ends after the ]
      '',
      '',
    ].join('\n');
    const pinned = (await check(text)).findings.filter((f) => f.rule === 'sidecar-image-pinned');
    expect(spots(pinned)).toEqual([{ rule: 'sidecar-image-pinned', line: 8, column: 7, endLine: 9, endColumn: 18 }]);
    expect(pinned[0]!.message).toMatch(/has no image/);
  });

  test('a byte-order mark does not shift columns on line 1 (or anywhere)', async () => {
    const json = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b"}]}}';
    const column = json.indexOf('"b"}') + 1;
    const expected = [{ rule: 'sidecar-image-pinned', line: 1, column, endLine: 1, endColumn: column + 3 }];
    const plain = (await check(json, 'p.json')).findings;
    const withBom = (await check('\uFEFF' + json, 'p.json')).findings;
    expect(plain.filter((f) => f.rule === 'sidecar-image-pinned').map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn }))).toEqual([
      { line: 1, column, endLine: 1, endColumn: column + 3 },
    ]);
    expect(withBom).toEqual(plain);
    expect(plain.map((f) => f.rule).sort()).toEqual(expected.map((e) => e.rule));
    expect(spots((await check('\uFEFF' + POD.join('\n'))).findings)).toEqual(POD_SPOTS);
  });

  test('CRLF line ends give the same positions, and spans stop before the \\r', async () => {
    expect(spots((await check(POD.join('\r\n') + '\r\n')).findings)).toEqual(POD_SPOTS);
    expect(spots((await check('\uFEFF' + POD.join('\r\n'))).findings)).toEqual(POD_SPOTS);
  });

  test('documents after the first count lines from the start of the file', async () => {
    const text = ['kind: Note', 'text: not kubernetes', '---', ...POD, '...', '---', '# only a comment'].join('\n');
    const result = (await check(text));
    expect(spots(result.findings)).toEqual(POD_SPOTS.map((s) => ({ ...s, line: s.line + 3, endLine: s.endLine + 3 })));
    expect(result.resources).toBe(1);
  });
});

describe('documents and syntax errors', () => {
  const goodPod = (name: string) => [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    '  containers:',
    '    - { name: app, image: app:1.0 }',
    '    - { name: shipper, image: fluentd }',
  ];

  test('a broken document hides nothing in the other documents of the file', async () => {
    const text = [
      ...goodPod('first'), // 1-7
      '---', //               8
      'apiVersion: v1', //    9
      'kind: Pod', //         10
      'metadata: { name: [broken }', // 11
      'spec: {}', //          12
      '---', //               13
      ...goodPod('third'), // 14-20
    ].join('\n');
    const result = (await check(text));
    const syntax = result.findings.filter((f) => f.rule === 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.severity).toBe('error');
    expect(syntax[0]!.line).toBeGreaterThanOrEqual(9);
    expect(syntax[0]!.line).toBeLessThanOrEqual(12);
    const pinned = result.findings.filter((f) => f.rule === 'sidecar-image-pinned');
    expect(pinned.map((f) => [f.resource?.name, f.line])).toEqual([
      ['first', 7],
      ['third', 20],
    ]);
    expect(result.documents).toBe(3);
    expect(result.resources).toBe(2);
  });

  test('a duplicate key is a syntax error at the second key', async () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers: []', '  containers: []'].join('\n');
    const syntax = (await check(text)).findings.filter((f) => f.rule === 'yaml-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.line).toBe(6);
    expect(syntax[0]!.column).toBe(3);
  });

  test('empty and comment-only documents are no error and no resource', async () => {
    const result = (await check('---\n# nothing\n---\n---\n...\n'));
    expect(result.findings).toEqual([]);
    expect(result.resources).toBe(0);
  });

  test('YAML that is no Kubernetes object is passed over silently', async () => {
    const result = (await check('just: data\nlist: [1, 2]\n---\n- a\n- b\n---\nplain text\n'));
    expect(result.findings).toEqual([]);
    expect(result.resources).toBe(0);
    expect(result.documents).toBe(3);
  });
});

describe('aliases and merge keys', () => {
  test('an alias reads as its anchor, and the finding points at the anchored value', async () => {
    const lines = [
      'x-images:',
      '  shipper: &shipper fluentd:latest',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - { name: app, image: app:1.0 }',
      '    - name: shipper',
      '      image: *shipper',
    ];
    const pinned = (await check(lines.join('\n'))).findings.filter((f) => f.rule === 'sidecar-image-pinned');
    const column = lines[1]!.indexOf('fluentd') + 1;
    expect(spots(pinned)).toEqual([{ rule: 'sidecar-image-pinned', line: 2, column, endLine: 2, endColumn: column + 'fluentd:latest'.length }]);
    expect(pinned[0]!.container).toBe('shipper');
  });

  test('explicit keys win over merged ones', async () => {
    expect(valueOf('base: &base { a: 1, b: 2 }\nm:\n  <<: *base\n  b: 3\n')).toEqual({ base: { a: 1, b: 2 }, m: { a: 1, b: 3 } });
    // Wherever the explicit key stands relative to the merge.
    expect(valueOf('base: &base { a: 1, b: 2 }\nm:\n  b: 3\n  <<: *base\n')).toEqual({ base: { a: 1, b: 2 }, m: { a: 1, b: 3 } });
  });

  test('in a sequence of merges the earlier source wins', async () => {
    const text = 'x: &x { k: from-x, only-x: 1 }\ny: &y { k: from-y, only-y: 2 }\nm:\n  <<: [*x, *y]\n';
    expect((valueOf(text) as { m: unknown }).m).toEqual({ k: 'from-x', 'only-x': 1, 'only-y': 2 });
    const swapped = text.replace('[*x, *y]', '[*y, *x]');
    expect((valueOf(swapped) as { m: { k: string } }).m.k).toBe('from-y');
  });

  test('a merge of an inline map works like one of an alias', async () => {
    expect(valueOf('m:\n  <<: { a: 1 }\n  b: 2\n')).toEqual({ m: { a: 1, b: 2 } });
  });

  test("a quoted '<<' is an ordinary key", async () => {
    expect(valueOf('base: &base { a: 1 }\nm:\n  "<<": *base\n')).toEqual({ base: { a: 1 }, m: { '<<': { a: 1 } } });
    expect(valueOf("m:\n  '<<': plain\n")).toEqual({ m: { '<<': 'plain' } });
  });

  test('merged containers are checked with the merged values, and findings point into the source map', async () => {
    const lines = [
      'x-sidecar: &sidecar { image: "fluentd:latest", imagePullPolicy: Always }', // 1
      'apiVersion: v1', //                                  2
      'kind: Pod', //                                       3
      'metadata: { name: p }', //                           4
      'spec:', //                                           5
      '  containers:', //                                   6
      '    - { name: app, image: app:1.0 }', //             7
      '    - <<: *sidecar', //                              8
      '      name: shipper', //                             9
      '    - <<: *sidecar', //                              10
      '      name: pinned', //                              11
      '      image: fluentd:v1.16', //                      12 explicit image wins: pinned
      '    - "<<": *sidecar', //                            13 an ordinary key: no image at all
      '      name: quoted', //                              14
    ];
    const pinned = (await check(lines.join('\n'))).findings.filter((f) => f.rule === 'sidecar-image-pinned');
    const column = lines[0]!.indexOf('"fluentd:latest"') + 1;
    expect(pinned.map((f) => f.container)).toEqual(['shipper', 'quoted']);
    expect(spots([pinned[0]!])).toEqual([{ rule: 'sidecar-image-pinned', line: 1, column, endLine: 1, endColumn: column + 16 }]);
    expect(pinned[1]!.message).toMatch(/has no image/);
    expect(pinned[1]!.line).toBe(13);
  });

  test('an alias without an anchor before it is a syntax finding at the alias', async () => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers:', '    - name: a', '      image: *later', 'x: &later app:1'];
    const findings = (await check(lines.join('\n'))).findings;
    expect(spots(findings)).toEqual([{ rule: 'yaml-syntax', line: 7, column: 14, endLine: 7, endColumn: 20 }]);
  });
});

describe('YAML 1.1, as Kubernetes reads it', () => {
  test('yes/no/on/off are booleans, quoted they are strings', async () => {
    expect(valueOf('a: yes\nb: No\nc: on\nd: OFF\ne: "yes"\nf: true\n')).toEqual({ a: true, b: false, c: true, d: false, e: 'yes', f: true });
  });

  test('a leading 0 is octal (defaultMode: 0644)', async () => {
    expect(valueOf('defaultMode: 0644\n')).toEqual({ defaultMode: 420 });
  });

  test('JSON is read as YAML', async () => {
    expect(valueOf('{"a": [1, "two", null, false], "b": {"c": 1.5}}')).toEqual({ a: [1, 'two', null, false], b: { c: 1.5 } });
  });
});

describe('alias expansion is bounded', () => {
  test('aliases expanding past the limit give a yaml-syntax finding, quickly', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]'];
    const started = Date.now();
    const findings = (await checkText(lines.join('\n'), { file: 'bomb.yaml', maxAliasNodes: 50 })).findings;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'yaml-syntax', severity: 'error', line: 2 });
    expect(findings[0]!.message).toMatch(/aliases expand to more than 50 nodes/);
    // The same document under a limit it stays within is fine.
    expect((await checkText(lines.join('\n'), { file: 'bomb.yaml', maxAliasNodes: 1000 })).findings).toEqual([]);
  });

  test('a bomb in one document does not hide the next document', async () => {
    const text = ['a: &a [x, x, x, x]', 'b: [*a, *a, *a, *a, *a, *a, *a, *a]', '---', ...POD].join('\n');
    const findings = (await checkText(text, { file: 'f.yaml', maxAliasNodes: 20 })).findings;
    expect(findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.line)).toEqual([2]);
    expect(findings.filter((f) => f.rule !== 'yaml-syntax')).toHaveLength(POD_SPOTS.length);
  });

  test('a nine-level billion-laughs bomb inside a Pod is a finding under the default limit, quickly', async () => {
    const names = 'abcdefghi';
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels:'];
    lines.push(`    a: &a {${Array.from({ length: 9 }, (_, k) => `l${k}: lol`).join(', ')}}`);
    for (let i = 1; i < names.length; i++) {
      lines.push(`    ${names[i]}: &${names[i]} [${Array.from({ length: 9 }, () => `*${names[i - 1]}`).join(', ')}]`);
    }
    lines.push('spec:', '  containers:', '    - {name: a, image: a:1}');
    const started = Date.now();
    const findings = (await checkText(lines.join('\n'), { file: 'bomb.yaml' })).findings;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['yaml-syntax', 11]]);
  });

  test('a self-referencing alias is a finding, not a loop', async () => {
    const findings = (await check('a: &a\n  b: *a\n')).findings;
    expect(findings.map((f) => f.rule)).toEqual(['yaml-syntax']);
  });
});

describe('__proto__ keys', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('are own keys, not prototypes', async () => {
    const value = valueOf('__proto__: { polluted: yes }\nother: 1\n') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'other']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
    expect(value.polluted).toBeUndefined();
  });

  test('nor through a merge key', async () => {
    const value = valueOf('base: &base { __proto__: { polluted: 1 } }\nm:\n  <<: *base\n') as { m: Record<string, unknown> };
    expect(Object.getPrototypeOf(value.m)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value.m, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(value.m.polluted).toBeUndefined();
  });

  test('a container cannot inherit its image through __proto__', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - { name: app, image: app:1.0 }',
      '    - name: shipper',
      '      __proto__: { image: "fluentd:latest", polluted: yes }',
    ].join('\n');
    const pinned = (await check(text)).findings.filter((f) => f.rule === 'sidecar-image-pinned');
    expect(pinned).toHaveLength(1);
    expect(pinned[0]!.message).toMatch(/has no image/);
  });
});

describe('the podlint.io/ignore annotation', () => {
  const pod = (annotations: string, where: 'resource' | 'template' = 'resource') => {
    const meta = annotations ? `  annotations: { podlint.io/ignore: ${annotations} }` : '  labels: {}';
    if (where === 'resource') return ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', meta, 'spec:', ...POD.slice(5)].join('\n');
    return [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  selector: { matchLabels: { app: web } }',
      '  template:',
      '    metadata:',
      '    ' + meta,
      '    spec:',
      ...POD.slice(5).map((l) => '    ' + l),
    ].join('\n');
  };
  const rules = async (text: string) => [...new Set((await check(text)).findings.map((f) => f.rule))].sort();
  const ALL = POD_SPOTS.map((s) => s.rule).sort();

  test('without it every rule fires (the baseline for the cases below)', async () => {
    expect((await rules(pod('')))).toEqual(ALL);
    expect((await rules(pod('', 'template')))).toEqual(ALL);
  });

  test('on the resource metadata it silences the rules it names', async () => {
    expect((await rules(pod('"sidecar-image-pinned"')))).toEqual(ALL.filter((r) => r !== 'sidecar-image-pinned'));
    expect((await rules(pod('"sidecar-image-pinned, unique-container-names ,shared-volume-declared"')))).toEqual([
      'multi-container-shared-volume',
      'unique-container-ports',
    ]);
  });

  test('on the pod template metadata too', async () => {
    expect((await rules(pod('"unique-container-ports"', 'template')))).toEqual(ALL.filter((r) => r !== 'unique-container-ports'));
  });

  test('"*" silences every rule', async () => {
    expect((await rules(pod('"*"')))).toEqual([]);
    expect((await rules(pod('"*"', 'template')))).toEqual([]);
  });

  test('an id it does not name changes nothing, and it only covers its own resource', async () => {
    expect((await rules(pod('"some-other-rule"')))).toEqual(ALL);
    const two = pod('"*"') + '\n---\n' + pod('');
    const findings = (await check(two)).findings;
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual(ALL);
    expect(Math.min(...findings.map((f) => f.line))).toBeGreaterThan(pod('"*"').split('\n').length);
  });
});
