// The fast reader (fast-parse.ts) must read every document it answers for exactly as the full
// reader (parse.ts + convert.ts) does, and decline, with its reason, whatever it might read
// otherwise. The fixture cases are checked both ways (the corpus is in corpus/fast-reader.test.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText } from '../src/check-text.js';
import { FIRST_CHAR_GATE, parseFast } from '../src/manifest/fast-parse.js';
import { parseManifestText } from '../src/manifest/parse.js';
import { compareReadersPerFile, compareReadersWhole, relativeTo, withoutReading } from './helpers/differential.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.join(HERE, 'fixtures', 'cases');

function bothWays(text: string): { fast: unknown[]; full: unknown[]; fastCount: number; fullCount: number } {
  const fast = parseFast(text);
  if (!fast.ok) throw new Error(`the fast reader declined: ${fast.reason}`);
  const full = parseManifestText(text);
  expect(full.syntax).toEqual([]);
  return { fast: fast.parsed.values, full: full.documents.map((d) => d.value), fastCount: fast.parsed.documentCount, fullCount: full.documentCount };
}

describe('the fast reader reads as the full reader', () => {
  test.each([
    ['YAML 1.1 booleans', 'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: N\ng: True\nh: "yes"\ni: \'on\'\n'],
    ['YAML 1.1 numbers', 'a: 0777\nb: 0x1F\nc: 0b101\nd: 1_000\ne: +12\nf: -0\ng: 1e3\nh: .5\ni: 1.\nj: .inf\nk: -.Inf\nl: .NaN\nm: 09\nn: 1.0\n'],
    ['nulls', 'a: ~\nb: null\nc:\nd: NULL\ne: Null\nf: "null"\n'],
    ['timestamps and sexagesimals stay strings', 'a: 2024-01-01\nb: 2024-01-01T00:00:00Z\nc: 1:20\nd: 190:20:30.15\n'],
    ['block scalars', 'a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: >2\n    indented\n'],
    ['plain and quoted multi-line', 'a: one\n  two\n\n  three\nb: "x\\ty\n  z"\nc: \'it\'\'s\n  here\'\n'],
    ['flow collections and JSON', '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}]}, "x": [1, 2.5, true, null]}\n'],
    ['keys that are not strings', '1: a\nyes: b\n~: c\n0x10: d\n1.5: e\n'],
    ['a __proto__ key', '__proto__:\n  polluted: true\nb: 1\n'],
    ['several documents, empty ones passed over', '---\n---\n# only a comment\n---\na: 1\n--- ~\n---\n- x\n- y\n'],
    ['CRLF and a byte-order mark', '\ufeffa: 1\r\nb:\r\n  - c\r\n'],
    ['a scalar document', 'just text\n'],
    ['unicode', 'a: "\\u00e9\\U0001F600"\nb: é😀\n'],
  ])('%s', (_, text) => {
    const { fast, full, fastCount, fullCount } = bothWays(text);
    expect(fast).toEqual(full);
    expect(fastCount).toBe(fullCount);
  });

  test('a `__proto__` key stays an own property', () => {
    const fast = parseFast('__proto__:\n  polluted: true\n');
    expect(fast.ok && Object.prototype.hasOwnProperty.call(fast.parsed.values[0], '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('the first-character shortcut is on, and sound for every other first character', () => {
    expect(FIRST_CHAR_GATE).toBe(true);
    // (This caught `e1`, a float to YAML 1.1 and so once to podlint; go-yaml, and now podlint, read a string.)
    const gated = [...'abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ_/$@:!"#%&*()=?[]{}<>|\\^`\'', 'é'];
    for (const first of gated) {
      for (const rest of ['', 'es', 'rue', 'ull', '1', '.5', 'x10', 'e1', '.1e5', '0', '_1']) {
        const fast = parseFast(`a: ${first}${rest}\n`);
        const full = parseManifestText(`a: ${first}${rest}\n`);
        if (!fast.ok || full.syntax.length > 0) continue; // (indicators: not plain scalars)
        expect(fast.parsed.values).toEqual(full.documents.map((d) => d.value));
      }
    }
    // Letters that begin a null or a boolean: a longer word is a string, a short one may not be.
    for (const first of 'nNyYtToOfF') {
      for (const rest of ['', 'o', 'O', 'es', 'ES', 'rue', 'RUE', 'ull', 'ULL', 'n', 'N', 'ff', 'FF', 'alse', 'ALSE', 'alsey', 'amespace', 'ame', 'emplate']) {
        const text = `a: ${first}${rest}\n`;
        expect(parseFast(text)).toMatchObject({ ok: true, parsed: { values: parseManifestText(text).documents.map((d) => d.value) } });
      }
    }
  });
});

describe('the fast reader declines what it might read otherwise', () => {
  test.each([
    ['anchor', 'a: &x 1\n'],
    ['text', 'a: [1.2.3.4, 001:db8::]\n'],
    ['text', 'a: [x:, y]\n'],
    ['anchor', 'a: &x 1\nb: *x\n'],
    ['alias', 'a: *x\n'],
    ['anchor', 'a: &m {k: v}\n'],
    ['tag', 'a: !!str 1\n'],
    ['tag', 'a: !custom {k: v}\n'],
    ['merge-key', 'a:\n  <<: {k: v}\n'],
    ['duplicate-key', 'a: 1\na: 2\n'],
    ['duplicate-key', '1: a\n"1": b\n'],
    ['complex-key', '? [a, b]\n: c\n'],
    ['multi-line-key', '{"a\n  b": 1}\n'],
    ['syntax', 'a: [1, 2\n'],
    ['syntax', 'a: b: c\n'],
    ['text', '%YAML 1.2\n---\na: 1\n'],
    ['text', 'a: 1\n...\n'],
    ['text', 'a:\tb\n'],
    ['text', 'a: 1\rb: 2\n'],
    // YAML 1.1 line breaks: NEL (in a one-byte string too), LS and PS.
    ['text', 'a: x\u0085b\n'],
    ['text', 'a: x\u2028b\n'],
    ['text', 'a: "\u00e9"\nb: x\u2029c\n'],
  ])('%s: %j', (reason, text) => {
    expect(parseFast(text)).toEqual({ ok: false, reason });
  });

  test('a finding the fast reader cannot place for certain sends the file the full way', async () => {
    // The finding is on the sidecar's map, which ends in an empty value: the events say not where.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n    - name: log\n      image:\n';
    const auto = await checkText(text, { file: 'p.yaml' });
    expect(auto.fullReason).toBe('findings');
    expect(auto.findings.map((f) => f.message)).toEqual([expect.stringContaining('no image')]);
    expect({ ...auto, fullReason: undefined }).toEqual(await checkText(text, { file: 'p.yaml', reader: 'full' }));
  });

  test('a clean file is the fast reader\'s alone', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: x:1}\n';
    const auto = await checkText(text, { file: 'p.yaml' });
    expect(auto.fullReason).toBeUndefined();
    expect(auto).toEqual(await checkText(text, { file: 'p.yaml', reader: 'full' }));
  });
});

/** A Pod around one container's lines (indented for a block sequence item's map). */
const pod = (container: string, more = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${container}${more}`;

describe('findings placed from the fast reader\'s events (fast-locate.ts), exactly where the full reader puts them', () => {
  test.each([
    ['a plain scalar', pod('    - name: app\n      image: nginx:1.27\n    - name: log\n      image: fluent-bit:latest\n')],
    ['a plain scalar with a comment after it', pod('    - name: app\n      image: nginx:1.27\n    - name: log\n      image: fluent-bit:latest # floats\n')],
    ['a double-quoted scalar', pod('    - name: app\n      image: "nginx:1.27"\n    - name: log\n      image: "fluent-bit:latest"\n')],
    ["a single-quoted scalar", pod("    - name: app\n      image: 'nginx:1.27'\n    - name: log\n      image: 'fluent-bit:latest'\n")],
    ['a key (an unknown field)', pod('    - name: app\n      image: nginx:1.27\n      volumeMount: []\n')],
    ['a block scalar', pod('    - name: app\n      image: nginx:1.27\n      ports:\n        - containerPort: |\n            80\n')],
    ['a folded block scalar with a header comment', pod('    - name: app\n      image: nginx:1.27\n      ports:\n        - containerPort: >- # why\n            eighty\n')],
    ['flow collections', pod('    - {name: app, image: "nginx:1.27", ports: [{containerPort: 80}]}\n    - {name: app, image: "nginx:1.27"}\n')],
    ['a block map (a missing field)', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x:1\n'],
    ['a later document', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n~\n---\n${pod('    - name: a\n      image: x:1\n    - name: a\n      image: x:1\n')}`],
    ['a byte-order mark', `\ufeff${pod('    - name: app\n      image: nginx:1.27\n    - name: log\n      image: fluent-bit:latest\n')}`],
    ['CRLF line ends', pod('    - name: app\n      image: nginx:1.27\n    - name: log\n      image: "fluent-bit:latest" # floats\n').replace(/\n/g, '\r\n')],
    ['a map that comment lines follow', pod('    - name: app\n      image: nginx:1.27\n    - name: log\n      image: fluent-bit:latest\n      # pinned later\n')],
  ])('%s', async (_, text) => {
    const auto = await checkText(text, { file: 'f.yaml' });
    expect(auto.findings.length).toBeGreaterThan(0);
    expect(auto.fullReason).toBeUndefined(); // placed by the fast reader
    expect(auto).toEqual(await checkText(text, { file: 'f.yaml', reader: 'full' }));
  });

  test.each([
    ['a comment inside a flow collection', pod('    - {name: app, image: "nginx:1.27", ports: [{containerPort: 80}, # web\n      ]}\n    - {name: app, image: "nginx:1.27"}\n')],
  ])('%s: the same findings, placed whichever way is sure', async (_, text) => {
    const auto = await checkText(text, { file: 'f.yaml' });
    expect(auto.findings.length).toBeGreaterThan(0);
    expect({ ...auto, fullReason: undefined }).toEqual(await checkText(text, { file: 'f.yaml', reader: 'full' }));
  });
});

describe('the fixture cases, both ways', () => {
  const dir = relativeTo(process.cwd(), CASES);

  test('every case file has the outcome of the full reader', async () => {
    const result = await compareReadersPerFile([dir], process.cwd());
    expect(result.mismatches).toEqual([]);
    expect(result.files).toBeGreaterThan(40);
    expect(result.fast).toBeGreaterThan(0);
  });

  test('one run over all cases gives the report of the full reader', async () => {
    const { auto, full } = await compareReadersWhole({ paths: [dir], cwd: process.cwd() });
    expect(withoutReading(auto)).toEqual(withoutReading(full));
    expect(auto.reading!.fast).toBeGreaterThan(0);
  });
});
